import CArrowABI
import PFColumnar
import Testing

/// decimal256: the Int256 value type, validation, scalars, C Data round trips, previews.
@Suite struct Decimal256Tests {
    /// 2^255 - 1 and -2^255 in decimal (powers of two, independent of Int256's printing).
    static let maxText = "57896044618658097711785492504343953926634992332820282019728792003956564819967"
    static let minText = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"

    @Test func int256TextAndWords() throws {
        #expect(Int256(Int64(-1)) == Int256(words: ~0, ~0, ~0, ~0))
        #expect(Int256(Int128.max) == Int256(words: ~0, ~0 >> 1, 0, 0))
        #expect(Int256(Int128.min).description == String(Int128.min))
        let max = Int256(words: ~0, ~0, ~0, ~0 >> 1)
        #expect(max.description == Self.maxText)
        #expect(Int256(Self.maxText) == max)
        #expect(Int256(Self.minText) == Int256(words: 0, 0, 0, 1 << 63))
        #expect(Int256(Self.minText)?.description == Self.minText)
        #expect(Int256("57896044618658097711785492504343953926634992332820282019728792003956564819968") == nil)
        #expect(Int256("12a") == nil && Int256("") == nil && Int256("-") == nil)
        for text in ["0", "1", "-1", "10000000000000000000", "-9999999999999999999", "18446744073709551616",
                     String(repeating: "9", count: 76), "-" + String(repeating: "9", count: 76)] {
            #expect(Int256(text)?.description == text)
        }
        // Powers of ten agree with decimal text.
        for n in [0, 1, 19, 38, 39, 76] {
            #expect(Int256.powerOfTen(n).description == "1" + String(repeating: "0", count: n))
        }
        // Order.
        let sorted = ["-5", "-1", "0", "3", "18446744073709551616", Self.maxText].map { Int256($0)! }
        #expect(sorted == sorted.shuffled().sorted())
        #expect(Int256(Self.minText)! < Int256(Int64(-1)))
    }

    @Test func int256FromBigEndianBytes() {
        func parse(_ b: [UInt8]) -> Int256? { b.withUnsafeBytes { Int256(bigEndianTwosComplement: $0) } }
        #expect(parse([]) == .zero)
        #expect(parse([0xFF]) == Int256(Int64(-1)))
        #expect(parse([0x01, 0x00]) == Int256(Int64(256)))
        #expect(parse([0x80]) == Int256(Int64(-128)))
        #expect(parse([0x7F] + [UInt8](repeating: 0xFF, count: 31))?.description == Self.maxText)
        #expect(parse([0x80] + [UInt8](repeating: 0x00, count: 31))?.description == Self.minText)
        // Sign extension beyond 32 bytes is accepted; anything else is not.
        #expect(parse([UInt8](repeating: 0xFF, count: 40)) == Int256(Int64(-1)))
        #expect(parse([0x00, 0x80] + [UInt8](repeating: 0, count: 31)) == nil)
        #expect(parse([0xFF, 0x7F] + [UInt8](repeating: 0, count: 31)) == nil)
        #expect(parse([0x01] + [UInt8](repeating: 0, count: 32)) == nil)
    }

    @Test func typeLayoutAndNames() {
        let t = DataType.decimal256(precision: 50, scale: 10)
        #expect(t.layout == .fixedWidth(32))
        #expect(t.bufferCount == 2)
        #expect(t.shortName == "decimal256(50, 10)")
        #expect(t != .decimal128(precision: 50, scale: 10))
    }

    @Test func memoryImageIsLittleEndian32Bytes() throws {
        // -2 as 32 little-endian bytes, then 2^200.
        var bytes = [UInt8](repeating: 0xFF, count: 32)
        bytes[0] = 0xFE
        var big = [UInt8](repeating: 0, count: 32)
        big[25] = 0x01
        let data = Buffer.from(bytes + big)
        let a = try ArrayData(type: .decimal256(precision: 76, scale: 0), length: 2, nullCount: 0, buffers: [nil, data])
        try a.validate()
        #expect(a.scalars == [.decimal256(Int256(Int64(-2))), .decimal256(Int256(words: 0, 0, 0, 1 << 8))])
        #expect(a.scalar(at: 1).description == "1606938044258990275541962092341162602522202993782792835301376")  // 2^200
        let typed = try Decimal256Array(a)
        #expect(typed[0] == Int256(Int64(-2)))
        #expect(throws: PFError.self) { try Decimal128Array(a) }
    }

