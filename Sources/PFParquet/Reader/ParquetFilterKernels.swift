import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row selection: one bit per row, LSB-first in 64-bit words (bits past `count` are 0).
struct RowSelection: Sendable {
    var words: [UInt64]
    let count: Int

    init(count: Int, all value: Bool) {
        self.count = count
        words = [UInt64](repeating: value ? ~0 : 0, count: (count + 63) / 64)
        if value { clearTail() }
    }

    mutating func clearTail() {
        let r = count % 64
        if r != 0, !words.isEmpty { words[words.count - 1] &= (UInt64(1) << UInt64(r)) - 1 }
    }

    mutating func formAnd(_ o: RowSelection) { for i in words.indices { words[i] &= o.words[i] } }
    mutating func formOr(_ o: RowSelection) { for i in words.indices { words[i] |= o.words[i] } }

    /// Number of selected rows.
    var selectedCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Indices of the selected rows, ascending.
    var indices: [Int] {
        var out: [Int] = []
        out.reserveCapacity(selectedCount)
        for (wi, w0) in words.enumerated() {
            var w = w0
            while w != 0 {
                out.append(wi * 64 + w.trailingZeroBitCount)
                w &= w &- 1
            }
        }
        return out
    }

    /// Bit `i`.
    func get(_ i: Int) -> Bool { words[i >> 6] >> UInt64(i & 63) & 1 == 1 }

    /// Whether some row of `range` (clamped to the selection) is selected.
    func any(in range: Range<Int>) -> Bool {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, count)
        guard lo < hi else { return false }
        let w0 = lo >> 6, w1 = (hi - 1) >> 6
        for w in w0...w1 {
            var m = words[w]
            if w == w0 { m &= ~0 << UInt64(lo & 63) }
            if w == w1, hi & 63 != 0 { m &= (UInt64(1) << UInt64(hi & 63)) &- 1 }
            if m != 0 { return true }
        }
        return false
    }

    /// Indices, relative to `range.lowerBound`, of the selected rows of `range` (clamped to
    /// the selection), ascending.
    func indices(in range: Range<Int>) -> [Int] {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, count)
        guard lo < hi else { return [] }
        var out: [Int] = []
        let w0 = lo >> 6, w1 = (hi - 1) >> 6
        for w in w0...w1 {
            var m = words[w]
            if w == w0 { m &= ~0 << UInt64(lo & 63) }
            if w == w1, hi & 63 != 0 { m &= (UInt64(1) << UInt64(hi & 63)) &- 1 }
            while m != 0 {
                out.append(w &* 64 &+ m.trailingZeroBitCount &- range.lowerBound)
                m &= m &- 1
            }
        }
        return out
    }
}

/// Typed comparison kernels of ``ParquetFilter``: one predicate over one array gives a
/// selection bitmap, without building a `Scalar` per slot. Semantics follow pyarrow:
/// comparisons with a null slot are false (`not in` keeps nulls), floating-point
/// comparisons follow IEEE 754 (`NaN != x` is true, every ordering with NaN is false),
/// and `in` / `not in` treat NaN as equal to NaN. Layouts without a kernel (nested types,
/// mixed-kind values) use the generic per-slot path.
enum ParquetFilterKernels {
    /// Selection of `a`'s rows matching `op values`.
    static func evaluate(_ a: ArrayData, op: ParquetFilter.Op, values: [Scalar]) -> RowSelection {
        let n = a.length
        var sel: RowSelection
        switch op {
        case .isNull, .isNotNull:
            sel = RowSelection(count: n, all: true)
        default:
            sel = typed(a, op: op, values: values) ?? generic(a, op: op, values: values)
        }
        // Null slots.
        if a.nullCount > 0 || a.type == .null {
            let allNull = a.type == .null
            let vb = a.validity
            for i in 0..<n {
                let valid = !allNull && (vb.map { Bitmap.get($0.baseAddress, a.offset + i) } ?? true)
                if valid { if op == .isNull { sel.words[i >> 6] &= ~(UInt64(1) << UInt64(i & 63)) }; continue }
                let keep = op == .isNull || op == .notIn
                if keep { sel.words[i >> 6] |= UInt64(1) << UInt64(i & 63) }
                else { sel.words[i >> 6] &= ~(UInt64(1) << UInt64(i & 63)) }
            }
        } else if op == .isNull {
            sel = RowSelection(count: n, all: false)
        }
        return sel
    }

