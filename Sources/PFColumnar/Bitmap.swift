/// Helpers for Arrow bitmaps (validity and boolean data): bit `i` is bit `i % 8`
/// (least significant first) of byte `i / 8`.
public enum Bitmap {
    /// Bytes needed for `bits` bits.
    @inlinable public static func byteCount(bits: Int) -> Int { (bits + 7) / 8 }

    /// Reads bit `i`.
    @inlinable
    public static func get(_ p: UnsafeRawPointer, _ i: Int) -> Bool {
        (p.load(fromByteOffset: i >> 3, as: UInt8.self) >> UInt8(i & 7)) & 1 == 1
    }

    /// Sets bit `i` to `value`.
    @inlinable
    public static func set(_ p: UnsafeMutableRawPointer, _ i: Int, _ value: Bool) {
        let b = p.load(fromByteOffset: i >> 3, as: UInt8.self)
        let m = UInt8(1) << UInt8(i & 7)
        p.storeBytes(of: value ? (b | m) : (b & ~m), toByteOffset: i >> 3, as: UInt8.self)
    }

    /// Number of set bits in `[offset, offset + length)`.
    public static func countSet(_ p: UnsafeRawPointer, offset: Int, length: Int) -> Int {
        guard length > 0 else { return 0 }
        var i = offset
        let end = offset + length
        var n = 0
        while i < end && i & 63 != 0 { if get(p, i) { n += 1 }; i += 1 }
        while i + 64 <= end {
            n += p.loadUnaligned(fromByteOffset: i >> 3, as: UInt64.self).nonzeroBitCount
            i += 64
        }
        while i < end { if get(p, i) { n += 1 }; i += 1 }
        return n
    }
}

/// Builds a bitmap one bit at a time.
public struct BitmapBuilder: ~Copyable {
    @usableFromInline var storage: MutableBuffer
    /// Bits appended so far.
    public private(set) var count = 0
    /// Number of set bits appended.
    public private(set) var setCount = 0

    public init(capacity: Int = 0) { storage = MutableBuffer(capacity: Bitmap.byteCount(bits: capacity)) }

    /// Appends one bit.
    @inlinable
    public mutating func append(_ bit: Bool) {
        if count & 7 == 0 { storage.append(UInt8(0)) }
        if bit {
            Bitmap.set(storage.unsafeStorage, count, true)
            bumpSet()
        }
        bumpCount()
    }

    /// Appends `n` copies of `bit`.
    public mutating func append(_ bit: Bool, count n: Int) {
        for _ in 0..<max(0, n) { append(bit) }
    }

    @usableFromInline mutating func bumpCount() { count += 1 }
    @usableFromInline mutating func bumpSet() { setCount += 1 }

    /// Freezes the bitmap into a buffer.
    public consuming func finish() -> Buffer { storage.finish() }
}
