import PFColumnar

/// Restores the exact Arrow types recorded in a file's `ARROW:schema` (large offsets,
/// time zones, durations, coarser time units, date64, dictionaries...) on arrays decoded
/// with the types the Parquet schema implies, as pyarrow does.
enum ParquetToArrowCast {
    /// Whether an array of `from` can be turned into `to` by ``cast(_:to:)``.
    static func castable(_ from: DataType, _ to: DataType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.utf8, .largeUtf8), (.binary, .largeBinary), (.utf8, .binary), (.binary, .utf8),
             (.utf8, .largeBinary), (.binary, .largeUtf8):
            return true
        case (.timestamp, .timestamp), (.date32, .date64), (.time32, .time32), (.time64, .time64):
            return true
        case (.time64(let a), .time32(let b)):
            return a == .microsecond || a == .nanosecond ? b == .millisecond || b == .second : false
        case (.int64, .duration), (.timestamp, .duration):
            return true
        case (.dictionary(let i, let v, _), .dictionary(let i2, let v2, _)):
            return i == i2 && (v == v2 || castable(v, v2))
        case (.list(let a), .list(let b)), (.list(let a), .largeList(let b)):
            return castable(a.type, b.type)
        case (.list(let a), .fixedSizeList(let b, _)):
            return castable(a.type, b.type)
        case (.map(let a, _), .map(let b, _)):
            return castable(a.type, b.type)
        case (.struct(let a), .struct(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { castable($0.type, $1.type) }
        default:
            if from.children.isEmpty && to.children.isEmpty, from.layout == to.layout, !from.isDictionary, !to.isDictionary {
                return true
            }
            return false
        }
    }

    /// The read type of a leaf whose recorded Arrow type is `to`, given the Parquet-derived `from`
    /// (dictionaries of strings/binary are decoded as dictionaries).
    static func leafReadType(_ from: DataType, _ to: DataType) -> DataType {
        if case .dictionary(_, let v, let ordered) = to, from == .utf8 || from == .binary {
            let vt: DataType = (v == .utf8 || v == .largeUtf8) ? .utf8 : .binary
            return .dictionary(index: .int32, value: vt, ordered: ordered)
        }
        // decimal256 columns of at most 38 digits (recorded in ARROW:schema) decode directly.
        if case .decimal128(let p, let s) = from, case .decimal256(let p2, let s2) = to, p == p2, s == s2 {
            return to
        }
        return from
    }

    /// Converts `a` to `to` (``castable(_:_:)`` must hold).
    static func cast(_ a: ArrayData, to: DataType) throws -> ArrayData {
        let from = a.type
        if from == to { return a }
        switch (from, to) {
        case (.utf8, .largeUtf8), (.binary, .largeBinary), (.utf8, .largeBinary), (.binary, .largeUtf8):
            return widenOffsets(a, to: to, children: a.children)
        case (.timestamp(let u1, _), .timestamp(let u2, _)), (.time64(let u1), .time64(let u2)),
             (.timestamp(let u1, _), .duration(let u2)):
            return try scale(a, from: u1.perSecond, to: u2.perSecond, type: to, width: 8)
        case (.time32(let u1), .time32(let u2)):
            return try scale(a, from: u1.perSecond, to: u2.perSecond, type: to, width: 4)
        case (.time64(let u1), .time32(let u2)):
            let s = try scale(a, from: u1.perSecond, to: u2.perSecond, type: .int64, width: 8)
            return narrow64to32(s, type: to)
        case (.date32, .date64):
            let w = try widen32to64(a, type: .int64)
            return try scale(w, from: 1, to: 86_400_000, type: to, width: 8)
        case (.dictionary(_, let v1, _), .dictionary(_, let v2, _)):
            guard let d = a.dictionary else { return try a.withType(to) }
            let nd = try cast(d, to: v2 == v1 ? v1 : v2)
            return ArrayData(unchecked: to, length: a.length, offset: a.offset, nullCount: a.nullCount,
                             buffers: a.buffers, children: a.children, dictionary: nd)
        case (.list, .list(let f)), (.list, .largeList(let f)), (.map, .map(let f, _)):
            let child = try cast(a.children[0], to: f.type)
            if case .largeList = to { return widenOffsets(a, to: to, children: [child]) }
            return ArrayData(unchecked: to, length: a.length, offset: a.offset, nullCount: a.nullCount,
                             buffers: a.buffers, children: [child])
        case (.list, .fixedSizeList(let f, let size)):
            return try toFixedSizeList(a, field: f, size: size)
        case (.struct, .struct(let fs)):
            let children = try zip(a.children, fs).map { try cast($0, to: $1.type) }
            return ArrayData(unchecked: to, length: a.length, offset: a.offset, nullCount: a.nullCount,
                             buffers: a.buffers, children: children)
        default:
            return try a.withType(to)
        }
    }

