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
        build(count: v.count, width: v.width, limit: limit) { body in _ = body(v) }
    }

    /// Builds the dictionary of `count` values of `width` bytes (0: byte arrays) that
    /// `blocks` hands, in order, to its argument (which returns false once the dictionary
    /// is over `limit`); nil when its plain size would exceed `limit`.
    static func build(count n: Int, width: Int, limit: Int,
                      blocks: ((PhysicalValues) -> Bool) throws -> Void) rethrows -> ChunkDictionary? {
        var b = DictionaryBuilder(width: width, limit: limit)
        var ok = true
        // Left uninitialized: an attempt that gives up early touches only its prefix.
        let indices = try [UInt32](unsafeUninitializedCapacity: n) { out, initialized in
            var pos = 0
            try blocks { v in
                guard ok, pos + v.count <= n, b.add(v, into: out.baseAddress! + pos) else { ok = false; return false }
                pos += v.count
                return true
            }
            ok = ok && pos == n
            initialized = ok ? n : 0
        }
        guard ok else { return nil }
        return ChunkDictionary(values: b.finish(), indices: indices)
    }
}

/// Incremental dictionary building: an open-addressing hash table over the distinct
/// values seen so far, fed block after block.
private struct DictionaryBuilder {
    let width: Int
    let limit: Int
    /// Fixed-width types of 4 or 8 bytes: the distinct values, zero-extended.
    var keys: [UInt64] = []
    /// Other types: the distinct values and their hashes.
    var dict: PhysicalValues
    var hashes: [UInt64] = []
    var slots = [Int32](repeating: -1, count: 1024)
    var size = 0

    init(width: Int, limit: Int) {
        self.width = width
        self.limit = limit
        dict = PhysicalValues(width: width)
    }

    private var isInt: Bool { width == 4 || width == 8 }

    /// Adds the values of `v`, writing their indices to `out`; false when over the limit.
    mutating func add(_ v: PhysicalValues, into out: UnsafeMutablePointer<UInt32>) -> Bool {
        if v.count == 0 { return true }
        switch width {
        case 4: return addInts(v, UInt32.self, out)
        case 8: return addInts(v, UInt64.self, out)
        default: return addBytes(v, out)
        }
    }

    /// The distinct values, in first-seen order.
    func finish() -> PhysicalValues {
        guard isInt else { return dict }
        var dv = PhysicalValues(width: width)
        dv.count = keys.count
        if width == 8 {
            keys.withUnsafeBytes { dv.data.append(contentsOf: $0) }
        } else {
            dv.data = [UInt8](unsafeUninitializedCapacity: 4 * keys.count) { b, n in
                let p = UnsafeMutableRawPointer(b.baseAddress!)
                for (i, k) in keys.enumerated() {
                    p.storeBytes(of: UInt32(truncatingIfNeeded: k), toByteOffset: 4 * i, as: UInt32.self)
                }
                n = 4 * keys.count
            }
        }
        return dv
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h
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

    /// Doubles `slots` once it is half full; `hash(k)` is the hash of entry `k`.
    @inline(__always)
    private static func growIfNeeded(_ slots: inout [Int32], entries: Int, hash: (Int) -> UInt64) {
        guard entries * 2 > slots.count else { return }
        let cap = slots.count * 2
        let mask = cap - 1
        var fresh = [Int32](repeating: -1, count: cap)
        fresh.withUnsafeMutableBufferPointer { s in
            for k in 0..<entries {
                var t = Int(truncatingIfNeeded: hash(k)) & mask
                while s[t] >= 0 { t = (t + 1) & mask }
                s[t] = Int32(k)
            }
        }
        slots = fresh
    }

    private mutating func addInts<T: FixedWidthInteger & UnsignedInteger>(_ v: PhysicalValues, _: T.Type,
                                                                         _ out: UnsafeMutablePointer<UInt32>) -> Bool {
        let maxEntries = max(1, limit / width)
        let n = v.count
        // Worked on as locals (moved out of `self`, so not copied).
        var slots = self.slots, keys = self.keys
        self.slots = []; self.keys = []
        defer { self.slots = slots; self.keys = keys }
        return v.data.withUnsafeBytes { d in
            let p = d.baseAddress!.assumingMemoryBound(to: T.self)
            var i = 0
            while i < n {
                // Inserts until the table must grow (or the values end), then grows it.
                let stop: Bool = slots.withUnsafeMutableBufferPointer { s in
                    let mask = s.count - 1
                    while i < n {
                        let x = UInt64(p[i])
                        var t = Int(truncatingIfNeeded: DictionaryBuilder.mix(x)) & mask
                        while true {
                            let e = s[t]
                            if e < 0 {
                                if keys.count >= maxEntries { return true }
                                s[t] = Int32(keys.count)
                                out[i] = UInt32(keys.count)
                                keys.append(x)
                                i += 1
                                if keys.count * 2 > s.count { return false }
                                break
                            }
                            if keys[Int(e)] == x { out[i] = UInt32(e); i += 1; break }
                            t = (t + 1) & mask
                        }
                    }
                    return false
                }
                if stop { return false }
                DictionaryBuilder.growIfNeeded(&slots, entries: keys.count) { DictionaryBuilder.mix(keys[$0]) }
            }
            return true
        }
    }

    private mutating func addBytes(_ v: PhysicalValues, _ out: UnsafeMutablePointer<UInt32>) -> Bool {
        let isBA = v.isByteArray
        let w = v.width
        let n = v.count
        return v.data.withUnsafeBytes { d in
            let base = d.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
            return v.offsets.withUnsafeBufferPointer { offs in
                for i in 0..<n {
                    let s0 = isBA ? offs[i] : i * w
                    let len = isBA ? offs[i + 1] - s0 : w
                    let p = base + s0
                    let h = DictionaryBuilder.hashBytes(p, len)
                    let mask = slots.count - 1
                    var t = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let e = slots[t]
                        if e < 0 {
                            size += len + (isBA ? 4 : 0)
                            if size > limit { return false }
                            let k = dict.count
                            slots[t] = Int32(k)
                            out[i] = UInt32(k)
                            dict.data.append(contentsOf: UnsafeRawBufferPointer(start: p, count: len))
                            if isBA { dict.offsets.append(dict.data.count) }
                            dict.count += 1
                            hashes.append(h)
                            let hs = hashes
                            DictionaryBuilder.growIfNeeded(&slots, entries: dict.count) { hs[$0] }
                            break
                        }
                        let k = Int(e)
                        if hashes[k] == h {
                            // Compared with the entry's bytes.
                            let equal = dict.data.withUnsafeBytes { dd in
                                let fs = isBA ? dict.offsets[k] : k * w
                                let fl = isBA ? dict.offsets[k + 1] - fs : w
                                return fl == len && (len == 0 || memcmp(dd.baseAddress! + fs, p, len) == 0)
                            }
                            if equal { out[i] = UInt32(k); break }
                        }
                        t = (t + 1) & mask
                    }
                }
                return true
            }
        }
    }
}
