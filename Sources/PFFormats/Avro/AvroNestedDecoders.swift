import PFColumnar

/// A nested Avro record → struct.
final class AvroStructDecoder: AvroColumnDecoder {
    let children: [AvroColumnDecoder]
    init(type: DataType, children: [AvroColumnDecoder], nullable: Bool) {
        self.children = children
        super.init(type: type, nullable: nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        for child in children { try child.decode(&c) }
        markValid()
    }
    override func appendPlaceholder() { for child in children { child.appendNull() } }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = length
        let kids = try children.map { k throws(PFError) in try k.finish() }
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity], children: kids)
    }
    override func finish() throws(PFError) -> ArrayData {
        let n = length
        var v = BitmapBuilder()
        avroSwap(&v, &validity)
        let nc = nullCount
        let buf = v.finish()
        nullCount = 0
        length = 0
        let kids = try children.map { k throws(PFError) in try k.finish() }
        return try ArrayData(type: type, length: n, nullCount: nc, buffers: [nc > 0 ? buf : nil], children: kids)
    }
}

/// Avro `array` → list (32-bit offsets). Items come in blocks; a negative block count is
/// followed by the block's byte size.
final class AvroListDecoder: AvroColumnDecoder {
    let item: AvroColumnDecoder
    let minItemSize: Int
    @exclusivity(unchecked) var offsets: MutableBuffer
    @exclusivity(unchecked) var total = 0
    init(type: DataType, item: AvroColumnDecoder, minItemSize: Int, nullable: Bool) {
        self.item = item
        self.minItemSize = minItemSize
        offsets = MutableBuffer(capacity: 4096)
        offsets.append(Int32(0))
        super.init(type: type, nullable: nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        while true {
            let (n, _) = try c.readBlockCount(minItemSize: minItemSize)
            if n == 0 { break }
            guard total <= Int(Int32.max) - n else { throw c.error("list column exceeds 2^31 items in one batch") }
            for _ in 0..<n { try item.decode(&c) }
            total += n
        }
        offsets.append(Int32(truncatingIfNeeded: total))
        markValid()
    }
    override func appendPlaceholder() { offsets.append(Int32(truncatingIfNeeded: total)) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = offsets.count / 4 - 1
        let o = avroTake(&offsets)
        offsets.append(Int32(0))
        total = 0
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, o],
                             children: [item.finish()])
    }
}

/// Avro `map` → map<utf8, value> (entries struct of key and value).
final class AvroMapDecoder: AvroColumnDecoder {
    let keys = AvroBinaryDecoder(utf8: true, nullable: false)
    let value: AvroColumnDecoder
    let entriesType: DataType
    let minItemSize: Int
    @exclusivity(unchecked) var offsets: MutableBuffer
    @exclusivity(unchecked) var total = 0
    init(type: DataType, value: AvroColumnDecoder, minValueSize: Int, nullable: Bool) {
        self.value = value
        minItemSize = 1 + minValueSize
        if case .map(let e, _) = type { entriesType = e.type } else { entriesType = .null }
        offsets = MutableBuffer(capacity: 4096)
        offsets.append(Int32(0))
        super.init(type: type, nullable: nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        while true {
            let (n, _) = try c.readBlockCount(minItemSize: minItemSize)
            if n == 0 { break }
            guard total <= Int(Int32.max) - n else { throw c.error("map column exceeds 2^31 entries in one batch") }
            for _ in 0..<n {
                try keys.decode(&c)
                try value.decode(&c)
            }
            total += n
        }
        offsets.append(Int32(truncatingIfNeeded: total))
        markValid()
    }
    override func appendPlaceholder() { offsets.append(Int32(truncatingIfNeeded: total)) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = offsets.count / 4 - 1
        let o = avroTake(&offsets)
        offsets.append(Int32(0))
        let entries = total
        total = 0
        let kv = try ArrayData(type: entriesType, length: entries, nullCount: 0, buffers: [nil],
                               children: [keys.finish(), value.finish()])
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, o], children: [kv])
    }
}

