import PFColumnar

// A minimal FlatBuffers reader and builder for the tables of Arrow's `Message.fbs` and
// `Schema.fbs` that `ARROW:schema` uses. Reading is bounds-checked everywhere: the bytes
// come from files.

/// Bounds-checked access to a FlatBuffer.
struct FlatBufferReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func error(_ what: String, _ at: Int) -> PFError {
        .format("ARROW:schema flatbuffer: \(what) at byte \(at)")
    }

    func check(_ pos: Int, _ n: Int) throws {
        guard pos >= 0, n >= 0, pos <= bytes.count, n <= bytes.count - pos else {
            throw error("read of \(n) bytes out of range (size \(bytes.count))", pos)
        }
    }

    func u8(_ p: Int) throws -> UInt8 { try check(p, 1); return bytes[p] }
    func u16(_ p: Int) throws -> UInt16 {
        try check(p, 2)
        return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
    }
    func u32(_ p: Int) throws -> UInt32 {
        try check(p, 4)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[p + k]) << UInt32(8 * k) }
        return v
    }
    func u64(_ p: Int) throws -> UInt64 {
        try check(p, 8)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[p + k]) << UInt64(8 * k) }
        return v
    }

    /// Follows the uoffset stored at `p`.
    func deref(_ p: Int) throws -> Int {
        let off = Int(try u32(p))
        let target = p + off
        try check(target, 0)
        return target
    }

    /// The table whose start is `pos`.
    func table(at pos: Int) throws -> FlatTable {
        let soff = Int(Int32(bitPattern: try u32(pos)))
        let vt = pos - soff
        let vtSize = Int(try u16(vt))
        guard vtSize >= 4, vtSize % 2 == 0 else { throw error("bad vtable size \(vtSize)", vt) }
        try check(vt, vtSize)
        let tableSize = Int(try u16(vt + 2))
        try check(pos, tableSize)
        return FlatTable(r: self, pos: pos, vtable: vt, vtSize: vtSize, tableSize: tableSize)
    }

    /// The root table of the buffer.
    func root() throws -> FlatTable { try table(at: try deref(0)) }
}

/// One table of a FlatBuffer.
struct FlatTable {
    let r: FlatBufferReader
    let pos: Int
    let vtable: Int
    let vtSize: Int
    let tableSize: Int

    /// Absolute position of field `slot`, or nil when absent.
    func field(_ slot: Int) throws -> Int? {
        let e = 4 + 2 * slot
        guard e + 2 <= vtSize else { return nil }
        let off = Int(try r.u16(vtable + e))
        if off == 0 { return nil }
        guard off < tableSize else { throw r.error("field \(slot) outside its table", pos) }
        return pos + off
    }

    func bool(_ slot: Int, _ def: Bool = false) throws -> Bool {
        guard let p = try field(slot) else { return def }
        return try r.u8(p) != 0
    }
    func u8(_ slot: Int, _ def: UInt8 = 0) throws -> UInt8 {
        guard let p = try field(slot) else { return def }
        return try r.u8(p)
    }
    func i16(_ slot: Int, _ def: Int16 = 0) throws -> Int16 {
        guard let p = try field(slot) else { return def }
        return Int16(bitPattern: try r.u16(p))
    }
    func i32(_ slot: Int, _ def: Int32 = 0) throws -> Int32 {
        guard let p = try field(slot) else { return def }
        return Int32(bitPattern: try r.u32(p))
    }
    func i64(_ slot: Int, _ def: Int64 = 0) throws -> Int64 {
        guard let p = try field(slot) else { return def }
        return Int64(bitPattern: try r.u64(p))
    }
    func table(_ slot: Int) throws -> FlatTable? {
        guard let p = try field(slot) else { return nil }
        return try r.table(at: try r.deref(p))
    }
    func string(_ slot: Int) throws -> String? {
        guard let p = try field(slot) else { return nil }
        let s = try r.deref(p)
        let n = Int(try r.u32(s))
        try r.check(s + 4, n)
        return String(decoding: r.bytes[(s + 4)..<(s + 4 + n)], as: UTF8.self)
    }
    /// Start of the elements and count of a vector field.
    func vector(_ slot: Int, elementSize: Int) throws -> (start: Int, count: Int)? {
        guard let p = try field(slot) else { return nil }
        let v = try r.deref(p)
        let n = Int(try r.u32(v))
        let (total, o) = n.multipliedReportingOverflow(by: elementSize)
        guard !o else { throw r.error("vector too long", v) }
        try r.check(v + 4, total)
        return (v + 4, n)
    }
    func tables(_ slot: Int) throws -> [FlatTable] {
        guard let (start, n) = try vector(slot, elementSize: 4) else { return [] }
        var out: [FlatTable] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(try r.table(at: try r.deref(start + 4 * i))) }
        return out
    }
    func int32s(_ slot: Int) throws -> [Int32]? {
        guard let (start, n) = try vector(slot, elementSize: 4) else { return nil }
        return try (0..<n).map { Int32(bitPattern: try r.u32(start + 4 * $0)) }
    }
}