    @Test func validationChecksPrecision() throws {
        let max50 = try #require(Int256(String(repeating: "9", count: 50)))
        let ok = try ArrayData.make(.decimal256(precision: 50, scale: 2), [.decimal256(max50), .decimal256(max50.negatedWrapping), .null, .decimal(7), .int(-3)])
        try ok.validate()
        #expect(ok.scalars[3] == .decimal256(Int256(Int64(7))) && ok.scalars[4] == .decimal256(Int256(Int64(-3))))
        let over = try #require(Int256("1" + String(repeating: "0", count: 50)))
        for v in [over, over.negatedWrapping] {
            let bad = try ArrayData.make(.decimal256(precision: 50, scale: 2), [.decimal256(v)])
            #expect(throws: PFError.self) { try bad.validate() }
        }
        // The most negative value has 77 digits: never valid.
        let minValue = try ArrayData.make(.decimal256(precision: 76, scale: 0), [.decimal256(Int256(Self.minText)!)])
        #expect(throws: PFError.self) { try minValue.validate() }
        for p in [0, 77] {
            #expect(throws: PFError.self) {
                try ArrayData(type: .decimal256(precision: p, scale: 0), length: 0, nullCount: 0, buffers: [nil, Buffer.empty]).validate()
            }
        }
        #expect(throws: PFError.self) { try ArrayData.make(.decimal256(precision: 5, scale: 0), [.string("1")]) }
    }

    @Test func equalityAndSlices() throws {
        let t = DataType.decimal256(precision: 60, scale: 5)
        let xs: [Scalar] = [.decimal256(Int256("123456789012345678901234567890123456789012345")!), .null, .decimal256(Int256(Int64(-1)))]
        let a = try ArrayData.make(t, xs)
        let b = try ArrayData.make(t, xs)
        #expect(a.equals(b))
        #expect(!a.equals(try ArrayData.make(t, [xs[0], .null, .decimal256(.zero)])))
        #expect(!a.equals(try ArrayData.make(.decimal256(precision: 61, scale: 5), xs)))
        #expect(try a.slice(1, 2).scalars == Array(xs[1...]))
    }

    @Test func cDataRoundTrip() throws {
        let t = DataType.decimal256(precision: 50, scale: 10)
        let xs: [Scalar] = (0..<40).map { i in
            i % 7 == 3 ? .null : .decimal256(Int256((i % 2 == 0 ? "" : "-") + String(repeating: "7", count: 1 + i))!)
        }
        let a = try ArrayData.make(t, xs)
        try a.validate()
        var cs = ArrowSchema()
        Field("d", t).exportToC(&cs)
        #expect(String(cString: cs.format) == "d:50,10,256")
        pf_arrow_schema_release(&cs)
        let (f, b) = try roundTrip(a, name: "d")
        #expect(f.type == t)
        #expect(b.equals(a) && b.scalars == xs)
        let s = try a.slice(5, 20)
        let (_, c) = try roundTrip(s)
        #expect(c.scalars == Array(xs[5..<25]))
    }

    @Test func cDataFormatParsing() throws {
        func importFormat(_ format: String) throws -> DataType {
            var cs = ArrowSchema()
            Field("x", .int32).exportToC(&cs)
            defer { pf_arrow_schema_release(&cs) }
            // Swap in the format under test (the release callback frees the original).
            let original = cs.format
            return try format.withCString { p in
                cs.format = p
                defer { cs.format = original }
                return try Field.importFromC(&cs).type
            }
        }
        #expect(try importFormat("d:76,0,256") == .decimal256(precision: 76, scale: 0))
        #expect(try importFormat("d:10,2,256") == .decimal256(precision: 10, scale: 2))
        #expect(try importFormat("d:10,2") == .decimal128(precision: 10, scale: 2))
        #expect(try importFormat("d:10,2,128") == .decimal128(precision: 10, scale: 2))
        for bad in ["d:77,0,256", "d:0,0,256", "d:40,2", "d:10,2,64", "d:10,2,256,1"] {
            #expect(throws: PFError.self) { try importFormat(bad) }
        }
    }

    @Test func previewFormatsWithScale() throws {
        let t = DataType.decimal256(precision: 60, scale: 10)
        let a = try ArrayData.make(t, [.decimal256(Int256(Int64(-5))), .decimal256(Int256("123456789012345678901234567890123456789012345")!), .null])
        #expect(TablePreview.formatCell(a, 0) == "-0.0000000005")
        #expect(TablePreview.formatCell(a, 1) == "12345678901234567890123456789012345.6789012345")
        #expect(TablePreview.formatCell(a, 2) == "null")
        let z = try ArrayData.make(.decimal256(precision: 40, scale: 0), [.decimal256(Int256(String(repeating: "8", count: 40))!)])
        #expect(TablePreview.formatCell(z, 0) == String(repeating: "8", count: 40))
        #expect(DecimalFormatting.format(Int256(Int64(1234)), scale: -2) == "123400")
        #expect(DecimalFormatting.format(Int256.zero, scale: -2) == "0")
        let table = try Table(schema: Schema([Field("d", t)]), batches: [RecordBatch(schema: Schema([Field("d", t)]), columns: [a])])
        let text = TablePreview.render(table)
        #expect(text.contains("decimal256(60, 10)") && text.contains("-0.0000000005"))
    }
}
