import CArrowABI
import PFColumnar
import PFTestSupport
import Testing

/// Exports through the C Data Interface and imports back.
func roundTrip(_ a: ArrayData, name: String = "col") throws -> (Field, ArrayData) {
    var cs = ArrowSchema()
    var ca = ArrowArray()
    Field(name, a.type).exportToC(&cs)
    a.exportToC(&ca)
    defer { pf_arrow_schema_release(&cs) }
    let f = try Field.importFromC(&cs)
    let b = try ArrayData.importFromC(&ca, type: f.type)
    #expect(ca.release == nil, "import must move the array")
    return (f, b)
}

@Suite struct CDataRoundTripTests {
    @Test(arguments: RandomArrays.allTypes)
    func everyTypeRoundTrips(_ type: DataType) throws {
        var g = SplitMix64(seed: 42)
        let a = try RandomArrays.array(type, length: 64, using: &g)
        try a.validate()
        let (f, b) = try roundTrip(a)
        #expect(f.type == type)
        #expect(b.equals(a))
        #expect(b.scalars == a.scalars)
        // Slices keep their offset through the interface.
        let s = try a.slice(7, 30)
        try s.validate()
        let (_, t) = try roundTrip(s)
        #expect(t.offset == 7 || type == .null)
        #expect(t.equals(s))
        #expect(t.scalars == Array(a.scalars[7..<37]))
    }

    @Test func importIsZeroCopy() throws {
        var g = SplitMix64(seed: 1)
        let a = try RandomArrays.array(.utf8, length: 100, using: &g)
        let (_, b) = try roundTrip(a)
        for i in 0..<a.buffers.count {
            #expect(a.buffers[i]?.baseAddress == b.buffers[i]?.baseAddress)
        }
    }

    @Test func metadataAndFlagsRoundTrip() throws {
        let field = Field("m", .dictionary(index: .int16, value: .utf8, ordered: true), nullable: false,
                          metadata: ["k1": "v1", "ключ": "значение"])
        var cs = ArrowSchema()
        field.exportToC(&cs)
        defer { pf_arrow_schema_release(&cs) }
        #expect(try Field.importFromC(&cs) == field)
        let schema = Schema([field, Field("x", .map(entries: Field("entries", .struct([Field("key", .int32, nullable: false), Field("value", .utf8)]), nullable: false), keysSorted: true))],
                            metadata: ["pandas": "{}"])
        var ss = ArrowSchema()
        schema.exportToC(&ss)
        defer { pf_arrow_schema_release(&ss) }
        #expect(try Schema.importFromC(&ss) == schema)
    }

    @Test func streamRoundTripKeepsBatches() throws {
        var g = SplitMix64(seed: 7)
        let types = RandomArrays.allTypes
        let schema = Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) }, metadata: ["origin": "test"])
        var batches: [RecordBatch] = []
        for n in [0, 5, 17] {
            batches.append(try RecordBatch(schema: schema, columns: types.map { t in try RandomArrays.array(t, length: n, using: &g) }))
        }
        let table = try Table(schema: schema, batches: batches)
        var stream = ArrowArrayStream()
        table.exportToC(&stream)
        let back = try Table.importFromC(&stream)
        #expect(stream.release == nil)
        #expect(back.batches.count == 3)
        #expect(back.equals(table))
        #expect(back.schema.metadata["origin"] == "test")
    }

    @Test func releaseRunsExactlyOnce() throws {
        final class Probe: @unchecked Sendable {
            nonisolated(unsafe) static var freed = 0
            deinit { Probe.freed += 1 }
        }
        Probe.freed = 0
        do {
            let storage = Buffer.from([Int64](0..<10))
            let probe = Probe()
            let borrowed = Buffer(borrowing: storage.baseAddress, byteCount: storage.byteCount, owner: probe)
            var a: ArrayData? = try ArrayData(type: .int64, length: 10, nullCount: 0, buffers: [nil, borrowed])
            var ca = ArrowArray()
            a!.exportToC(&ca)
            a = nil
            #expect(Probe.freed == 0, "exported memory must stay alive until released")
            var imported: ArrayData? = try ArrayData.importFromC(&ca, type: .int64)
            #expect(imported!.scalar(at: 3) == .int(3))
            imported = nil
            _ = storage
        }
        #expect(Probe.freed == 1)
    }
}
