import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dictionary for one column chunk: the distinct values in first-seen order and the
/// index of every value.
struct ChunkDictionary {
    var values: PhysicalValues
    var indices: [UInt32]

    /// Plain-encoded size of the dictionary page.
    var plainSize: Int { values.isByteArray ? values.data.count + 4 * values.count : values.data.count }

    /// Builds the dictionary of `v`, or returns nil when its plain size would exceed `limit`.
    static func build(_ v: PhysicalValues, limit: Int) -> ChunkDictionary? {
        if v.count == 0 { return ChunkDictionary(values: PhysicalValues(width: v.width), indices: []) }
        switch v.width {
        case 4: return buildInt(v, UInt32.self, limit: limit)
        case 8: return buildInt(v, UInt64.self, limit: limit)
        default: return buildBytes(v, limit: limit)
        }
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h
    }

    private static func buildInt<T: FixedWidthInteger & UnsignedInteger>(_ v: PhysicalValues, _: T.Type,
                                                                         limit: Int) -> ChunkDictionary? {
        let width = MemoryLayout<T>.size
        let maxEntries = max(1, limit / width)
        var cap = 1024
        var slots = [Int32](repeating: -1, count: cap)
        var keys: [T] = []
        let n = v.count
        var ok = false
        // Left uninitialized: an attempt that gives up early touches only its prefix.
        let indices = [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
            ok = v.data.withUnsafeBytes { d in
                let p = d.baseAddress!.assumingMemoryBound(to: T.self)
                var mask = cap - 1
                var i = 0
                while i < n {
                    let x = p[i]
                    var s = Int(truncatingIfNeeded: mix(UInt64(x))) & mask
                    while true {
                        let e = slots[s]
                        if e < 0 {
                            if keys.count >= maxEntries { return false }
                            slots[s] = Int32(keys.count)
                            out[i] = UInt32(keys.count)
                            keys.append(x)
                            if keys.count * 2 > cap {
                                cap *= 2
                                mask = cap - 1
                                slots = [Int32](repeating: -1, count: cap)
                                for (k, key) in keys.enumerated() {
                                    var t = Int(truncatingIfNeeded: mix(UInt64(key))) & mask
                                    while slots[t] >= 0 { t = (t + 1) & mask }
                                    slots[t] = Int32(k)
                                }
                            }
                            break
                        }
                        if keys[Int(e)] == x { out[i] = UInt32(e); break }
                        s = (s + 1) & mask
                    }
                    i += 1
                }
                return true
            }
            initialized = ok ? n : 0
        }
        guard ok else { return nil }
        var dv = PhysicalValues(width: width)
        dv.count = keys.count
        keys.withUnsafeBytes { dv.data.append(contentsOf: $0) }
        return ChunkDictionary(values: dv, indices: indices)
    }

    @inline(__always)
    private static func hashBytes(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 31)
    }

    private static func buildBytes(_ v: PhysicalValues, limit: Int) -> ChunkDictionary? {
        let isBA = v.isByteArray
        let w = v.width
        var cap = 1024
        var slots = [Int32](repeating: -1, count: cap)
        var hashes: [UInt64] = []
        var firsts: [Int] = []   // index in `v` of each entry's first occurrence
        var dict = PhysicalValues(width: w)
        var size = 0
        let n = v.count
        var ok = false
        // Left uninitialized: an attempt that gives up early touches only its prefix.
        let indices = [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
            ok = v.data.withUnsafeBytes { d in
                let base = d.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
                return v.offsets.withUnsafeBufferPointer { offs in
                    var mask = cap - 1
                    for i in 0..<n {
                        let s0 = isBA ? offs[i] : i * w
                        let len = isBA ? offs[i + 1] - s0 : w
                        let p = base + s0
                        let h = hashBytes(p, len)
                        var s = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let e = slots[s]
                            if e < 0 {
                                size += len + (isBA ? 4 : 0)
                                if size > limit { return false }
                                let k = dict.count
                                slots[s] = Int32(k)
                                out[i] = UInt32(k)
                                dict.data.append(contentsOf: UnsafeRawBufferPointer(start: p, count: len))
                                if isBA { dict.offsets.append(dict.data.count) }
                                dict.count += 1
                                hashes.append(h)
                                firsts.append(i)
                                if dict.count * 2 > cap {
                                    cap *= 2
                                    mask = cap - 1
                                    slots = [Int32](repeating: -1, count: cap)
                                    for (k, hk) in hashes.enumerated() {
                                        var t = Int(truncatingIfNeeded: hk) & mask
                                        while slots[t] >= 0 { t = (t + 1) & mask }
                                        slots[t] = Int32(k)
                                    }
                                }
                                break
                            }
                            let k = Int(e)
                            if hashes[k] == h {
                                // Compared with the entry's first occurrence in `v`.
                                let f = firsts[k]
                                let fs = isBA ? offs[f] : f * w
                                let fl = isBA ? offs[f + 1] - fs : w
                                let equal = fl == len && (len == 0 || memcmp(base + fs, p, len) == 0)
                                if equal { out[i] = UInt32(k); break }
                            }
                            s = (s + 1) & mask
                        }
                    }
                    return true
                }
            }
            initialized = ok ? n : 0
        }
        guard ok else { return nil }
        return ChunkDictionary(values: dict, indices: indices)
    }
}
