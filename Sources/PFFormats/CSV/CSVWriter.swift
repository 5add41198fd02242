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
            try encodeRaw(table, options: options) { (bytes: UnsafeRawBufferPointer) throws(PFError) in
                try sink.write(bytes)
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
        try encodeRaw(table, options: options) { (bytes: UnsafeRawBufferPointer) throws(PFError) in
            all.append(contentsOf: bytes)
        }
        return all
    }

    /// Formats `table`, handing out text in pieces of about 1 MiB.
    static func encode(_ table: Table, options o: CSVWriteOptions,
                       flush: (inout [UInt8]) throws(PFError) -> Void) throws(PFError) {
        var pending: [UInt8] = []
        try encodeRaw(table, options: o) { (raw: UnsafeRawBufferPointer) throws(PFError) in
            pending.append(contentsOf: raw)
            try flush(&pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Formats `table`, handing out text in pieces of about 1 MiB straight from the
    /// output buffer.
    static func encodeRaw(_ table: Table, options o: CSVWriteOptions,
                          flush: (UnsafeRawBufferPointer) throws(PFError) -> Void) throws(PFError) {
        var out = CSVOut(capacity: 1 << 20 + 4096)
        defer { out.free() }
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
        let delim = o.delimiter
        let eolStore = UnsafeMutableRawBufferPointer.allocate(byteCount: eol.count + nullToken.count, alignment: 8)
        defer { eolStore.deallocate() }
        eolStore.copyBytes(from: eol + nullToken)
        let eolBytes = UnsafeRawBufferPointer(rebasing: eolStore[0..<eol.count])
        let nullBytes = UnsafeRawBufferPointer(rebasing: eolStore[eol.count...])
        for batch in table.batches {
            let cols = batch.columns.map(CSVColumnCursor.init)
            try withExtendedLifetime(batch) { () throws(PFError) in
                for r in 0..<batch.numRows {
                    for c in 0..<cols.count {
                        if c > 0 { out.append(delim) }
                        cols[c].append(r, fmt, nullBytes, &out)
                    }
                    out.append(eolBytes)
                    if out.count >= 1 << 20 { try flush(out.bytes); out.count = 0 }
                }
            }
        }
        if out.count > 0 { try flush(out.bytes) }
    }
}

/// One column of a batch prepared for row-by-row formatting: the common types are
/// formatted from raw pointers, the rest through ``CSVValueFormatter/append(_:_:_:)``.
struct CSVColumnCursor {
    enum Kind { case int64, int32, float64, utf8, largeUtf8, date32, timestamp, generic }
    let kind: Kind
    let array: ArrayData
    let validity: UnsafePointer<UInt8>?
    let values: UnsafeRawPointer?
    let data: UnsafeRawPointer?
    let offset: Int
    let unit: TimeUnit
    let zoned: Bool

    init(_ a: ArrayData) {
        array = a
        offset = a.offset
        validity = a.nullCount > 0 ? a.validity?.baseAddress.assumingMemoryBound(to: UInt8.self) : nil
        values = a.buffers.count > 1 ? a.buffers[1]?.baseAddress : nil
        data = a.buffers.count > 2 ? a.buffers[2]?.baseAddress : nil
        var u = TimeUnit.second, z = false
        var k: Kind
        switch a.type {
        case .int64: k = .int64
        case .int32: k = .int32
        case .float64: k = .float64
        case .utf8, .binary: k = .utf8
        case .largeUtf8, .largeBinary: k = .largeUtf8
        case .date32: k = .date32
        case .timestamp(let tu, let tz): k = .timestamp; u = tu; z = tz != nil
        default: k = .generic
        }
        if values == nil || ((k == .utf8 || k == .largeUtf8) && data == nil) { k = .generic }
        if case .null = a.type { k = .generic }
        kind = k; unit = u; zoned = z
    }

    @inline(__always)
    func append(_ r: Int, _ fmt: CSVValueFormatter, _ nullToken: UnsafeRawBufferPointer, _ out: inout CSVOut) {
        let j = offset + r
        if let v = validity, v[j >> 3] & (1 << UInt8(j & 7)) == 0 { out.append(nullToken); return }
        switch kind {
        case .int64: fmt.appendInt(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Int64.self), &out)
        case .int32: fmt.appendInt(Int64(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 4, as: Int32.self)), &out)
        case .float64: fmt.appendDouble(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Double.self), &out)
        case .utf8:
            let op = values.unsafelyUnwrapped
            let s = Int(op.loadUnaligned(fromByteOffset: j * 4, as: Int32.self))
            let e = Int(op.loadUnaligned(fromByteOffset: j * 4 + 4, as: Int32.self))
            fmt.appendText(UnsafeRawBufferPointer(start: data.unsafelyUnwrapped + s, count: e - s), &out)
        case .largeUtf8:
            let op = values.unsafelyUnwrapped
            let s = Int(op.loadUnaligned(fromByteOffset: j * 8, as: Int64.self))
            let e = Int(op.loadUnaligned(fromByteOffset: j * 8 + 8, as: Int64.self))
            fmt.appendText(UnsafeRawBufferPointer(start: data.unsafelyUnwrapped + s, count: e - s), &out)
        case .date32:
            out.reserve(32)
            fmt.appendDate(Int64(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 4, as: Int32.self)), &out)
        case .timestamp:
            out.reserve(48)
            fmt.appendTimestamp(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Int64.self), unit: unit, &out)
            if zoned { out.append(UInt8(ascii: "Z")) }
        case .generic:
            fmt.append(array, r, &out)
        }
    }
}

/// Writes bytes to a file descriptor, retrying short writes.
struct FileSink {
    let fd: Int32
    let path: String

    mutating func write(_ raw: UnsafeRawBufferPointer) throws(PFError) {
        var off = 0
        while off < raw.count {
            let n = Glibc.write(fd, raw.baseAddress.unsafelyUnwrapped + off, raw.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io("write '\(path)': \(String(cString: strerror(errno)))")
            }
            off += n
        }
    }
}