/// A union `["null", T]` or `[T, "null"]`: the branch index selects null or a value of the
/// (nullable) inner decoder. Any other index is a format error. Also serves one-branch
/// unions `[T]` (nullIndex nil).
final class AvroNullableUnionDecoder: AvroColumnDecoder {
    let inner: AvroColumnDecoder
    let nullIndex: Int64
    let branchCount: Int64
    init(inner: AvroColumnDecoder, nullIndex: Int?, branchCount: Int) {
        self.inner = inner
        self.nullIndex = Int64(nullIndex ?? -1)
        self.branchCount = Int64(branchCount)
        super.init(type: inner.type, nullable: inner.nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let i = try c.readLong()
        guard i >= 0, i < branchCount else { throw c.error("union branch index \(i) outside 0..<\(branchCount)") }
        if i == nullIndex { inner.appendNull() } else { try inner.decode(&c) }
    }
    override func appendNull() { inner.appendNull() }
    override func finish() throws(PFError) -> ArrayData { try inner.finish() }
}

/// Any union other than `["null", T]` → dense union: type id = branch index, offset =
/// position in that branch's child. A null slot appended from outside (the union sits
/// under a null record) goes to the `"null"` branch if there is one, else is a
/// placeholder of branch 0.
final class AvroDenseUnionDecoder: AvroColumnDecoder {
    let branches: [AvroColumnDecoder]
    let nullIndex: Int
    @exclusivity(unchecked) var typeIds: MutableBuffer
    @exclusivity(unchecked) var offsets: MutableBuffer
    @exclusivity(unchecked) var counts: [Int32]
    init(type: DataType, branches: [AvroColumnDecoder], nullIndex: Int?) {
        self.branches = branches
        self.nullIndex = nullIndex ?? 0
        typeIds = MutableBuffer(capacity: 1024)
        offsets = MutableBuffer(capacity: 4096)
        counts = [Int32](repeating: 0, count: branches.count)
        super.init(type: type, nullable: false)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let i = try c.readLong()
        guard i >= 0, i < Int64(branches.count) else {
            throw c.error("union branch index \(i) outside 0..<\(branches.count)")
        }
        let k = Int(i)
        guard counts[k] < Int32.max else { throw c.error("union column exceeds 2^31 values in one batch") }
        try branches[k].decode(&c)
        append(k)
    }
    @inline(__always) private func append(_ k: Int) {
        typeIds.append(Int8(truncatingIfNeeded: k))
        offsets.append(counts[k])
        counts[k] &+= 1
        length += 1
    }
    override func appendNull() {
        branches[nullIndex].appendNull()
        append(nullIndex)
    }
    override func appendPlaceholder() { appendNull() }
    override func finish() throws(PFError) -> ArrayData {
        let n = length
        length = 0
        for k in counts.indices { counts[k] = 0 }
        let kids = try branches.map { b throws(PFError) in try b.finish() }
        return try ArrayData(type: type, length: n, nullCount: 0,
                             buffers: [nil, avroTake(&typeIds), avroTake(&offsets)], children: kids)
    }
}

/// Consumes the bytes of a value that is not decoded (projected away). Works for every
/// schema, including unions that the Arrow mapping does not support.
final class AvroSkipDecoder: AvroColumnDecoder {
    let skipper: AvroSkipper
    init(_ schema: AvroSchema) {
        skipper = AvroSkipper.make(schema)
        super.init(type: .null, nullable: true)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) { try skipper.skip(&c) }
    override func finish() throws(PFError) -> ArrayData { try ArrayData(type: .null, length: 0, nullCount: 0, buffers: []) }
}

/// Skips encoded values of one schema node without building anything.
final class AvroSkipper {
    enum Kind {
        case fixedBytes(Int)
        case varint
        case lengthPrefixed
        case record([AvroSkipper])
        case array(AvroSkipper, minItemSize: Int)
        case map(AvroSkipper, minItemSize: Int)
        case union([AvroSkipper])
    }
    let kind: Kind
    init(_ kind: Kind) { self.kind = kind }

    static func make(_ s: AvroSchema) -> AvroSkipper {
        switch s {
        case .null: return AvroSkipper(.fixedBytes(0))
        case .boolean: return AvroSkipper(.fixedBytes(1))
        case .int, .long, .enumeration: return AvroSkipper(.varint)
        case .float: return AvroSkipper(.fixedBytes(4))
        case .double: return AvroSkipper(.fixedBytes(8))
        case .bytes, .string: return AvroSkipper(.lengthPrefixed)
        case .fixed(let f): return AvroSkipper(.fixedBytes(f.size))
        case .record(let r): return AvroSkipper(.record(r.fields.map { make($0.type) }))
        case .array(let i): return AvroSkipper(.array(make(i), minItemSize: i.minEncodedSize))
        case .map(let v): return AvroSkipper(.map(make(v), minItemSize: 1 + v.minEncodedSize))
        case .union(let bs): return AvroSkipper(.union(bs.map { make($0) }))
        case .logical(_, let b): return make(b)
        }
    }

    func skip(_ c: inout AvroCursor) throws(PFError) {
        switch kind {
        case .fixedBytes(let n): try c.skip(n)
        case .varint: _ = try c.readVarint()
        case .lengthPrefixed: _ = try c.readLengthPrefixed()
        case .record(let fs): for f in fs { try f.skip(&c) }
        case .array(let item, let m):
            while true {
                let (n, size) = try c.readBlockCount(minItemSize: m)
                if n == 0 { break }
                if let size { try c.skip(size) } else { for _ in 0..<n { try item.skip(&c) } }
            }
        case .map(let value, let m):
            while true {
                let (n, size) = try c.readBlockCount(minItemSize: m)
                if n == 0 { break }
                if let size {
                    try c.skip(size)
                } else {
                    for _ in 0..<n { _ = try c.readLengthPrefixed(); try value.skip(&c) }
                }
            }
        case .union(let bs):
            let i = try c.readLong()
            guard i >= 0, i < Int64(bs.count) else { throw c.error("union branch index \(i) outside 0..<\(bs.count)") }
            try bs[Int(i)].skip(&c)
        }
    }
}
