import Testing
import PFColumnar
import PFTestSupport
@testable import PFFormats

/// Conformance: every Avro file of the shared corpus is read and compared with the
/// fastavro golden output (Resources/avro-golden, made by Resources/make_avro_golden.py).
@Suite struct AvroCorpusTests {
    struct Entry {
        var path: String
        var category: String
        var fastavroReadable: Bool
    }

    /// Files fastavro reads that need features the core lacks, with the reason.
    static let expectedUnsupported: [String: String] = [
        "avro/fastavro/recursive.avro": "recursive",
        "avro/generated/interop_bzip2.avro": "recursive",
        "avro/generated/interop_deflate.avro": "recursive",
        "avro/generated/interop_null.avro": "recursive",
    ]

    static func manifest() -> (root: String, entries: [Entry])? {
        guard let root = AvroTestPaths.corpus, let text = AvroTestPaths.readText(root + "/avro/MANIFEST.tsv") else { return nil }
        var lines = text.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard let ip = header.firstIndex(of: "dest_path"), let ic = header.firstIndex(of: "category"),
              let ir = header.firstIndex(of: "fastavro_readable") else { return nil }
        let entries = lines.compactMap { line -> Entry? in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count > max(ip, ic, ir) else { return nil }
            return Entry(path: cols[ip], category: cols[ic], fastavroReadable: cols[ir] == "yes")
        }
        return (root, entries)
    }

    static func golden(_ rel: String) throws -> [AvroJSON] {
        let name = rel.replacingSlashes() + ".jsonl"
        guard let text = AvroTestPaths.readText(AvroTestPaths.goldenDir + "/" + name) else {
            throw PFError.io("missing golden file \(name); run make_avro_golden.py")
        }
        return try text.split(separator: "\n").map { try AvroJSON.parse(String($0), allowNonFinite: true) }
    }

    @Test func corpusMatchesFastavro() throws {
        guard let (root, entries) = AvroCorpusTests.manifest() else {
            print("Avro corpus not found; skipping")
            return
        }
        var matched = 0, unsupported: [String] = [], rejected = 0
        var failures: [String] = []
        let files = entries.filter { $0.path.hasSuffix(".avro") || $0.category != "valid" }
        #expect(files.count >= 45)
        for e in files {
            let path = root + "/" + e.path
            if !e.fastavroReadable {
                // Malformed or legacy: both readers must throw a PFError (never crash or hang).
                do {
                    _ = try AvroReader.read(path: path)
                    failures.append("\(e.path): malformed file was accepted by AvroReader")
                } catch {
                    print("  rejected \(e.path): \(error)")
                }
                do {
                    _ = try AvroBatchReader(path: path, options: .init(batchSize: 2)).readAll()
                    failures.append("\(e.path): malformed file was accepted by AvroBatchReader")
                } catch {}
                rejected += 1
                continue
            }
            let table: Table
            do {
                table = try AvroReader.read(path: path)
            } catch PFError.unsupported(let why) {
                if AvroCorpusTests.expectedUnsupported[e.path] != nil {
                    unsupported.append("\(e.path): \(why)")
                } else {
                    failures.append("\(e.path): unexpectedly unsupported: \(why)")
                }
                continue
            } catch {
                failures.append("\(e.path): \(error)")
                continue
            }
            if AvroCorpusTests.expectedUnsupported[e.path] != nil {
                failures.append("\(e.path): expected unsupported but was read; update expectedUnsupported")
            }
            let expected = try AvroCorpusTests.golden(e.path)
            let actual = AvroTestJSON.rows(table)
            if let diff = AvroCorpusTests.firstDifference(actual, expected) {
                failures.append("\(e.path): \(diff)")
                continue
            }
            // The streaming reader with small batches must agree.
            let streamed = try AvroBatchReader(path: path, options: .init(batchSize: 3)).readAll()
            let streamedTable = try Table(schema: table.schema, batches: streamed)
            if !streamedTable.equals(table) { failures.append("\(e.path): AvroBatchReader differs from AvroReader") }
            #expect(streamed.allSatisfy { $0.numRows <= 3 })
            try table.validate()
            matched += 1
        }
        print("Avro corpus: \(matched) valid files matched fastavro, \(unsupported.count) unsupported, \(rejected) malformed rejected")
        for u in unsupported { print("  unsupported \(u)") }
        for f in failures { print("  FAIL \(f)") }
        #expect(failures.isEmpty, "\(failures.count) corpus failures:\n\(failures.joined(separator: "\n"))")
        #expect(matched + unsupported.count == files.filter(\.fastavroReadable).count)
        #expect(matched >= 40)
    }

    static func firstDifference(_ actual: [AvroJSON], _ expected: [AvroJSON]) -> String? {
        guard actual.count == expected.count else { return "\(actual.count) rows, fastavro has \(expected.count)" }
        for (i, (a, e)) in zip(actual, expected).enumerated() where !AvroTestJSON.equal(a, e) {
            return "row \(i) differs:\n    ours:     \(a)\n    fastavro: \(e)"
        }
        return nil
    }

    /// Projection skips the other fields' bytes (the interop files, which have dense
    /// unions, cannot be used: their recursive record is rejected at parse time).
    @Test func projectionMatchesGoldenSubset() throws {
        guard let root = AvroTestPaths.corpus else { return }
        let rel = "avro/arrow-testing/alltypes_plain.avro"
        let cols = ["string_col", "id", "timestamp_col"]
        let table = try AvroReader.read(path: root + "/" + rel, options: .init(columns: cols))
        #expect(table.schema.names == cols)
        let expected = try AvroCorpusTests.golden(rel).map { row -> AvroJSON in
            .object(cols.map { AvroJSONMember($0, row[$0] ?? .null) })
        }
        #expect(AvroCorpusTests.firstDifference(AvroTestJSON.rows(table), expected) == nil)
        let streamed = try AvroBatchReader(path: root + "/" + rel, options: .init(columns: cols, batchSize: 5)).readAll()
        #expect(streamed.map(\.numRows) == [5, 3])
        #expect(throws: PFError.self) { try AvroReader.read(path: root + "/" + rel, options: .init(columns: ["nope"])) }
    }

    /// Results do not depend on threading.
    @Test func parallelEqualsSerial() throws {
        guard let root = AvroTestPaths.corpus else { return }
        for rel in ["avro/fastavro/test-null.avro", "avro/fastavro/test-snappy.avro", "avro/fastavro/test-deflate-1-A.avro"] {
            let p = try AvroReader.read(path: root + "/" + rel, options: .init(batchSize: 16, useThreads: true))
            let s = try AvroReader.read(path: root + "/" + rel, options: .init(batchSize: 16, useThreads: false))
            #expect(p.equals(s))
            #expect(p.numRows == 400)
        }
    }
}

extension String {
    /// The golden file naming rule: "a/b.avro" -> "a__b.avro".
    func replacingSlashes() -> String { split(separator: "/", omittingEmptySubsequences: false).joined(separator: "__") }
}
