import PFColumnar
import PFTestSupport
import Testing

@Suite struct ColumnarTests {
    @Test(arguments: RandomArrays.allTypes)
    func buildSliceValidateEveryType(_ type: DataType) throws {
        var g = SplitMix64(seed: 99)
        let values = (0..<40).map { _ in RandomArrays.scalar(type, &g, nullRate: 0.25) }
        let a = try ArrayData.make(type, values)
        try a.validate()
        #expect(a.length == 40)
        #expect(a.scalars == values)
        let isUnion: Bool
        if case .union = type { isUnion = true } else { isUnion = false }
        // Unions have no validity bitmap: their null slots live in the children.
        #expect(a.nullCount == (isUnion ? 0 : values.filter(\.isNull).count))
        let s = try a.slice(10, 20)
        try s.validate()
        #expect(s.scalars == Array(values[10..<30]))
        #expect(s.nullCount == (isUnion ? 0 : values[10..<30].filter(\.isNull).count))
        #expect(throws: PFError.self) { try a.slice(30, 20) }
        #expect(a.equals(try ArrayData.make(type, values)))
    }

    @Test func buffersAre64ByteAligned() throws {
        let b = PrimitiveBuilder<Int32>(type: .int32)
        for i in 0..<1000 { b.append(Int32(i)) }
        let a = try b.finish()
        #expect(Int(bitPattern: a.buffers[1]!.baseAddress) % 64 == 0)
        let s = try ArrayData.make(.utf8, [.string("x"), .null])
        for buf in s.buffers.compactMap({ $0 }) { #expect(Int(bitPattern: buf.baseAddress) % 64 == 0) }
    }

    @Test func typedViewsReadValues() throws {
        let ints = try Int64Array(try ArrayData.make(.int64, [.int(5), .null, .int(-2)]))
        #expect(ints[0] == 5 && ints[1] == nil && ints[2] == -2)
        #expect(throws: PFError.self) { try Int32Array(ints.data) }
        let ts = try Int64Array(try ArrayData.make(.timestamp(.microsecond, timezone: "UTC"), [.int(7)]))
        #expect(ts.values[0] == 7)
        let strs = try StringArray(try ArrayData.make(.utf8, [.string("héllo"), .null]))
        #expect(strs.string(0) == "héllo" && strs.string(1) == nil)
        let bools = try BooleanArray(try ArrayData.make(.boolean, [.bool(true), .bool(false), .null]))
        #expect(bools[0] == true && bools[1] == false && bools[2] == nil)
        let list = try ListArray.make(offsets: [0, 2, 2, 3], values: try ArrayData.make(.int32, [.int(1), .int(2), .int(3)]),
                                      validity: [true, false, true])
        #expect(list[0]?.scalars == [.int(1), .int(2)])
        #expect(list[1] == nil)
        #expect(list[2]?.scalars == [.int(3)])
        let st = try StructArray.make([(Field("a", .int32), try ArrayData.make(.int32, [.int(1), .int(2)]))])
        #expect(st.field(named: "a")?.scalars == [.int(1), .int(2)])
        let dict = try DictionaryArray(try ArrayData.make(.dictionary(index: .int8, value: .utf8, ordered: false),
                                                            [.string("a"), .string("b"), .string("a"), .null]))
        #expect(dict.dictionary.length == 2)
        #expect(dict.index(2) == 0 && dict.index(3) == nil)
        let nul = NullArray(length: 4)
        #expect(nul.nullCount == 4)
        try nul.data.validate()
    }

    @Test func buildersProduceValidArrays() throws {
        let sb = LargeStringBuilder(type: .largeUtf8)
        try sb.append("a"); try sb.appendNull(); try sb.append("ccc")
        let s = try sb.finish()
        try s.validate()
        #expect(s.scalars == [.string("a"), .null, .string("ccc")])
        let fb = FixedSizeBinaryBuilder(byteWidth: 2)
        try [UInt8(1), 2].withUnsafeBytes { try fb.append(bytes: $0) }
        fb.appendNull()
        #expect(throws: PFError.self) { try [UInt8(1)].withUnsafeBytes { try fb.append(bytes: $0) } }
        let f = try fb.finish()
        #expect(f.scalars == [.binary([1, 2]), .null])
        let bb = BooleanBuilder()
        bb.append(true); bb.appendNull()
        #expect(try bb.finish().scalars == [.bool(true), .null])
        let bad = StringBuilder(type: .utf8)
        try [UInt8(0xFF)].withUnsafeBytes { try bad.append(bytes: $0) }
        #expect(throws: PFError.self) { try bad.finish() }
    }

    @Test func recordBatchAndTableChecks() throws {
        let a = try ArrayData.make(.int32, [.int(1), .int(2)])
        let b = try ArrayData.make(.utf8, [.string("x")])
        #expect(throws: PFError.self) { try RecordBatch([("a", a), ("b", b)]) }
        let nn = Schema([Field("a", .int32, nullable: false)])
        #expect(throws: PFError.self) { try RecordBatch(schema: nn, columns: [try ArrayData.make(.int32, [.null])]) }
        let t1 = try Table(schema: Schema([Field("a", .int32)]), batches: [
            try RecordBatch([("a", a)]), try RecordBatch([("a", try ArrayData.make(.int32, [.int(3)]))]),
        ])
        let t2 = Table(try RecordBatch([("a", try ArrayData.make(.int32, [.int(1), .int(2), .int(3)]))]))
        #expect(t1.equals(t2))
        #expect(t1.slice(1, 2).equals(Table(try RecordBatch([("a", try ArrayData.make(.int32, [.int(2), .int(3)]))]))))
        #expect(t1.head(0).numRows == 0)
        #expect(throws: PFError.self) { try t1.select(["nope"]) }
        let t3 = Table(try RecordBatch([("a", try ArrayData.make(.int32, [.int(1), .int(2), .int(4)]))]))
        #expect(!t1.equals(t3))
    }

    @Test func floatEqualityTreatsNaNAsEqual() throws {
        let a = try ArrayData.make(.float64, [.float(.nan), .float(1)])
        #expect(a.equals(try ArrayData.make(.float64, [.float(.nan), .float(1)])))
        #expect(!a.equals(try ArrayData.make(.float64, [.float(.nan), .float(2)])))
    }

    @Test func float16ConversionsRoundTrip() {
        for bits in stride(from: 0, through: 0xFFFF, by: 1) {
            let h = UInt16(bits)
            let f = Float16Bits.toFloat(h)
            if f.isNaN { continue }
            #expect(Float16Bits.fromFloat(f) == h)
        }
        #expect(Float16Bits.toFloat(0x3C00) == 1.0)
        #expect(Float16Bits.fromFloat(65520) == 0x7C00)
    }

    @Test func civilDatesRoundTrip() {
        for d in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, dd) = CivilTime.civil(fromDays: d)
            #expect(CivilTime.days(year: y, month: m, day: dd) == d)
        }
    }
}
