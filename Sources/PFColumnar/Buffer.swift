#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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
    /// Capacity of the owned block (for ``BlockCache/release(_:capacity:)``).
    private let capacity: Int
    /// Set by ``markScratch()``: the owned block is freed, not cached, on release.
    private let scratch = Atomic<Bool>(false)
    private let owner: AnyObject?

    /// Takes ownership of a block from ``BlockCache/allocate(byteCount:)`` of `capacity` bytes.
    init(owning pointer: UnsafeMutableRawPointer, byteCount: Int, capacity: Int) {
        baseAddress = UnsafeRawPointer(pointer)
        self.byteCount = byteCount
        self.capacity = capacity
        allocated = true
        owner = nil
    }

    /// Borrows memory that `owner` keeps alive for as long as this buffer exists.
    public init(borrowing pointer: UnsafeRawPointer, byteCount: Int, owner: AnyObject?) {
        baseAddress = pointer
        self.byteCount = byteCount
        allocated = false
        capacity = 0
        self.owner = owner
    }

    deinit {
        guard allocated else { return }
        let p = UnsafeMutableRawPointer(mutating: baseAddress)
        if scratch.load(ordering: .relaxed) { BlockCache.free(p) } else { BlockCache.release(p, capacity: capacity) }
    }

    /// Marks the memory as an intermediate result (its contents were copied elsewhere):
    /// when released it is freed instead of kept in the ``BlockCache``, so holding on to
    /// intermediates never raises an operation's peak memory.
    public func markScratch() {
        if allocated { scratch.store(true, ordering: .relaxed) } else { (owner as? CachedBlockOwner)?.releaseAsScratch() }
    }

    /// A shared zero-filled 64-byte buffer, standing in for absent buffers of empty arrays.
    public static let empty = Buffer.zeroed(byteCount: 64)

    /// Allocates a zero-filled buffer of `byteCount` bytes (capacity padded to 64 bytes).
    public static func zeroed(byteCount: Int) -> Buffer {
        let (p, cap) = BlockCache.allocate(byteCount: byteCount)
        memset(p, 0, Buffer.paddedSize(byteCount))
        return Buffer(owning: p, byteCount: byteCount, capacity: cap)
    }

    /// Copies `bytes` into a new aligned buffer.
    public static func copying(_ bytes: UnsafeRawBufferPointer) -> Buffer {
        let (p, cap) = BlockCache.allocate(byteCount: bytes.count)
        if let src = bytes.baseAddress, bytes.count > 0 { memcpy(p, src, bytes.count) }
        let pad = Buffer.paddedSize(bytes.count)
        if pad > bytes.count { memset(p + bytes.count, 0, pad - bytes.count) }
        return Buffer(owning: p, byteCount: bytes.count, capacity: cap)
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
        (pointer, self.capacity) = BlockCache.allocate(byteCount: capacity)
    }

    deinit { BlockCache.free(pointer) }

    /// Ensures room for `additional` more bytes.
    public mutating func reserve(_ additional: Int) {
        let need = count + additional
        guard need > capacity else { return }
        var cap = capacity
        while cap < need { cap = cap < (1 << 20) ? cap * 2 : cap + cap / 2 }
        let (p, got) = BlockCache.allocate(byteCount: cap)
        if count > 0 { memcpy(p, pointer, count) }
        BlockCache.free(pointer)
        pointer = p
        capacity = got
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
        let pad = min(capacity, Buffer.paddedSize(count))
        if pad > count { memset(pointer + count, 0, pad - count) }
        let b = Buffer(owning: pointer, byteCount: count, capacity: capacity)
        discard self
        return b
    }
}