    static func widenOffsets(_ a: ArrayData, to: DataType, children: [ArrayData]) -> ArrayData {
        let n = a.length
        let out = ColumnBuffer()
        out.resizeUninitialized((n + 1) * 8)
        let op = out.typed(Int64.self)
        let src = (a.buffers[1] ?? Buffer.empty).baseAddress.assumingMemoryBound(to: Int32.self) + a.offset
        for i in 0...n { op[i] = Int64(src[i]) }
        var bufs = a.buffers
        bufs[1] = out.finish()
        // Validity keeps the original offset; rebase it when sliced.
        if a.offset != 0, let v = a.validity {
            let nb = ColumnBuffer()
            nb.resize(Bitmap.byteCount(bits: n))
            for i in 0..<n where Bitmap.get(v.baseAddress, a.offset + i) { Bitmap.set(nb.pointer, i, true) }
            bufs[0] = nb.finish()
        }
        return ArrayData(unchecked: to, length: n, offset: 0, nullCount: a.nullCount, buffers: bufs, children: children)
    }

    static func scale(_ a: ArrayData, from: Int64, to: Int64, type: DataType, width: Int) throws -> ArrayData {
        if from == to { return try a.withType(type) }
        let n = a.length
        let out = ColumnBuffer()
        out.resize(n * width)
        let base = (a.buffers[1] ?? Buffer.empty).baseAddress
        for i in 0..<n {
            if width == 8 {
                let v = base.loadUnaligned(fromByteOffset: (a.offset + i) * 8, as: Int64.self)
                let r = to > from ? v &* (to / from) : v / (from / to)
                (out.pointer + i * 8).storeBytes(of: r, as: Int64.self)
            } else {
                let v = Int64(base.loadUnaligned(fromByteOffset: (a.offset + i) * 4, as: Int32.self))
                let r = to > from ? v &* (to / from) : v / (from / to)
                (out.pointer + i * 4).storeBytes(of: Int32(truncatingIfNeeded: r), as: Int32.self)
            }
        }
        return ArrayData(unchecked: type, length: n, offset: 0, nullCount: a.nullCount,
                         buffers: [rebasedValidity(a), out.finish()])
    }

    static func widen32to64(_ a: ArrayData, type: DataType) throws -> ArrayData {
        let n = a.length
        let out = ColumnBuffer()
        out.resize(n * 8)
        let base = (a.buffers[1] ?? Buffer.empty).baseAddress
        for i in 0..<n {
            let v = Int64(base.loadUnaligned(fromByteOffset: (a.offset + i) * 4, as: Int32.self))
            (out.pointer + i * 8).storeBytes(of: v, as: Int64.self)
        }
        return ArrayData(unchecked: type, length: n, offset: 0, nullCount: a.nullCount, buffers: [rebasedValidity(a), out.finish()])
    }

    static func narrow64to32(_ a: ArrayData, type: DataType) -> ArrayData {
        let n = a.length
        let out = ColumnBuffer()
        out.resize(n * 4)
        let base = (a.buffers[1] ?? Buffer.empty).baseAddress
        for i in 0..<n {
            let v = base.loadUnaligned(fromByteOffset: (a.offset + i) * 8, as: Int64.self)
            (out.pointer + i * 4).storeBytes(of: Int32(truncatingIfNeeded: v), as: Int32.self)
        }
        return ArrayData(unchecked: type, length: n, offset: 0, nullCount: a.nullCount, buffers: [rebasedValidity(a), out.finish()])
    }

    static func rebasedValidity(_ a: ArrayData) -> Buffer? {
        guard a.nullCount > 0, let v = a.validity else { return nil }
        if a.offset == 0 { return v }
        let nb = ColumnBuffer()
        nb.resize(Bitmap.byteCount(bits: a.length))
        for i in 0..<a.length where Bitmap.get(v.baseAddress, a.offset + i) { Bitmap.set(nb.pointer, i, true) }
        return nb.finish()
    }

    static func toFixedSizeList(_ a: ArrayData, field: Field, size: Int) throws -> ArrayData {
        // Every non-null list must hold `size` elements; null lists hold none in Parquet, so
        // their slots are filled with null children.
        let n = a.length
        let offs = (a.buffers[1] ?? Buffer.empty).baseAddress.assumingMemoryBound(to: Int32.self) + a.offset
        var indices: [Int] = []
        indices.reserveCapacity(n * size)
        for i in 0..<n {
            let s = Int(offs[i]), e = Int(offs[i + 1])
            if a.isNull(i) && e == s {
                for _ in 0..<size { indices.append(-1) }
            } else {
                guard e - s == size else {
                    throw PFError.format("fixed-size list of \(size) holds \(e - s) elements")
                }
                for j in s..<e { indices.append(j) }
            }
        }
        let child = try ArrayTake.take(try cast(a.children[0], to: field.type), indices)
        return ArrayData(unchecked: .fixedSizeList(field, size: size), length: n, nullCount: a.nullCount,
                         buffers: [rebasedValidity(a)], children: [child])
    }
}
