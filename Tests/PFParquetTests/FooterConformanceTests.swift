import PFColumnar
@testable import PFParquet
import Testing

@Suite("Footer conformance over the Parquet corpus")
struct FooterConformanceTests {
    @Test func footersMatchManifest() throws {
        guard let entries = ParquetCorpus.manifest() else { return }
        var tally = Tally()
        var checked = 0
        for e in entries where e.category != "aux" {
            let path = ParquetCorpus.absolutePath(e)
            guard ParquetCorpus.fileExists(path) else {
                Issue.record("manifest file missing: \(path)")
                continue
            }
            let result: Result<ParquetFileMetadata, Error>
            do { result = .success(try ParquetFileMetadata.read(path: path)) }
            catch { result = .failure(error) }
            switch e.category {
            case "encrypted":
                switch result {
                case .failure(let err as PFError):
                    if case .unsupported = err { tally.add(e.category, "unsupported") }
                    else { Issue.record("\(e.path): expected unsupported, got \(err)") }
                case .failure(let err):
                    Issue.record("\(e.path): non-PFError \(err)")
                case .success(let md):
                    // Plaintext footer with encrypted columns: metadata loads.
                    #expect(md.hasEncryptedColumns, "\(e.path): encrypted columns not flagged")
                    if let n = e.numRows { #expect(md.numRows == n, "\(e.path)") }
                    if let n = e.numLeafColumns { #expect(md.columns.count == n, "\(e.path)") }
                    tally.add(e.category, "metadata-with-encrypted-columns")
                }
            case "valid", "quirk", "corrupt-crc", "variant-invalid":
                switch result {
                case .success(let md):
                    checked += 1
                    #expect(md.numRows == e.numRows, "\(e.path): num_rows \(md.numRows) vs \(String(describing: e.numRows))")
                    #expect(md.columns.count == e.numLeafColumns, "\(e.path): leaf columns")
                    #expect(md.numRowGroups == e.numRowGroups, "\(e.path): row groups")
                    // statistics must be computable for every column without trapping
                    for c in 0..<md.columns.count { _ = md.fileStatistics(column: c) }
                    tally.add(e.category, "ok")
                case .failure(let err):
                    Issue.record("\(e.path): footer failed: \(err)")
                    tally.add(e.category, "FAILED")
                }
            default: // malformed, malformed-fuzz: an error or a parse, never a crash
                switch result {
                case .success(let md):
                    for c in 0..<md.columns.count { _ = md.fileStatistics(column: c) }
                    tally.add(e.category, "parsed")
                case .failure(let err as PFError):
                    _ = err.description
                    tally.add(e.category, "error")
                case .failure(let err):
                    Issue.record("\(e.path): non-PFError \(err)")
                }
            }
        }
        tally.report("footer conformance")
        #expect(checked >= 100, "expected to check at least 100 readable files, checked \(checked)")
    }
}
