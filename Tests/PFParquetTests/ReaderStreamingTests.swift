import PFColumnar
@testable import PFParquet
import Testing

#if canImport(Glibc)
import Glibc
#endif

private func tempPath(_ name: String) -> String {
    var template = Array("/tmp/pf-stream-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return (p.map { String(cString: $0) } ?? "/tmp") + "/" + name
}

/// A table with flat columns of every decoder target (nulls, dictionary-friendly and
/// high-cardinality strings, booleans, decimals) and nested columns (row-group granularity).
private func sampleTable(rows: Int) throws -> Table {
    var i64: [Scalar] = [], f64: [Scalar] = [], lowCard: [Scalar] = [], highCard: [Scalar] = []
    var bools: [Scalar] = [], dec: [Scalar] = [], req: [Scalar] = [], lists: [Scalar] = [], structs: [Scalar] = []
    var allNull: [Scalar] = []
    for r in 0..<rows {
        i64.append(r % 7 == 3 ? .null : .int(Int64(r) * 31 - 1000))
        f64.append(r % 11 == 0 ? .null : .float(Double(r) / 8))
        lowCard.append(r % 13 == 5 ? .null : .string(["red", "green", "blue", "cyan"][r % 4]))
        highCard.append(r % 5 == 1 ? .null : .string("value-\(r * 7919 % 100_003)-" + String(repeating: "x", count: r % 9)))
        bools.append(r % 9 == 4 ? .null : .bool(r % 3 == 0))
        dec.append(r % 6 == 2 ? .null : .decimal(Int128(r) * 1_000_003 - 77))
        req.append(.int(Int64(r)))
        lists.append(r % 10 == 7 ? .null : .list((0..<(r % 4)).map { .int(Int64(r + $0)) }))
        structs.append(r % 8 == 6 ? .null : .struct([.int(Int64(r)), .string("s\(r % 17)")]))
        allNull.append(.null)
    }
    let structType = DataType.struct([Field("a", .int64, nullable: true), Field("b", .utf8, nullable: true)])
    let cols: [(String, DataType, [Scalar], Bool)] = [
        ("i64", .int64, i64, true), ("f64", .float64, f64, true), ("low", .utf8, lowCard, true),
        ("high", .utf8, highCard, true), ("flag", .boolean, bools, true), ("dec", .decimal128(precision: 20, scale: 2), dec, true),
        ("req", .int64, req, false), ("list", .list(Field("item", .int64, nullable: true)), lists, true),
        ("st", structType, structs, true), ("nulls", .int32, allNull, true),
    ]
    let fields = cols.map { Field($0.0, $0.1, nullable: $0.3) }
    let arrays = try cols.map { c throws(PFError) in try ArrayData.make(c.1, c.2) }
    return Table(try RecordBatch(schema: Schema(fields), columns: arrays))
}

private func streamed(_ r: ParquetReader, batchSize: Int, columns: [String]? = nil, filter: ParquetFilter? = nil,
                      options: ParquetReadOptions = ParquetReadOptions()) throws -> (Table, [Int]) {
    let it = try r.batches(columns: columns, filter: filter, batchSize: batchSize, options: options)
    var batches: [RecordBatch] = []
    while let b = try it.next() { batches.append(b) }
    return (try Table(schema: it.schema, batches: batches), batches.map(\.numRows))
}

@Suite("Parquet streaming reader")
struct ReaderStreamingTests {
    @Test(arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2])
    func batchesEqualFullRead(version: ParquetWriteOptions.DataPageVersion) throws {
        let rows = 3000
        let t = try sampleTable(rows: rows)
        let path = tempPath("s.parquet")
        var o = ParquetWriteOptions()
        o.dataPageVersion = version
        o.dataPageSize = 700            // many pages per chunk
        o.rowGroupSize = 1100           // several row groups, the last one short
        o.dictionaryPageSizeLimit = 600 // 'high' falls back to PLAIN after its dictionary fills
        o.compression = version == .v1 ? .uncompressed : .zstd
        try ParquetWriter.write(t, to: path, options: o)
        let r = try ParquetReader(path: path)
        #expect(r.metadata.numRowGroups == 3)
        let full = try r.read()
        #expect(full.numRows == rows)
        for bs in [1, 7, 64, 333, 1100, 5000] {
            let (s, sizes) = try streamed(r, batchSize: bs)
            #expect(s.equals(full), "batch size \(bs)")
            // Exactly bs rows except at the end of a row group.
            var expected: [Int] = []
            for g in [1100, 1100, 800] {
                var left = g
                while left > 0 { expected.append(min(bs, left)); left -= min(bs, left) }
            }
            #expect(sizes == expected, "batch size \(bs)")
        }
        // Arrow dictionaries (the dictionary target, PLAIN fallback appending to it).
        let dopts = ParquetReadOptions(dictionaryAsArrow: true)
        let dfull = try r.read(options: dopts)
        for bs in [1, 50, 999] {
            let (s, _) = try streamed(r, batchSize: bs, options: dopts)
            #expect(s.equals(dfull), "dictionary batch size \(bs)")
        }
        // Projection and filters, applied per batch.
        let filter = ParquetFilter.dnf([[("i64", .ge, [.int(20_000)])], [("low", .eq, [.string("red")])]])
        let pfull = try r.read(columns: ["high", "list", "req"], filter: filter)
        for bs in [1, 100, 4096] {
            let (s, sizes) = try streamed(r, batchSize: bs, columns: ["high", "list", "req"], filter: filter)
            #expect(s.equals(pfull), "filtered batch size \(bs)")
            #expect(sizes.allSatisfy { $0 > 0 && $0 <= bs })
        }
        // Sequential decoding gives the same batches.
        let (seq, _) = try streamed(r, batchSize: 10_000, options: ParquetReadOptions(parallel: false))
        #expect(seq.equals(full))
    }

    @Test func concatenatesSlicedPieces() throws {
        let a = try ArrayData.make(.utf8, [.string("ab"), .null, .string("c"), .string("")])
        let b = try ArrayData.make(.utf8, [.string("xyz"), .null])
        let c = try StreamingConcat.concat([a.slice(1, 3), b])
        #expect(c.equals(try ArrayData.make(.utf8, [.null, .string("c"), .string(""), .string("xyz"), .null])))
        let x = try ArrayData.make(.boolean, [.bool(true), .null, .bool(false)])
        let y = try ArrayData.make(.boolean, [.bool(true)])
        #expect(try StreamingConcat.concat([x.slice(1, 2), y]).equals(try ArrayData.make(.boolean, [.null, .bool(false), .bool(true)])))
    }
}
