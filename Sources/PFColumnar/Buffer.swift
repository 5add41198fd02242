#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An immutable, contiguous region of memory holding Arrow buffer contents.
///
/// A buffer either owns a 64-byte aligned allocation made by ParquetFrame or
/// borrows memory kept alive by an `owner` object (memory imported through the
/// C Data Interface, a memory-mapped file, ...). Buffers are never mutated after
/// construction, so they are safe to share between threads.
public final class Buffer: @unchecked Sendable {
    /// Alignment of every allocation made by ParquetFrame.
    public static let alignment = 64

    /// Start of the memory.
    public let baseAddress: UnsafeRawPointer
    /// Usable size in bytes.
    public let byteCount: Int
    private let allocated: Bool
    private let owner: AnyObject?

    /// Takes ownership of an allocation made with `UnsafeMutableRawPointer.allocate(byteCount:alignment:)`.
    init(owning pointer: UnsafeMutableRawPointer, byteCount: Int) {
        baseAddress = UnsafeRawPointer(pointer)
        self.byteCount = byteCount
        allocated = true
        owner = nil
    }

    /// Borrows memory that `owner` keeps alive for as long as this buffer exists.
    public init(borrowing pointer: UnsafeRawPointer, byteCount: Int, owner: AnyObject?) {
        baseAddress = pointer
        self.byteCount = byteCount
        allocated = false
        self.owner = owner
    }

    deinit {
        if allocated { UnsafeMutableRawPointer(mutating: baseAddress).deallocate() }
    }

    /// A shared zero-filled 64-byte buffer, standing in for absent buffers of empty arrays.
    public static let empty = Buffer.zeroed(byteCount: 64)

    /// Allocates a zero-filled buffer of `byteCount` bytes (capacity padded to 64 bytes).
    public static func zeroed(byteCount: Int) -> Buffer {
        let cap = Buffer.paddedSize(byteCount)
        let p = UnsafeMutableRawPointer.allocate(byteCount: cap, alignment: alignment)
        memset(p, 0, cap)
        return Buffer(owning: p, byteCount: byteCount)
    }

    /// Copies `bytes` into a new aligned buffer.
    public static func copying(_ bytes: UnsafeRawBufferPointer) -> Buffer {
        let cap = Buffer.paddedSize(bytes.count)
        let p = UnsafeMutableRawPointer.allocate(byteCount: cap, alignment: alignment)
        if let src = bytes.baseAddress, bytes.count > 0 { memcpy(p, src, bytes.count) }
        if cap > bytes.count { memset(p + bytes.count, 0, cap - bytes.count) }
        return Buffer(owning: p, byteCount: bytes.count)
    }

    /// Copies the elements of `values` into a new aligned buffer.
    public static func from<T: BitwiseCopyable>(_ values: [T]) -> Buffer {
        values.withUnsafeBytes { copying($0) }
    }

    /// Rounds a size up to a multiple of 64 bytes (at least 64).
    public static func paddedSize(_ n: Int) -> Int { max(64, (n + 63) & ~63) }

    /// The contents as raw bytes.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: baseAddress, count: byteCount) }

    /// The contents viewed as `count` values of `T` starting at element `offset`.
    /// The caller guarantees the range lies inside the buffer (checked in debug builds).
    @inlinable
    public func typed<T>(_ type: T.Type, offset: Int = 0, count: Int) -> UnsafeBufferPointer<T> {
        #if PF_CHECK_INVARIANTS
        precondition(offset >= 0 && count >= 0 && (offset + count) * MemoryLayout<T>.stride <= byteCount,
                     "buffer view out of range")
        #endif
        return UnsafeBufferPointer(start: baseAddress.assumingMemoryBound(to: T.self) + offset, count: count)
    }

    /// Loads the `i`-th value of type `T` (no bounds check in release builds).
    @inlinable
    public func load<T: BitwiseCopyable>(_ i: Int, as: T.Type) -> T {
        #if PF_CHECK_INVARIANTS
        precondition(i >= 0 && (i + 1) * MemoryLayout<T>.stride <= byteCount, "buffer load out of range")
        #endif
        return baseAddress.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self)
    }
}

/// A growable, 64-byte aligned byte buffer used by builders.
///
/// ``finish()`` hands the memory to an immutable ``Buffer`` without copying.
public struct MutableBuffer: ~Copyable {
    private var pointer: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count: Int = 0

    /// Creates an empty buffer with room for at least `capacity` bytes.
    public init(capacity: Int = 0) {
        self.capacity = Buffer.paddedSize(capacity)
        pointer = .allocate(byteCount: self.capacity, alignment: Buffer.alignment)
    }

    deinit { pointer.deallocate() }

    /// Ensures room for `additional` more bytes.
    public mutating func reserve(_ additional: Int) {
        let need = count + additional
        guard need > capacity else { return }
        var cap = capacity
        while cap < need { cap = cap < (1 << 20) ? cap * 2 : cap + cap / 2 }
        cap = Buffer.paddedSize(cap)
        let p = UnsafeMutableRawPointer.allocate(byteCount: cap, alignment: Buffer.alignment)
        if count > 0 { memcpy(p, pointer, count) }
        pointer.deallocate()
        pointer = p
        capacity = cap
    }

    /// Appends one value.
    @inlinable
    public mutating func append<T: BitwiseCopyable>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        unsafeStorage.storeBytes(of: value, toByteOffset: count, as: T.self)
        advance(size)
    }

    /// Appends raw bytes.
    public mutating func append(bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, let src = bytes.baseAddress else { return }
        reserve(bytes.count)
        memcpy(pointer + count, src, bytes.count)
        count += bytes.count
    }

    /// Appends `n` zero bytes.
    public mutating func appendZeros(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        memset(pointer + count, 0, n)
        count += n
    }

    /// Sets the written size to `n` bytes (new bytes are zero).
    public mutating func resize(to n: Int) {
        if n > count { appendZeros(n - count) } else { count = max(0, n) }
    }

    /// The storage (valid until the next mutating call).
    public var unsafeStorage: UnsafeMutableRawPointer { pointer }

    /// Moves the write position forward after writing through ``unsafeStorage``.
    @inlinable public mutating func advance(_ n: Int) { setCount(count + n) }
    @usableFromInline mutating func setCount(_ n: Int) { count = n }

    /// Freezes the contents into a ``Buffer`` (no copy). Padding bytes are zeroed.
    public consuming func finish() -> Buffer {
        if capacity > count { memset(pointer + count, 0, capacity - count) }
        let b = Buffer(owning: pointer, byteCount: count)
        discard self
        return b
    }
}
