/// A growable output byte buffer written through a raw pointer (callers reserve first),
/// with the digit writers the CSV formatter builds numbers from.
struct CSVOut {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func reserve(_ n: Int) { if count + n > capacity { grow(count + n) } }

    mutating func grow(_ need: Int) {
        var cap = capacity
        while cap < need { cap *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = cap
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func append(_ b: UnsafeRawBufferPointer) {
        let n = b.count
        guard n > 0 else { return }
        reserve(n)
        (base + count).update(from: b.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    mutating func append(contentsOf a: [UInt8]) { a.withUnsafeBytes { append($0) } }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The two ASCII digits of `r` (0 ..< 100) as a little-endian pair: tens first.
    @inline(__always)
    static func pair(_ r: UInt32) -> UInt16 {
        let tens = (r &* 103) >> 10      // r / 10 for r < 179
        return UInt16(truncatingIfNeeded: (48 &+ tens) | (48 &+ r &- tens &* 10) << 8)
    }

    /// Stores the two digits of `r` (0 ..< 100) at `p`.
    @inline(__always)
    static func storePair(_ r: UInt32, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: pair(r).littleEndian, as: UInt16.self)
    }

    /// 10^0 ... 10^19.
    private static let powersOfTen: [UInt64] = {
        var out: [UInt64] = [1]
        for _ in 1...19 { out.append(out[out.count - 1] &* 10) }
        return out
    }()

    /// Number of decimal digits of `v` (1 for 0).
    @inline(__always)
    static func digitCount(_ v: UInt64) -> Int {
        // floor(log10(2^bits)) is the count or one less.
        // (v | 1 has the same digit count, and makes 0 count as one digit.)
        let w = v | 1
        let bits = 64 - w.leadingZeroBitCount
        let guess = (bits &* 1233) >> 12
        return powersOfTen.withUnsafeBufferPointer { guess &+ (w >= $0[guess] ? 1 : 0) }
    }

    /// Writes the `n` digits of `v` ending at `p + n`, two at a time.
    @inline(__always)
    static func writeDigits(_ v0: UInt64, count n: Int, _ p: UnsafeMutablePointer<UInt8>) {
        var v = v0
        var k = n
        while v >= 100 {
            let q = v / 100
            k &-= 2
            storePair(UInt32(truncatingIfNeeded: v &- q &* 100), p + k)
            v = q
        }
        if v >= 10 { storePair(UInt32(truncatingIfNeeded: v), p + (k - 2)) }
        else { p[k - 1] = UInt8(truncatingIfNeeded: 48 &+ v) }
    }

    /// Writes `v` in decimal at `p` (at most 20 bytes) and returns the length.
    @inline(__always)
    static func writeInt(_ v: Int64, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        let neg = v < 0
        if neg { p[0] = 45 }
        let s = neg ? 1 : 0
        let mag = v.magnitude
        let n = digitCount(mag)
        writeDigits(mag, count: n, p + s)
        return s + n
    }

    /// Writes `v` zero-padded to exactly `width` digits at `p` (`v < 10^width`).
    @inline(__always)
    static func writePadded(_ v: UInt64, width: Int, _ p: UnsafeMutablePointer<UInt8>) {
        let n = digitCount(v)
        for i in 0..<(width - n) { p[i] = 48 }
        writeDigits(v, count: n, p + (width - n))
    }
}