    /// Fills a selection from `test(i)` for every slot (null slots are fixed up by the caller).
    @inline(__always)
    static func fill(_ n: Int, _ test: (Int) -> Bool) -> RowSelection {
        var sel = RowSelection(count: n, all: false)
        sel.words.withUnsafeMutableBufferPointer { w in
            var i = 0
            var wi = 0
            while i < n {
                let end = min(n, i + 64)
                var word: UInt64 = 0
                var bit: UInt64 = 0
                while i < end {
                    word |= (test(i) ? 1 : 0) << bit
                    bit += 1
                    i += 1
                }
                w[wi] = word
                wi += 1
            }
        }
        return sel
    }

    /// The ordering kernel of one comparison op over typed values.
    @inline(__always)
    static func ordered<T: Comparable>(_ n: Int, _ op: ParquetFilter.Op, _ v: T, _ load: (Int) -> T) -> RowSelection? {
        switch op {
        case .eq: return fill(n) { load($0) == v }
        case .ne: return fill(n) { load($0) != v }
        case .lt: return fill(n) { load($0) < v }
        case .le: return fill(n) { load($0) <= v }
        case .gt: return fill(n) { load($0) > v }
        case .ge: return fill(n) { load($0) >= v }
        default: return nil
        }
    }

    /// Typed kernels; nil when the column type and values have none.
    static func typed(_ a: ArrayData, op: ParquetFilter.Op, values: [Scalar]) -> RowSelection? {
        let n = a.length
        let j0 = a.offset
        if case .dictionary = a.type {
            // Evaluate on the dictionary, then map the indices.
            guard let d = a.dictionary, op != .isNull, op != .isNotNull else { return nil }
            let ds = evaluate(d, op: op, values: values)
            let dl = d.length
            guard let ib = a.buffers.count > 1 ? a.buffers[1] : nil else { return nil }
            let p = ib.baseAddress
            func key(_ i: Int) -> Int {
                switch a.type {
                case .dictionary(.int8, _, _): return Int(p.loadUnaligned(fromByteOffset: (j0 + i), as: Int8.self))
                case .dictionary(.int16, _, _): return Int(p.loadUnaligned(fromByteOffset: (j0 + i) * 2, as: Int16.self))
                case .dictionary(.int64, _, _): return Int(p.loadUnaligned(fromByteOffset: (j0 + i) * 8, as: Int64.self))
                default: return Int(p.loadUnaligned(fromByteOffset: (j0 + i) * 4, as: Int32.self))
                }
            }
            return fill(n) { i in
                let k = key(i)
                return k >= 0 && k < dl && ds.get(k)
            }
        }
        let setOp = op == .isIn || op == .notIn
        guard setOp || values.count == 1 else { return nil }
        let vb = a.buffers.count > 1 ? (a.buffers[1] ?? Buffer.empty) : Buffer.empty
        let p = UnsafeRawPointer(vb.baseAddress)

        func intKernel(_ load: (Int) -> Int64) -> RowSelection? {
            if setOp {
                var ints: [Int64] = []
                for v in values {
                    switch v {
                    case .int(let x): ints.append(x)
                    case .uint(let u): if let x = Int64(exactly: u) { ints.append(x) }
                    case .float(let d): if let x = Int64(exactly: d) { ints.append(x) }
                    case .null: break
                    default: return nil
                    }
                }
                let set = Set(ints)
                return fill(n) { set.contains(load($0)) != (op == .notIn) }
            }
            guard case .int(let v) = values[0] else { return nil }
            return ordered(n, op, v, load)
        }
        func floatKernel(_ load: (Int) -> Double) -> RowSelection? {
            if setOp {
                var ds: [Double] = []
                var nan = false
                for v in values {
                    switch v {
                    case .int(let x): ds.append(Double(x))
                    case .uint(let u): ds.append(Double(u))
                    case .float(let d): if d.isNaN { nan = true } else { ds.append(d) }
                    case .null: break
                    default: return nil
                    }
                }
                let set = Set(ds.map { $0 == 0 ? 0 : $0 })
                return fill(n) { i in
                    let x = load(i)
                    let hit = x.isNaN ? nan : set.contains(x == 0 ? 0 : x)
                    return hit != (op == .notIn)
                }
            }
            let v: Double
            switch values[0] {
            case .float(let d): v = d
            case .int(let x): v = Double(x)
            case .uint(let u): v = Double(u)
            default: return nil
            }
            // IEEE semantics: `==` and orderings false with NaN, `!=` true.
            return ordered(n, op, v, load)
        }

        switch a.type {
        case .int8: return intKernel { Int64(p.loadUnaligned(fromByteOffset: j0 + $0, as: Int8.self)) }
        case .int16: return intKernel { Int64(p.loadUnaligned(fromByteOffset: (j0 + $0) * 2, as: Int16.self)) }
        case .int32, .date32, .time32:
            return intKernel { Int64(p.loadUnaligned(fromByteOffset: (j0 + $0) * 4, as: Int32.self)) }
        case .int64, .date64, .time64, .timestamp, .duration:
            return intKernel { p.loadUnaligned(fromByteOffset: (j0 + $0) * 8, as: Int64.self) }
        case .uint8: return intKernel { Int64(p.loadUnaligned(fromByteOffset: j0 + $0, as: UInt8.self)) }
        case .uint16: return intKernel { Int64(p.loadUnaligned(fromByteOffset: (j0 + $0) * 2, as: UInt16.self)) }
        case .uint32: return intKernel { Int64(p.loadUnaligned(fromByteOffset: (j0 + $0) * 4, as: UInt32.self)) }
        case .uint64:
            guard !setOp, case .uint(let v) = values[0] else {
                if !setOp, case .int(let x) = values[0], x >= 0 {
                    return ordered(n, op, UInt64(x)) { p.loadUnaligned(fromByteOffset: (j0 + $0) * 8, as: UInt64.self) }
                }
                return nil
            }
            return ordered(n, op, v) { p.loadUnaligned(fromByteOffset: (j0 + $0) * 8, as: UInt64.self) }
        case .float32: return floatKernel { Double(p.loadUnaligned(fromByteOffset: (j0 + $0) * 4, as: Float.self)) }
        case .float64: return floatKernel { p.loadUnaligned(fromByteOffset: (j0 + $0) * 8, as: Double.self) }
        case .decimal128:
            guard !setOp else { return nil }
            let v: Int128
            switch values[0] {
            case .decimal(let d): v = d
            case .int(let x): v = Int128(x)
            default: return nil
            }
            return ordered(n, op, v) { p.loadUnaligned(fromByteOffset: (j0 + $0) * 16, as: Int128.self) }
        case .decimal256:
            guard !setOp else { return nil }
            let v: Int256
            switch values[0] {
            case .decimal256(let d): v = d
            case .decimal(let d): v = Int256(d)
            case .int(let x): v = Int256(x)
            default: return nil
            }
            return ordered(n, op, v) { p.loadUnaligned(fromByteOffset: (j0 + $0) * 32, as: Int256.self) }
        case .boolean:
            guard !setOp, case .bool(let v) = values[0] else { return nil }
            return ordered(n, op, v ? 1 : 0) { Bitmap.get(p, j0 + $0) ? 1 : 0 }
        case .utf8, .binary, .largeUtf8, .largeBinary:
            var keys: [[UInt8]] = []
            for v in values {
                switch v {
                case .string(let s): keys.append(Array(s.utf8))
                case .binary(let b): keys.append(b)
                case .null: if !setOp { return nil }
                default: return nil
                }
            }
            if setOp {
                let set = Set(keys)
                return fill(n) { i in
                    let b = a.valueBytes(i)
                    // Cheap length pre-check keeps misses from allocating.
                    return set.contains(Array(b)) != (op == .notIn)
                }
            }
            let key = keys[0]
            return key.withUnsafeBytes { k in
                fill(n) { i in
                    let c = compareBytes(a.valueBytes(i), k)
                    switch op {
                    case .eq: return c == 0
                    case .ne: return c != 0
                    case .lt: return c < 0
                    case .le: return c <= 0
                    case .gt: return c > 0
                    default: return c >= 0
                    }
                }
            }
        default:
            return nil
        }
    }