/// A FlatBuffer object to serialize.
indirect enum FlatObject {
    /// A table: `(slot, value)` pairs.
    case table([(Int, FlatValue)])
    case string(String)
    case tables([FlatObject])
    case int32s([Int32])
}

/// A field value of a table.
enum FlatValue {
    case bool(Bool)
    case u8(UInt8)
    case i16(Int16)
    case i32(Int32)
    case i64(Int64)
    case object(FlatObject)
}

/// Serializes a tree of ``FlatObject``s front to back: every object is written before
/// the objects it references, so all uoffsets point forward as FlatBuffers requires.
struct FlatBufferBuilder {
    private(set) var bytes: [UInt8] = []

    private mutating func align(_ n: Int) {
        while bytes.count % n != 0 { bytes.append(0) }
    }
    private mutating func put<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    private mutating func patch(_ at: Int, _ v: UInt32) {
        for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: v >> UInt32(8 * k)) }
    }
    private mutating func patchOffset(_ slot: Int, to target: Int) {
        patch(slot, UInt32(target - slot))
    }

    /// Serializes `root` and returns the buffer (root uoffset first).
    static func build(_ root: FlatObject) -> [UInt8] {
        var b = FlatBufferBuilder()
        b.put(UInt32(0))
        b.align(8)
        let pos = b.write(root)
        b.patchOffset(0, to: pos)
        b.align(8)
        return b.bytes
    }

    private static func size(_ v: FlatValue) -> Int {
        switch v {
        case .bool, .u8: return 1
        case .i16: return 2
        case .i32, .object: return 4
        case .i64: return 8
        }
    }

    /// Writes `obj` (and, after it, everything it references); returns its position.
    private mutating func write(_ obj: FlatObject) -> Int {
        switch obj {
        case .string(let s):
            align(4)
            let pos = bytes.count
            let u = Array(s.utf8)
            put(UInt32(u.count))
            bytes.append(contentsOf: u)
            bytes.append(0)
            return pos
        case .int32s(let vs):
            align(4)
            let pos = bytes.count
            put(UInt32(vs.count))
            for v in vs { put(v) }
            return pos
        case .tables(let objs):
            align(4)
            let pos = bytes.count
            put(UInt32(objs.count))
            let first = bytes.count
            for _ in objs { put(UInt32(0)) }
            for (i, o) in objs.enumerated() {
                let p = write(o)
                patchOffset(first + 4 * i, to: p)
            }
            return pos
        case .table(let fields):
            // Lay out fields largest first so each is naturally aligned once the table
            // start is 8-aligned.
            let sorted = fields.sorted { FlatBufferBuilder.size($0.1) > FlatBufferBuilder.size($1.1) }
            let numSlots = (fields.map(\.0).max() ?? -1) + 1
            var offsets = [UInt16](repeating: 0, count: numSlots)
            var tableSize = 4
            var fieldPos: [(Int, FlatValue)] = []
            // 8-byte values after the 4-byte soffset need padding to offset 8.
            for (slot, v) in sorted {
                let s = FlatBufferBuilder.size(v)
                while tableSize % s != 0 { tableSize += 1 }
                offsets[slot] = UInt16(tableSize)
                fieldPos.append((tableSize, v))
                tableSize += s
            }
            // vtable, then the table at an 8-aligned position.
            align(2)
            let vtSize = 4 + 2 * numSlots
            let vt = bytes.count
            put(UInt16(vtSize))
            put(UInt16(tableSize))
            for o in offsets { put(o) }
            align(8)
            let pos = bytes.count
            put(Int32(pos - vt))
            bytes.append(contentsOf: repeatElement(0, count: tableSize - 4))
            var refs: [(Int, FlatObject)] = []
            for (off, v) in fieldPos {
                let at = pos + off
                switch v {
                case .bool(let b): bytes[at] = b ? 1 : 0
                case .u8(let x): bytes[at] = x
                case .i16(let x): for k in 0..<2 { bytes[at + k] = UInt8(truncatingIfNeeded: UInt16(bitPattern: x) >> UInt16(8 * k)) }
                case .i32(let x): patch(at, UInt32(bitPattern: x))
                case .i64(let x): for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: UInt64(bitPattern: x) >> UInt64(8 * k)) }
                case .object(let o): refs.append((at, o))
                }
            }
            for (at, o) in refs {
                let p = write(o)
                patchOffset(at, to: p)
            }
            return pos
        }
    }
}
