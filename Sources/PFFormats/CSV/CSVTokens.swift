import PFColumnar

/// The growable storage the tokenizer writes into: field text and field ends.
///
/// A plain struct so that the tokenizer can keep it in a local variable (no class
/// access overhead in the inner loop) and store it back when done.
struct CSVTokenStorage {
    var data: UnsafeMutablePointer<UInt8>
    var dataCapacity: Int
    var dataCount = 0
    var ends: UnsafeMutablePointer<UInt32>
    var endsCapacity: Int
    var endsCount = 0

    /// Largest data size a block may hold (offsets are 31-bit).
    static let maxData = Int(Int32.max)

    init(dataCapacity: Int, fieldCapacity: Int) {
        self.dataCapacity = max(64, dataCapacity)
        self.endsCapacity = max(16, fieldCapacity)
        data = .allocate(capacity: self.dataCapacity)
        ends = .allocate(capacity: self.endsCapacity)
    }

    /// Makes room for `n` more data bytes.
    @inline(__always)
    mutating func reserveData(_ n: Int) throws(PFError) {
        if dataCount &+ n > dataCapacity {
            // Grow a copy, so that `self` never escapes and can live in registers.
            var s = self
            try s.growData(dataCount &+ n)
            self = s
        }
    }

    mutating func growData(_ need: Int) throws(PFError) {
        guard need <= CSVTokenStorage.maxData else {
            throw .unsupported("CSV block holds more than 2 GiB of field data; use a smaller block size")
        }
        var cap = dataCapacity
        while cap < need { cap = cap * 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        p.update(from: data, count: dataCount)
        data.deallocate()
        data = p
        dataCapacity = cap
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) throws(PFError) {
        try reserveData(n)
        (data + dataCount).update(from: p, count: n)
        dataCount += n
    }

    /// Appends `1 <= n <= 32` bytes (see ``csvCopyShort(_:_:_:)``).
    @inline(__always)
    mutating func copySmall(_ p: UnsafePointer<UInt8>, _ n: Int) {
        csvCopyShort(data + dataCount, p, n)
        dataCount += n
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ b: UInt8) throws(PFError) {
        try reserveData(1)
        data[dataCount] = b
        dataCount += 1
    }

    /// Appends one field end (the current data size).
    @inline(__always)
    mutating func pushEnd(forcedNull: Bool = false) {
        if endsCount == endsCapacity { var s = self; s.growEnds(); self = s }
        ends[endsCount] = UInt32(truncatingIfNeeded: dataCount) << 1 | (forcedNull ? 1 : 0)
        endsCount &+= 1
    }

    mutating func growEnds() {
        let cap = endsCapacity * 2
        let p = UnsafeMutablePointer<UInt32>.allocate(capacity: cap)
        p.update(from: ends, count: endsCount)
        ends.deallocate()
        ends = p
        endsCapacity = cap
    }

    /// Drops fields and data back to a saved state.
    @inline(__always)
    mutating func rollBack(fields: Int, data d: Int) {
        endsCount = fields
        dataCount = d
    }
}

/// Copies `1 <= n <= 32` bytes with overlapping word copies, reading and writing only
/// within `[s, s + n)` and `[d, d + n)`.
@inline(__always)
func csvCopyShort(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>, _ n: Int) {
    let d = UnsafeMutableRawPointer(dst)
    let s = UnsafeRawPointer(src)
    if n > 16 {
        // The first and the last 16 bytes.
        let a = s.loadUnaligned(as: UInt64.self), b = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let c = s.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
        let e = s.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        d.storeBytes(of: a, as: UInt64.self)
        d.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
        d.storeBytes(of: c, toByteOffset: n - 16, as: UInt64.self)
        d.storeBytes(of: e, toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 8 {
        d.storeBytes(of: s.loadUnaligned(as: UInt64.self), as: UInt64.self)
        d.storeBytes(of: s.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
    } else if n >= 4 {
        d.storeBytes(of: s.loadUnaligned(as: UInt32.self), as: UInt32.self)
        d.storeBytes(of: s.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
    } else {
        d.storeBytes(of: s.load(as: UInt8.self), as: UInt8.self)
        d.storeBytes(of: s.load(fromByteOffset: n >> 1, as: UInt8.self), toByteOffset: n >> 1, as: UInt8.self)
        d.storeBytes(of: s.load(fromByteOffset: n - 1, as: UInt8.self), toByteOffset: n - 1, as: UInt8.self)
    }
}

/// A read-only view of tokenized fields for the converters' inner loops.
struct CSVFieldView {
    let data: UnsafePointer<UInt8>
    let ends: UnsafePointer<UInt32>

    /// The bytes of field `i` and whether it is a forced null (a padded ragged field).
    @inline(__always)
    func field(_ i: Int) -> (start: UnsafePointer<UInt8>, count: Int, forcedNull: Bool) {
        let s = i == 0 ? 0 : Int(ends[i - 1] >> 1)
        let e = ends[i]
        return (data + s, Int(e >> 1) - s, e & 1 == 1)
    }
}

/// The tokenized records of one block of a CSV file.
///
/// Field texts (quotes removed, escapes resolved) are concatenated in `data`; `ends[i]`
/// holds `(end offset of field i in data) << 1 | forcedNull` so field `i` spans
/// `data[ends[i-1] >> 1 ..< ends[i] >> 1]`. In fixed-width mode every row has exactly
/// `width` fields; in variable mode `rowEnds[r]` is the index after row `r`'s last field.
final class CSVTokens: @unchecked Sendable {
    var storage: CSVTokenStorage
    /// Number of complete rows.
    var rows = 0
    /// Fields per row (fixed mode) or -1 (variable mode).
    let width: Int
    /// Field index after each row (variable mode only).
    var rowEnds: [Int] = []
    /// Absolute byte offset of each row's first byte (variable mode only).
    var rowOffsets: [Int] = []

    init(width: Int, dataCapacity: Int, fieldCapacity: Int) {
        self.width = width
        storage = CSVTokenStorage(dataCapacity: dataCapacity, fieldCapacity: fieldCapacity)
    }

    deinit {
        storage.data.deallocate()
        storage.ends.deallocate()
    }

    var endsCount: Int { storage.endsCount }
    var dataCount: Int { storage.dataCount }

    /// A view for fast field access (valid while no tokenizing happens).
    var view: CSVFieldView { CSVFieldView(data: storage.data, ends: storage.ends) }

    /// The bytes of field `i` and whether it is a forced null.
    func field(_ i: Int) -> (start: UnsafePointer<UInt8>, count: Int, forcedNull: Bool) { view.field(i) }

    /// Field index range of row `r`.
    func fieldRange(row r: Int) -> Range<Int> {
        if width >= 0 { return r * width ..< (r + 1) * width }
        return (r == 0 ? 0 : rowEnds[r - 1]) ..< rowEnds[r]
    }

    /// The text of field `i` (U+FFFD for invalid bytes).
    func string(_ i: Int) -> String {
        let f = field(i)
        return String(decoding: UnsafeBufferPointer(start: f.start, count: f.count), as: UTF8.self)
    }
}
