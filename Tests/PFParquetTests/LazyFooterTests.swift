import PFColumnar
@testable import PFParquet
import Testing

/// The lazily decoded footer against the full Thrift decoder, which serves as the reference:
/// what the full decode accepts, the lazy one accepts with equal contents; what the full
/// decode rejects, the lazy one rejects at open or when the bad chunk is accessed. Never a trap.
@Suite("Lazy footer decoding")
struct LazyFooterTests {
    enum Outcome: Equatable { case ok, error }

    /// Compares both decoders on a file; returns the full decode's outcome.
    @discardableResult
    static func compare(_ file: MappedFile, _ what: String) -> Outcome {
        let eager = Result { try ParquetFileMetadata(ParquetFooter.read(from: file)) }
        let lazy = Result { try ParquetFileMetadata.read(from: file) }
        switch (eager, lazy) {
        case (.success(let e), .success(let l)):
            #expect(l.numRows == e.numRows && l.numRowGroups == e.numRowGroups, "\(what)")
            #expect(l.createdBy == e.createdBy && l.keyValueMetadata == e.keyValueMetadata, "\(what)")
            #expect(l.hasEncryptedColumns == e.hasEncryptedColumns, "\(what)")
            var all = true
            for g in 0..<l.numRowGroups {
                guard let cols = try? l.rowGroups[g].decodedColumns() else {
                    Issue.record("\(what): row group \(g) fails lazily but not eagerly")
                    all = false
                    continue
                }
                #expect(cols == e.fileMetaData.rowGroups[g].columns, "\(what): row group \(g)")
                #expect(l.rowGroups[g].header.numRows == e.rowGroups[g].numRows, "\(what)")
                for c in 0..<l.columns.count {
                    #expect(l.statistics(rowGroup: g, column: c) == e.statistics(rowGroup: g, column: c))
                }
            }
            if all { #expect(l.fileMetaData == e.fileMetaData, "\(what)") }
            return .ok
        case (.success, .failure(let err)):
            Issue.record("\(what): lazy decode fails where the full decode succeeds: \(err)")
            return .ok
        case (.failure(let err), .success(let l)):
            // The lazy footer defers chunk decoding: the error must surface on access.
            #expect(err is PFError, "\(what): non-PFError \(err)")
            var surfaced = false
            for g in 0..<l.numRowGroups {
                if (try? l.rowGroups[g].decodedColumns()) == nil { surfaced = true }
                _ = l.rowGroups[g].columns // placeholders, never a trap
            }
            for c in 0..<l.columns.count { _ = l.fileStatistics(column: c) }
            #expect(surfaced, "\(what): full decode fails (\(err)) but every lazy chunk decodes")
            return .error
        case (.failure(let e1), .failure(let e2)):
            #expect(e1 is PFError && e2 is PFError, "\(what)")
            return .error
        }
    }

    /// A file made of `footer` between the magics.
    static func file(footer: [UInt8]) -> MappedFile {
        let n = UInt32(footer.count)
        let len: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) }
        return MappedFile(bytes: ParquetFooter.magic + footer + len + ParquetFooter.magic)
    }

    @Test func corpusFootersMatchTheFullDecoder() throws {
        guard let entries = ParquetCorpus.manifest() else { return }
        var compared = 0
        for e in entries where e.category != "aux" {
            let path = ParquetCorpus.absolutePath(e)
            guard ParquetCorpus.fileExists(path), let f = try? MappedFile(path: path) else { continue }
            Self.compare(f, e.path)
            // The positioned-read path reads the same footer as the mapping.
            if let viaRead = try? ParquetFileMetadata.read(path: path),
               let viaMap = try? ParquetFileMetadata.read(from: f) {
                #expect(viaRead.fileMetaData == viaMap.fileMetaData, "\(e.path)")
            }
            compared += 1
        }
        #expect(compared >= 100)
    }

    /// A footer with several row groups and chunks carrying statistics, page index offsets,
    /// key/value metadata and encoding stats.
    static func sampleFooter() -> FileMetaData {
        var md = FileMetaData()
        var root = SchemaElement(name: "r"); root.numChildren = 3
        var a = SchemaElement(name: "a"); a.type = .int64; a.repetitionType = .optional
        var b = SchemaElement(name: "b"); b.type = .byteArray; b.logicalType = .string
        var c = SchemaElement(name: "c"); c.type = .double
        md.schema = [root, a, b, c]
        md.keyValueMetadata = [ParquetKeyValue(key: "k", value: "v")]
        md.createdBy = "lazy footer test"
        for g in 0..<3 {
            var rg = RowGroup()
            rg.numRows = Int64(10 + g)
            rg.totalByteSize = 1000
            rg.sortingColumns = [SortingColumn(columnIndex: 0, descending: false, nullsFirst: true)]
            for (j, name) in ["a", "b", "c"].enumerated() {
                var m = ColumnMetaData()
                m.type = md.schema[j + 1].type ?? .int32
                m.pathInSchema = [name]
                m.encodings = [.plain, .rle]
                m.numValues = rg.numRows
                m.totalCompressedSize = 100
                m.totalUncompressedSize = 120
                m.dataPageOffset = Int64(4 + 100 * (3 * g + j))
                var s = ParquetStatistics()
                s.minValue = [UInt8](repeating: UInt8(g), count: 8)
                s.maxValue = [UInt8](repeating: UInt8(g + 1), count: 8)
                s.nullCount = Int64(j)
                m.statistics = s
                m.encodingStats = [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 1)]
                m.keyValueMetadata = [ParquetKeyValue(key: "x", value: nil)]
                var cc = ColumnChunk()
                cc.metaData = m
                cc.offsetIndexOffset = 7
                cc.offsetIndexLength = 9
                rg.columns.append(cc)
            }
            md.rowGroups.append(rg)
        }
        md.numRows = 33
        return md
    }

    @Test func sampleFooterRoundTrips() throws {
        let md = Self.sampleFooter()
        let f = Self.file(footer: md.thriftBytes())
        #expect(Self.compare(f, "sample") == .ok)
        let lazy = try ParquetFileMetadata.read(from: f)
        #expect(lazy.fileMetaData == md)
        #expect(lazy.rowGroups.count == 3)
        #expect(lazy.rowGroups.map(\.numRows) == [10, 11, 12])
        #expect(try lazy.columnChunk(rowGroup: 2, column: 1) == md.rowGroups[2].columns[1])
        #expect(lazy.hasPageIndex(rowGroup: 1, column: 0))
        #expect(!lazy.hasBloomFilter(rowGroup: 1, column: 0))
        #expect(throws: PFError.self) { _ = try lazy.columnChunk(rowGroup: 3, column: 0) }
        #expect(throws: PFError.self) { _ = try lazy.columnChunk(rowGroup: 0, column: 3) }
    }

    @Test func mutatedAndTruncatedFootersBehaveAsTheFullDecoder() throws {
        let full = Self.sampleFooter().thriftBytes()
        var outcomes: [Outcome: Int] = [:]
        for cut in stride(from: 0, to: full.count, by: 7) {
            outcomes[Self.compare(Self.file(footer: Array(full[0..<cut])), "cut \(cut)"), default: 0] += 1
        }
        var rng = SplitMix64(seed: 7)
        for i in 0..<2000 {
            var b = full
            for _ in 0..<Int(rng.next() % 3 + 1) {
                b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            outcomes[Self.compare(Self.file(footer: b), "mutation \(i)"), default: 0] += 1
        }
        // Both kinds of outcome occur, so the comparison is exercised both ways.
        #expect((outcomes[.ok] ?? 0) > 0 && (outcomes[.error] ?? 0) > 0)
    }

    @Test func repeatedRowGroupFieldsKeepTheLastOne() throws {
        // FileMetaData with row_groups (field 4) written twice: decoders keep the last list.
        let md = Self.sampleFooter()
        var w = ThriftCompactWriter()
        var first = md
        first.rowGroups = [md.rowGroups[0]]
        w.writeStruct { w in
            w.writeI32Field(1, md.version)
            w.writeStructListField(2, md.schema)
            w.writeI64Field(3, md.numRows)
            w.writeStructListField(4, first.rowGroups)
            w.writeStructListField(4, md.rowGroups)
        }
        let f = Self.file(footer: w.bytes)
        #expect(Self.compare(f, "repeated field 4") == .ok)
        #expect(try ParquetFileMetadata.read(from: f).numRowGroups == 3)
    }
}