    /// Lexicographic byte order (-1, 0, 1).
    @inline(__always)
    static func compareBytes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let m = min(x.count, y.count)
        if m > 0, let xa = x.baseAddress, let ya = y.baseAddress {
            let r = memcmp(xa, ya, m)
            if r != 0 { return r < 0 ? -1 : 1 }
        }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    }

    /// The per-slot path through `Scalar` (nested and mixed-kind cases).
    static func generic(_ a: ArrayData, op: ParquetFilter.Op, values: [Scalar]) -> RowSelection {
        fill(a.length) { i in
            let s = a.scalar(at: i)
            if s.isNull { return false }
            switch op {
            case .eq: return values.first.flatMap { ParquetFilter.compare(s, $0) } == 0
            case .ne: return values.first.flatMap { ParquetFilter.compare(s, $0) }.map { $0 != 0 } ?? false
            case .lt: return (values.first.flatMap { ParquetFilter.compare(s, $0) } ?? 1) < 0
            case .le: return (values.first.flatMap { ParquetFilter.compare(s, $0) } ?? 1) <= 0
            case .gt: return (values.first.flatMap { ParquetFilter.compare(s, $0) } ?? -1) > 0
            case .ge: return (values.first.flatMap { ParquetFilter.compare(s, $0) } ?? -1) >= 0
            case .isIn: return values.contains { ParquetFilter.compare(s, $0) == 0 }
            case .notIn: return !values.contains { ParquetFilter.compare(s, $0) == 0 }
            default: return false
            }
        }
    }
}
