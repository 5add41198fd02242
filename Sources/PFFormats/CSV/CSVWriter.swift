import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes tables as CSV.
///
/// Formatting follows `pyarrow.csv.write_csv` where practical: booleans `true`/`false`,
/// dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.fraction]` with as many
/// fraction digits as the unit and a `Z` suffix when the type has a time zone (values
/// are UTC), floats as Python's `repr` (shortest round-trip: `1.5`, `1e+20`, `nan`,
/// `inf`), decimals with their scale. Unlike pyarrow, strings are quoted only where
/// needed: when they contain the delimiter, the quote, CR or LF, start or end with a
/// space or tab, or equal the null token. Nested types (list, struct, map) throw
/// ``PFError/unsupported(_:)``.
///
/// ``write(_:to:options:)`` is atomic: it writes a temporary file in the target
/// directory, fsyncs it and renames it over `path`; on any failure the temporary file
/// is removed and `path` is left as it was.
public enum CSVWriter {
    /// Writes `table` to `path` atomically.
    public static func write(_ table: Table, to path: String, options: CSVWriteOptions = CSVWriteOptions()) throws(PFError) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .invalidArgument("CSV output path '\(path)' names a directory") }
        let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create '\(tmp)': \(String(cString: strerror(errno)))") }
        var closed = false
        do throws(PFError) {
            var sink = FileSink(fd: fd, path: tmp)
            try encode(table, options: options) { (bytes: inout [UInt8]) throws(PFError) in
                try sink.write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
            guard fsync(fd) == 0 else { throw .io("fsync '\(tmp)': \(String(cString: strerror(errno)))") }
            closed = true
            guard close(fd) == 0 else { throw .io("close '\(tmp)': \(String(cString: strerror(errno)))") }
            guard rename(tmp, path) == 0 else { throw .io("cannot rename '\(tmp)' to '\(path)': \(String(cString: strerror(errno)))") }
        } catch {
            if !closed { close(fd) }
            unlink(tmp)
            throw error
        }
        // Make the rename durable (best effort).
        let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// The CSV text of `table` in memory.
    public static func encode(_ table: Table, options: CSVWriteOptions = CSVWriteOptions()) throws(PFError) -> [UInt8] {
        var all: [UInt8] = []
        try encode(table, options: options) { (bytes: inout [UInt8]) throws(PFError) in
            all.append(contentsOf: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        return all
    }

    /// Formats `table`, handing out text in pieces of about 1 MiB.
    static func encode(_ table: Table, options o: CSVWriteOptions,
                       flush: (inout [UInt8]) throws(PFError) -> Void) throws(PFError) {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20 + 4096)
        let eol = Array(o.lineTerminator.utf8)
        let nullToken = Array(o.nullToken.utf8)
        let fmt = CSVValueFormatter(delimiter: o.delimiter, quote: o.quoteChar, nullToken: nullToken)
        if o.header && table.numColumns > 0 {
            for (i, f) in table.schema.fields.enumerated() {
                if i > 0 { out.append(o.delimiter) }
                fmt.appendText(Array(f.name.utf8), &out)
            }
            out.append(contentsOf: eol)
        }
        // Check every column type before any data row (the header may already be out).
        for f in table.schema.fields { try CSVValueFormatter.check(f) }
        for batch in table.batches {
            let cols = batch.columns
            for r in 0..<batch.numRows {
                for c in 0..<cols.count {
                    if c > 0 { out.append(o.delimiter) }
                    fmt.append(cols[c], r, &out)
                }
                out.append(contentsOf: eol)
                if out.count >= 1 << 20 { try flush(&out) }
            }
        }
        if !out.isEmpty { try flush(&out) }
    }
}

/// Writes bytes to a file descriptor, retrying short writes.
struct FileSink {
    let fd: Int32
    let path: String

    mutating func write(_ bytes: [UInt8]) throws(PFError) {
        var failure: PFError? = nil
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io("write '\(path)': \(String(cString: strerror(errno)))")
                    return
                }
                off += n
            }
        }
        if let failure { throw failure }
    }
}
