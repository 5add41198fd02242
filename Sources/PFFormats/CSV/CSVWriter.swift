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

    /// Formats `table`, handing out text in pieces of about 1 MiB straight from the
    /// output buffers.
    ///
    /// Rows are cut into pieces of about 1 MiB of text; with more than one thread in
    /// ``ThreadPool/shared``, a wave of pieces (one per thread) is formatted in parallel,
    /// then handed out in order, so the text is the same for any thread count.
    static func encodeRaw(_ table: Table, options o: CSVWriteOptions,
                          flush: (UnsafeRawBufferPointer) throws(PFError) -> Void) throws(PFError) {
        let eol = Array(o.lineTerminator.utf8)
        let nullToken = Array(o.nullToken.utf8)
        let fmt = CSVValueFormatter(delimiter: o.delimiter, quote: o.quoteChar, nullToken: nullToken)
        // Rows per piece of each batch; one output buffer per piece formatted at once.
        let plans = table.batches.map { b in rowsPerPiece(b.columns.map(CSVColumnCursor.init), rows: b.numRows) }
        var mostPieces = 1
        for (b, per) in zip(table.batches, plans) { mostPieces = max(mostPieces, (b.numRows + per - 1) / per) }
        let lanes = max(1, min(ThreadPool.shared.threadCount, mostPieces))
        let firstBytes = min(pieceBytes, 64 * table.numRows * max(1, table.numColumns)) + 4096
        let outs = UnsafeMutablePointer<CSVOut>.allocate(capacity: lanes)
        for k in 0..<lanes { (outs + k).initialize(to: CSVOut(capacity: firstBytes)) }
        defer {
            for k in 0..<lanes { outs[k].free() }
            outs.deinitialize(count: lanes)
            outs.deallocate()
        }
        if o.header && table.numColumns > 0 {
            for (i, f) in table.schema.fields.enumerated() {
                if i > 0 { outs[0].append(o.delimiter) }
                fmt.appendText(Array(f.name.utf8), &outs[0])
            }
            outs[0].append(contentsOf: eol)
        }
        // Check every column type before any data row (the header may already be out).
        for f in table.schema.fields { try CSVValueFormatter.check(f) }
        let eolStore = UnsafeMutableRawBufferPointer.allocate(byteCount: eol.count + nullToken.count, alignment: 8)
        defer { eolStore.deallocate() }
        eolStore.copyBytes(from: eol + nullToken)
        let text = RowText(delimiter: o.delimiter, eol: UnsafeRawBufferPointer(rebasing: eolStore[0..<eol.count]),
                           null: UnsafeRawBufferPointer(rebasing: eolStore[eol.count...]), fmt: fmt)
        for (batch, per) in zip(table.batches, plans) {
            let cols = batch.columns.map(CSVColumnCursor.init)
            let arrays = batch.columns
            let rows = batch.numRows
            let pieces = (rows + per - 1) / per
            try withExtendedLifetime(batch) { () throws(PFError) in
                try cols.withUnsafeBufferPointer { (cp: UnsafeBufferPointer<CSVColumnCursor>) throws(PFError) in
                  try arrays.withUnsafeBufferPointer { (ap: UnsafeBufferPointer<ArrayData>) throws(PFError) in
                    var next = 0
                    while next < pieces {
                        let wave = min(lanes, pieces - next)
                        if wave == 1 {
                            text.format(next * per ..< min(rows, (next + 1) * per), cp, ap, &outs[0])
                        } else {
                            let ctx = UnsafeSendable((outs, cp, ap, text, next))
                            ThreadPool.shared.parallelFor(0..<wave, grain: 1) { _, r in
                                let (outs, cp, ap, text, first) = ctx.value
                                for k in r {
                                    let p = first + k
                                    text.format(p * per ..< min(rows, (p + 1) * per), cp, ap, &outs[k])
                                }
                            }
                        }
                        for k in 0..<wave where outs[k].count > 0 {
                            try flush(outs[k].bytes)
                            outs[k].count = 0
                        }
                        next += wave
                    }
                  }
                }
            }
        }
        if outs[0].count > 0 { try flush(outs[0].bytes) }
    }

    /// Target size of one piece of text.
    static let pieceBytes = 1 << 20

    /// Rows per piece: about ``pieceBytes`` of text, from the string columns' sizes and
    /// 24 bytes for every other value.
    static func rowsPerPiece(_ cols: [CSVColumnCursor], rows: Int) -> Int {
        guard rows > 0 else { return 1 }
        var bytes = 0
        for c in cols { bytes += c.textBytes(rows: rows) }
        let perRow = max(1, bytes / rows + cols.count)
        return max(1, pieceBytes / perRow)
    }

    /// What formatting rows needs besides the columns.
    struct RowText {
        let delimiter: UInt8
        let eol: UnsafeRawBufferPointer
        let null: UnsafeRawBufferPointer
        let fmt: CSVValueFormatter

        /// Appends the text of `rows` to `out`.
        func format(_ rows: Range<Int>, _ cols: UnsafeBufferPointer<CSVColumnCursor>,
                    _ arrays: UnsafeBufferPointer<ArrayData>, _ out: inout CSVOut) {
            for r in rows {
                for c in 0..<cols.count {
                    if c > 0 { out.append(delimiter) }
                    if cols[c].kind == .generic { fmt.append(arrays[c], r, &out) }
                    else { cols[c].append(r, fmt, null, &out) }
                }
                out.append(eol)
            }
        }
    }
}

/// Writes bytes to a file descriptor, retrying short writes. Every 8 MiB it asks the
/// kernel to start writing the new pages back (Linux `sync_file_range`), so that the
/// final `fsync` has little left to wait for.
struct FileSink {
    let fd: Int32
    let path: String
    private var written = 0
    private var kicked = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

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
        written += raw.count
        if written - kicked >= 8 << 20, let start = FileSink.startWriteback {
            _ = start(fd, Int64(kicked), Int64(written - kicked), 2)   // SYNC_FILE_RANGE_WRITE
            kicked = written
        }
    }

    /// `sync_file_range`, looked up at run time (not in Swift's Glibc module; absent
    /// outside Linux). Only a hint: failures are ignored, `fsync` still follows.
    private static let startWriteback: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "sync_file_range") else { return nil }
        return unsafeBitCast(sym, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()
}
