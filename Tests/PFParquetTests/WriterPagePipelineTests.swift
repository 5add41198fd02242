import PFColumnar
@testable import PFParquet
import PFTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The writer encodes the pages of all columns in parallel; these tests check that the
/// pages still come out in order, that the file reads back to the same values, and that
/// the bytes do not depend on the thread count.
@Suite("Parquet writer page pipeline")
struct WriterPagePipelineTests {
    private func tempDir() -> String {
        var template = Array("/tmp/pf-writer-pages-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return p.map { String(cString: $0) } ?? "/tmp"
    }

    /// int64, float64 (all distinct: dictionary falls back to PLAIN), a low-cardinality
    /// string (dictionary), a free-text string and a list, with nulls.
    private func sample(rows: Int) throws -> Table {
        var rng = SplitMix64(seed: 77)
        var cols = try [DataType.int64, .float64].map { t throws(PFError) in
            try RandomArrays.array(t, length: rows, nullRate: 0.05, using: &rng)
        }
        cols.append(try ArrayData.make(.utf8, (0..<rows).map { i in i % 13 == 0 ? .null : .string("cat-\(i % 37)") }))
        cols.append(try RandomArrays.array(.utf8, length: rows, nullRate: 0.05, using: &rng))
        cols.append(try RandomArrays.array(.list(Field("item", .int32)), length: rows, nullRate: 0.1, using: &rng))
        let schema = Schema(cols.enumerated().map { Field("c\($0.offset)", $0.element.type) })
        return Table(try RecordBatch(schema: schema, columns: cols))
    }

    @Test(arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2])
    func manyPagesReadBackAndSameBytesForAnyThreadCount(version: ParquetWriteOptions.DataPageVersion) throws {
        let tbl = try sample(rows: 6000)
        let dir = tempDir()
        let pool = ThreadPool.shared
        let before = pool.threadCount
        defer { try? pool.resize(to: before) }
        for codec in [ParquetCompressionCodec.snappy, .zstd, .uncompressed] {
            var o = ParquetWriteOptions()
            o.compression = codec
            o.dataPageVersion = version
            o.dataPageSize = 2048          // many pages per chunk
            o.rowGroupSize = 2500          // three row groups, the last one short
            o.dictionaryPageSizeLimit = 4096
            var files: [[UInt8]] = []
            for n in [1, 3] {
                try pool.resize(to: n)
                let p = dir + "/p-\(codec)-\(n).parquet"
                try ParquetWriter.write(tbl, to: p, options: o)
                let f = try MappedFile(path: p)
                files.append(withExtendedLifetime(f) { Array(f.allBytes) })
                let r = try ParquetReader(path: p)
                #expect(r.metadata.numRowGroups == 3)
                let back = try r.read()
                #expect(back.equals(tbl), "\(codec) \(version) threads \(n)")
            }
            #expect(files[0] == files[1], "\(codec) \(version)")
        }
    }
}
