import PFColumnar
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One row of `corpora/parquet/MANIFEST.tsv`.
struct ManifestEntry {
    var path: String          // relative to the corpora root
    var category: String
    var pyarrowReadable: String
    var numRows: Int64?
    var numRowGroups: Int?
    var numLeafColumns: Int?
    var codecs: String
    var notes: String

    var fileName: String { String(path.split(separator: "/").last ?? "") }
}

enum ParquetCorpus {
    /// `<repo>/../shared/corpora`, located from this source file.
    static var corporaRoot: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3) // file, PFParquetTests, Tests
        return parts.joined(separator: "/") + "/../shared/corpora"
    }

    static var skipWithoutCorpus: Bool {
        if let v = getenv("PF_NO_CORPUS") { return String(cString: v) == "1" }
        return false
    }

    static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func readText(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buf[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Loads the manifest, or records a failure (unless PF_NO_CORPUS=1) and returns nil.
    static func manifest() -> [ManifestEntry]? {
        let path = corporaRoot + "/parquet/MANIFEST.tsv"
        guard let text = readText(path) else {
            if !skipWithoutCorpus {
                Issue.record("Parquet corpus not found at \(path); set PF_NO_CORPUS=1 to skip")
            }
            return nil
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { Issue.record("empty manifest \(path)"); return nil }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func col(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let iPath = col("dest_path"), let iCat = col("category"),
              let iPy = col("pyarrow_readable"), let iRows = col("num_rows"),
              let iRG = col("num_row_groups"), let iLeaf = col("num_leaf_columns") else {
            Issue.record("manifest \(path) lacks expected columns: \(header)")
            return nil
        }
        let iCodecs = col("codecs"), iNotes = col("notes")
        return lines.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func at(_ i: Int?) -> String { guard let i, i < f.count else { return "" }; return f[i] }
            return ManifestEntry(path: at(iPath), category: at(iCat), pyarrowReadable: at(iPy),
                                 numRows: Int64(at(iRows)), numRowGroups: Int(at(iRG)),
                                 numLeafColumns: Int(at(iLeaf)), codecs: at(iCodecs),
                                 notes: at(iNotes))
        }
    }

    static func absolutePath(_ e: ManifestEntry) -> String { corporaRoot + "/" + e.path }
}

/// Tallies of outcomes per category, printed by the conformance tests.
struct Tally {
    var counts: [String: [String: Int]] = [:]
    mutating func add(_ category: String, _ outcome: String) {
        counts[category, default: [:]][outcome, default: 0] += 1
    }
    func report(_ title: String) {
        print("== \(title) ==")
        for cat in counts.keys.sorted() {
            let parts = (counts[cat] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            print("  \(cat): " + parts.joined(separator: ", "))
        }
    }
}
