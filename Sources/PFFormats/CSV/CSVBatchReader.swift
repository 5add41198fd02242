import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file as a stream of record batches of at most
/// ``CSVReadOptions/batchSize`` rows, with bounded memory.
///
/// The file is read with `read(2)` through a sliding window (``CSVReadOptions/blockSize``
/// bytes, grown only when one record is longer), so files larger than memory can be
/// processed batch by batch.
///
/// Types are inferred from the first batch and then fixed, like pyarrow's streaming
/// reader: a later value that does not fit its column's type throws a
/// ``PFError/format(_:offset:)`` naming the column, the inferred type, the row and the
/// value (set ``CSVReadOptions/columnTypes`` for such columns, or use ``CSVReader``,
/// which infers over the whole file). A column that is all null in the first batch
/// gets ``CSVReadOptions/allNullType`` (utf8 by default, which accepts any later text).
/// Errors name byte offsets rather than line numbers.
public final class CSVBatchReader {
    private let options: CSVReadOptions
    private let tokenizer: CSVTokenizer
    private let nulls: CSVNullMatcher
    private var fd: Int32
    private var window: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var winStart = 0
    private var winEnd = 0
    /// File offset of `window[0]`.
    private var fileOffset = 0
    private var eof = false
    private var finished = false
    private var names: [String] = []
    private var selected: [Int] = []
    private var types: [DataType]? = nil
    private var rowsRead = 0
    private let path: String

    /// The schema: known after ``init(path:options:)`` for files with a header when the
    /// types are explicit; otherwise after the first call to ``next()``.
    public private(set) var schema: Schema?

    /// Opens `path` and reads its header.
    public init(path: String, options: CSVReadOptions = CSVReadOptions()) throws(PFError) {
        let o = try options.validated()
        self.options = o
        self.path = path
        tokenizer = CSVTokenizer(o)
        nulls = CSVNullMatcher(o.nullValues)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        capacity = max(1 << 16, o.blockSize)
        window = .allocate(capacity: capacity)
        while true {
            switch try CSVPreamble.parse(window, count: winEnd, isEOF: eof, options: o, tokenizer: tokenizer) {
            case .needMore:
                try fill()
            case .empty:
                finished = true
                schema = Schema([])
                return
            case .ready(let p):
                names = p.names
                winStart = p.dataStart
                selected = try CSVReader.projection(names, o.columns)
                if selected.allSatisfy({ o.columnTypes[names[$0]] != nil || !o.inferTypes }) {
                    let ts = selected.map { o.columnTypes[names[$0]] ?? .utf8 }
                    types = ts
                    schema = Schema(zip(selected, ts).map { Field(names[$0], $1) })
                }
                return
            }
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
        window.deallocate()
    }

    /// Moves unread bytes to the front of the window (growing it when full) and reads more.
    private func fill() throws(PFError) {
        if eof { return }
        if winStart > 0 {
            let keep = winEnd - winStart
            if keep > 0 { memmove(window, window + winStart, keep) }
            fileOffset += winStart
            winEnd = keep
            winStart = 0
        }
        if winEnd == capacity {
            let cap = capacity * 2
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            p.update(from: window, count: winEnd)
            window.deallocate()
            window = p
            capacity = cap
        }
        while winEnd < capacity {
            let r = read(fd, window + winEnd, capacity - winEnd)
            if r < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if r == 0 { eof = true; break }
            winEnd += r
        }
    }

    /// The next batch, or nil at the end of the file.
    public func next() throws(PFError) -> RecordBatch? {
        guard !finished else { return nil }
        let o = options
        let t = CSVTokens(width: names.count, dataCapacity: min(capacity, o.batchSize * 16) + 64,
                          fieldCapacity: min(o.batchSize * names.count, 1 << 20) + 16)
        var repair = false
        while t.rows < o.batchSize {
            let start = winStart
            let out = try tokenizer.tokenize(window, start: winStart, end: winEnd, isEOF: eof, stopAt: Int.max,
                                             maxRows: o.batchSize - t.rows, into: t)
            if let bad = UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: window + start, count: out.position - start)) {
                if o.encodingErrors == .strict { finished = true; throw CSVErrors.invalidUTF8(at: fileOffset + start + bad) }
                repair = true
            }
            winStart = out.position
            if let e = out.error {
                finished = true
                throw CSVErrors.make(e, at: out.position, UnsafePointer(window), count: winEnd, lines: false, fileOffset: fileOffset)
            }
            if t.rows >= o.batchSize { break }
            if eof && (winStart >= winEnd || !out.needMore) { break }
            try fill()
        }
        if t.rows == 0 {
            finished = true
            if schema == nil { try fixTypes(t) }
            return nil
        }
        if types == nil { try fixTypes(t) }
        guard let types, let schema else { return nil }
        var cols: [ArrayData] = []
        for (j, c) in selected.enumerated() {
            switch try CSVColumnConverter.convert(t, column: c, type: types[j], nulls: nulls, repairUTF8: repair) {
            case .array(let a): cols.append(a)
            case .failed(let row):
                finished = true
                let v = t.string(row * t.width + c)
                let name = names[c]
                if o.columnTypes[name] != nil {
                    throw CSVErrors.badValue(column: name, type: types[j], row: rowsRead + row + 1, value: v)
                }
                throw PFError.format("CSV column '\(name)' was inferred as \(types[j].shortName) from the first batch, but data row \(rowsRead + row + 1) holds '\(v)'; set its type in column_types or read the whole file at once")
            }
        }
        rowsRead += t.rows
        return try RecordBatch(schema: schema, columns: cols)
    }

    /// Fixes the column types from the first batch.
    private func fixTypes(_ t: CSVTokens) throws(PFError) {
        let o = options
        var ts: [DataType] = []
        for c in selected {
            if let ft = o.columnTypes[names[c]] { ts.append(ft); continue }
            if !o.inferTypes { ts.append(.utf8); continue }
            let m = CSVTypeInference.mask(t, column: c, rows: t.rows, nulls: nulls)
            ts.append(CSVTypeInference.type(of: CSVTypeInference.pick(m), allNullType: o.allNullType))
        }
        types = ts
        schema = Schema(zip(selected, ts).map { Field(names[$0], $1) })
    }

    /// Reads all remaining batches into a table.
    public func readAll() throws(PFError) -> Table {
        var batches: [RecordBatch] = []
        while let b = try next() { batches.append(b) }
        return try Table(schema: schema ?? Schema([]), batches: batches)
    }
}
