import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

/// Writes result tables for `pframe graph -o`.
///
/// `.csv` / `.tsv` are written here (int, float, string and boolean columns; nulls as
/// empty fields) until the PFFormats CSV writer lands; `.parquet` needs the Parquet
/// writer, which has not landed yet (a clear error). Output goes to a temporary file in
/// the target directory and is renamed into place.
enum GraphResultWriter {
    static func write(_ table: Table, to path: String) throws {
        let kind = try DataFiles.kind(of: path)
        switch kind {
        case .csv, .tsv:
            try writeAtomically(path, text: delimited(table, separator: kind == .tsv ? "\t" : ","))
        case .parquet, .avro:
            throw CLIFailure("writing .\(kind.rawValue) files is not available in this build yet; use -o FILE.csv")
        }
    }

    static func delimited(_ table: Table, separator: String) -> String {
        var out = table.columnNames.map { quote($0, separator) }.joined(separator: separator) + "\n"
        for batch in table.batches {
            for row in 0..<batch.numRows {
                var fields: [String] = []
                fields.reserveCapacity(batch.numColumns)
                for c in batch.columns { fields.append(cell(c, row, separator)) }
                out += fields.joined(separator: separator)
                out += "\n"
            }
        }
        return out
    }

    static func cell(_ a: ArrayData, _ i: Int, _ sep: String) -> String {
        if a.isNull(i) { return "" }
        switch a.type {
        case .int64: return (try? PrimitiveArray<Int64>(a)[i]).flatMap { $0 }.map { String($0) } ?? ""
        case .float64:
            guard let v = (try? PrimitiveArray<Double>(a)[i]).flatMap({ $0 }) else { return "" }
            return v.isFinite ? "\(v)" : (v.isNaN ? "NaN" : (v < 0 ? "-inf" : "inf"))
        case .utf8, .largeUtf8: return quote(String(decoding: a.valueBytes(i), as: UTF8.self), sep)
        default: return quote(TablePreview.formatCell(a, i), sep)
        }
    }

    static func quote(_ s: String, _ sep: String) -> String {
        if s.contains(sep) || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.isEmpty {
            var q = "\""
            for ch in s { q += ch == "\"" ? "\"\"" : String(ch) }
            return q + "\""
        }
        return s
    }

    static func writeAtomically(_ path: String, text: String) throws {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array("\(dir)/.pframe-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { p -> Int32 in
            guard let base = p.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw CLIFailure("cannot create a temporary file in '\(dir)': \(String(cString: strerror(errno)))") }
        let tmp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = true
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buf in
            var off = 0
            while off < buf.count {
                guard let base = buf.baseAddress else { break }
                let n = Glibc.write(fd, base + off, buf.count - off)
                if n <= 0 { if errno == EINTR { continue }; ok = false; break }
                off += n
            }
        }
        if close(fd) != 0 { ok = false }
        guard ok, rename(tmp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw CLIFailure("cannot write '\(path)': \(message)")
        }
    }
}
