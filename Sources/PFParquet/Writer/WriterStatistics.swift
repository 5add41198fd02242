import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Min/max/null count of a page or column chunk, ordered as the leaf's logical type says.
struct StatisticsAccumulator {
    let order: StatisticsOrder
    var min: [UInt8]?
    var max: [UInt8]?
    var nullCount: Int64 = 0

    init(order: StatisticsOrder) { self.order = order }

    /// Includes values `range` of `v`.
    mutating func update(_ v: PhysicalValues, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        switch order {
        case .none: return
        case .boolean:
            v.data.withUnsafeBytes { d in
                var lo: UInt8 = 1, hi: UInt8 = 0
                for i in range { let b = d[i]; lo = Swift.min(lo, b); hi = Swift.max(hi, b) }
                merge([lo], [hi])
            }
        case .int32: typed(v, range, Int32.self)
        case .uint32: typed(v, range, UInt32.self)
        case .int64: typed(v, range, Int64.self)
        case .uint64: typed(v, range, UInt64.self)
        case .float: floating(v, range, Float.self)
        case .double: floating(v, range, Double.self)
        case .float16:
            var lo: (Float, Int)?, hi: (Float, Int)?
            v.data.withUnsafeBytes { d in
                for i in range {
                    let f = StatisticsAccumulator.halfToFloat(d.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
                    if f.isNaN { continue }
                    if lo == nil || f < lo!.0 { lo = (f, i) }
                    if hi == nil || f > hi!.0 { hi = (f, i) }
                }
            }
            if let lo, let hi {
                var a = v.withValue(lo.1) { Array($0) }, b = v.withValue(hi.1) { Array($0) }
                if lo.0 == 0 { a = [0x00, 0x80] }   // -0
                if hi.0 == 0 { b = [0x00, 0x00] }   // +0
                merge(a, b)
            }
        case .unsignedBytes, .signedBigEndian:
            var lo = range.lowerBound, hi = range.lowerBound
            v.data.withUnsafeBytes { d in
                v.offsets.withUnsafeBufferPointer { o in
                    let w = v.width
                    @inline(__always) func value(_ i: Int) -> UnsafeRawBufferPointer {
                        guard let base = d.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                        return w == 0 ? UnsafeRawBufferPointer(start: base + o[i], count: o[i + 1] - o[i])
                                      : UnsafeRawBufferPointer(start: base + i * w, count: w)
                    }
                    var loV = value(lo), hiV = loV
                    if order == .unsignedBytes {
                        // The first 8 bytes, big-endian, decide most comparisons without memcmp.
                        var loP = StatisticsAccumulator.prefix(loV), hiP = loP
                        for i in range.dropFirst() {
                            let x = value(i)
                            let xp = StatisticsAccumulator.prefix(x)
                            if xp < loP || (xp == loP && compareBytes(x, loV) < 0) { lo = i; loV = x; loP = xp }
                            if xp > hiP || (xp == hiP && compareBytes(x, hiV) > 0) { hi = i; hiV = x; hiP = xp }
                        }
                    } else {
                        for i in range.dropFirst() {
                            let x = value(i)
                            if compareBytes(x, loV) < 0 { lo = i; loV = x }
                            if compareBytes(x, hiV) > 0 { hi = i; hiV = x }
                        }
                    }
                }
            }
            merge(v.withValue(lo) { Array($0) }, v.withValue(hi) { Array($0) })
        }
    }

    /// Includes the entries of dictionary `dict` that `indices` refer to (the same bounds as
    /// over the values themselves, with one comparison per distinct value).
    mutating func update(dictionary dict: PhysicalValues, indices: UnsafeBufferPointer<UInt32>) {
        guard !indices.isEmpty, order != .none else { return }
        var used = [Bool](repeating: false, count: dict.count)
        var distinct = 0
        used.withUnsafeMutableBufferPointer { u in
            for i in indices {
                let k = Int(i)
                if !u[k] { u[k] = true; distinct += 1 }
            }
        }
        if distinct == dict.count { update(dict, 0..<dict.count); return }
        var sub = PhysicalValues(width: dict.width)
        dict.data.withUnsafeBytes { d in
            for k in 0..<dict.count where used[k] {
                if dict.isByteArray {
                    sub.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[dict.offsets[k]..<dict.offsets[k + 1]]))
                    sub.offsets.append(sub.data.count)
                } else {
                    sub.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(k * dict.width)..<(k * dict.width + dict.width)]))
                }
                sub.count += 1
            }
        }
        update(sub, 0..<sub.count)
    }

    /// The first 8 bytes of `x` as a big-endian number, zero-padded: when the prefixes of
    /// two values differ, they order the values as an unsigned byte-wise comparison does.
    @inline(__always)
    static func prefix(_ x: UnsafeRawBufferPointer) -> UInt64 {
        if x.count >= 8 { return UInt64(bigEndian: x.loadUnaligned(as: UInt64.self)) }
        var p: UInt64 = 0
        for k in 0..<x.count { p |= UInt64(x[k]) << UInt64(56 - 8 * k) }
        return p
    }

    func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        if order == .signedBigEndian, !a.isEmpty, !b.isEmpty {
            let x = Int8(bitPattern: a[0]), y = Int8(bitPattern: b[0])
            if x != y { return x < y ? -1 : 1 }
            let n = Swift.min(a.count, b.count) - 1
            if n > 0 {
                let c = memcmp(a.baseAddress! + 1, b.baseAddress! + 1, n)
                if c != 0 { return Int(c) }
            }
            return a.count - b.count
        }
        let n = Swift.min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    private static func bytes<T>(_ x: T) -> [UInt8] { withUnsafeBytes(of: x) { Array($0) } }

    private mutating func typed<T: FixedWidthInteger>(_ v: PhysicalValues, _ range: Range<Int>, _: T.Type) {
        v.data.withUnsafeBytes { d in
            let p = d.baseAddress!.assumingMemoryBound(to: T.self)
            var lo = p[range.lowerBound], hi = lo
            for i in range { let x = p[i]; lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
            merge(StatisticsAccumulator.bytes(lo.littleEndian), StatisticsAccumulator.bytes(hi.littleEndian))
        }
    }

    private mutating func floating<T: BinaryFloatingPoint>(_ v: PhysicalValues, _ range: Range<Int>, _: T.Type) {
        v.data.withUnsafeBytes { d in
            let p = d.baseAddress!.assumingMemoryBound(to: T.self)
            var lo = T.infinity, hi = -T.infinity
            var any = false
            for i in range {
                let x = p[i]
                if x.isNaN { continue }
                any = true
                if x < lo { lo = x }
                if x > hi { hi = x }
            }
            guard any else { return }
            if lo == 0 { lo = -T.zero }
            if hi == 0 { hi = T.zero }
            merge(StatisticsAccumulator.bytes(lo), StatisticsAccumulator.bytes(hi))
        }
    }

    /// Compares two encoded bounds by the order.
    private func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        func load<T: FixedWidthInteger>(_ x: [UInt8], _: T.Type) -> T {
            x.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        }
        switch order {
        case .none: return false
        case .boolean: return a[0] < b[0]
        case .int32: return load(a, Int32.self) < load(b, Int32.self)
        case .uint32: return load(a, UInt32.self) < load(b, UInt32.self)
        case .int64: return load(a, Int64.self) < load(b, Int64.self)
        case .uint64: return load(a, UInt64.self) < load(b, UInt64.self)
        case .float:
            let x = Float(bitPattern: load(a, UInt32.self)), y = Float(bitPattern: load(b, UInt32.self))
            return x < y || (x == y && x.sign == .minus && y.sign == .plus)
        case .double:
            let x = Double(bitPattern: load(a, UInt64.self)), y = Double(bitPattern: load(b, UInt64.self))
            return x < y || (x == y && x.sign == .minus && y.sign == .plus)
        case .float16:
            let x = StatisticsAccumulator.halfToFloat(load(a, UInt16.self))
            let y = StatisticsAccumulator.halfToFloat(load(b, UInt16.self))
            return x < y || (x == y && x.sign == .minus && y.sign == .plus)
        case .unsignedBytes, .signedBigEndian:
            return a.withUnsafeBytes { x in b.withUnsafeBytes { y in compareBytes(x, y) < 0 } }
        }
    }

    /// Widens the bounds to include `[lo, hi]`.
    mutating func merge(_ lo: [UInt8], _ hi: [UInt8]) {
        if let m = min { if less(lo, m) { min = lo } } else { min = lo }
        if let m = max { if less(m, hi) { max = hi } } else { max = hi }
    }

    /// Merges another accumulator (page → chunk).
    mutating func merge(_ other: StatisticsAccumulator) {
        nullCount += other.nullCount
        if let lo = other.min, let hi = other.max { merge(lo, hi) }
    }

    /// The Thrift statistics.
    var thrift: ParquetStatistics {
        var s = ParquetStatistics()
        s.nullCount = nullCount
        s.minValue = min
        s.maxValue = max
        return s
    }

    /// IEEE half → Float.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = Int((h >> 10) & 0x1F)
        let mant = UInt32(h & 0x3FF)
        if exp == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
        if exp == 0 {
            if mant == 0 { return Float(bitPattern: sign) }
            let f = Float(mant) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -f : f
        }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | (mant << 13))
    }
}
