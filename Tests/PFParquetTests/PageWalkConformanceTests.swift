import PFColumnar
@testable import PFParquet
import Testing

/// Walks every page of every column chunk: headers, checksums, decompression, level split.
func walkAllPages(_ f: ParquetFile, verify: Bool) throws -> (pages: Int, mismatches: [String]) {
    var pages = 0
    var mismatches: [String] = []
    let md = f.metadata
    for g in 0..<md.numRowGroups {
        for c in 0..<md.columns.count {
            var r = try f.pageReader(rowGroup: g, column: c, options: PageReaderOptions(verifyChecksums: verify))
            while let p = try r.next() {
                pages += 1
                if case .data(let d) = p {
                    #expect(d.values.count >= 0)
                    _ = d.values.withUnsafeBytes { $0.count }
                }
            }
            let declared = md.rowGroups[g].columns[c].metaData?.numValues ?? -1
            if r.valuesRead != declared {
                mismatches.append("rg\(g) col\(c): pages hold \(r.valuesRead) values, metadata \(declared)")
            }
        }
    }
    return (pages, mismatches)
}

@Suite("Page walk over the Parquet corpus")
struct PageWalkConformanceTests {
    @Test func everyPageOfReadableFiles() throws {
        guard let entries = ParquetCorpus.manifest() else { return }
        var tally = Tally()
        var totalPages = 0
        for e in entries where e.category != "aux" {
            let path = ParquetCorpus.absolutePath(e)
            guard let f = try? ParquetFile(path: path) else {
                tally.add(e.category, "no-footer")
                continue
            }
            let readable = e.pyarrowReadable == "yes"
            do {
                let (n, mism) = try walkAllPages(f, verify: false)
                totalPages += n
                if readable && e.category != "encrypted" {
                    #expect(mism.isEmpty, "\(e.path): \(mism)")
                }
                tally.add(e.category, readable ? "ok" : "walked")
            } catch let err as PFError {
                if e.category == "encrypted" {
                    if case .unsupported = err { tally.add(e.category, "unsupported"); continue }
                    Issue.record("\(e.path): expected unsupported, got \(err)")
                } else if readable {
                    Issue.record("\(e.path): page walk failed: \(err)")
                    tally.add(e.category, "FAILED")
                } else {
                    tally.add(e.category, "error")
                }
            }
        }
        tally.report("page walk")
        print("pages walked: \(totalPages)")
        #expect(totalPages > 1000)
    }

    @Test func checksums() throws {
        guard ParquetCorpus.manifest() != nil else { return }
        let base = ParquetCorpus.corporaRoot + "/parquet/parquet-testing/"
        for good in ["datapage_v1-uncompressed-checksum.parquet", "plain-dict-uncompressed-checksum.parquet"] {
            let f = try ParquetFile(path: base + good)
            let (n, _) = try walkAllPages(f, verify: true)
            #expect(n > 0)
        }
        let bad = try ParquetFile(path: base + "datapage_v1-corrupt-checksum.parquet")
        #expect(throws: PFError.self) { _ = try walkAllPages(bad, verify: true) }
        _ = try walkAllPages(bad, verify: false) // without verification it reads
    }
}
