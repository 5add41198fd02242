import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A growable, 64-byte aligned byte buffer owned by a class, so decoders can share and
/// grow it without the ceremony of a non-copyable type. ``finish()`` hands the memory
/// to an immutable ``Buffer`` without copying (the buffer keeps this object alive).
final class ColumnBuffer: CachedBlockOwner, @unchecked Sendable {
    private(set) var pointer: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Bytes written so far.
    var count: Int = 0
    /// Set by ``finish()``: the memory then held array contents and goes back to the
    /// ``BlockCache`` for reuse; unfinished scratch memory is freed directly.
    private let finished = Atomic<Bool>(false)

    /// Creates an empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        (pointer, self.capacity) = BlockCache.allocate(byteCount: capacity)
    }

    deinit {
        if finished.load(ordering: .relaxed) { BlockCache.release(pointer, capacity: capacity) } else { BlockCache.free(pointer) }
    }

    /// See ``CachedBlockOwner/releaseAsScratch()``.
    func releaseAsScratch() { finished.store(false, ordering: .relaxed) }

    /// Ensures room for `additional` more bytes.
    @inline(__always)
    func reserve(_ additional: Int) {
        let need = count &+ additional
        if need > capacity { grow(need) }
    }

    private func grow(_ need: Int) {
        // Amortized growth, but exactly what is asked when that is more (a reservation of
        // the final size then allocates once, without overshoot).
        let grown = capacity < (1 << 22) ? capacity &* 2 : capacity &+ capacity / 2
        let (p, cap) = BlockCache.allocate(byteCount: max(need, grown))
        if count > 0 { memcpy(p, pointer, count) }
        BlockCache.free(pointer)
        pointer = p
        capacity = cap
    }

    /// Sets the size to `n` bytes, growing (new bytes zeroed) when needed.
    func resize(_ n: Int) {
        if n > count {
            reserve(n - count)
            memset(pointer + count, 0, n - count)
        }
        count = n
    }

    /// Sets the size to `n` bytes, growing when needed, without zeroing new bytes: for
    /// regions the caller overwrites completely.
    @inline(__always)
    func resizeUninitialized(_ n: Int) {
        if n > count { reserve(n - count) }
        count = n
    }

    /// Appends one value.
    @inline(__always)
    func append<T: BitwiseCopyable>(_ v: T) {
        reserve(MemoryLayout<T>.size)
        (pointer + count).storeBytes(of: v, as: T.self)
        count &+= MemoryLayout<T>.size
    }

    /// Appends raw bytes.
    @inline(__always)
    func append(_ src: UnsafeRawPointer, _ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        memcpy(pointer + count, src, n)
        count &+= n
    }

    /// Typed view of the storage.
    func typed<T>(_ t: T.Type) -> UnsafeMutablePointer<T> { pointer.assumingMemoryBound(to: T.self) }

    /// Freezes the contents into a ``Buffer`` (no copy; padding zeroed). Capacity beyond
    /// the padding is left untouched (never resident when it was never written).
    func finish() -> Buffer {
        let pad = Buffer.paddedSize(count)
        if pad > capacity { grow(pad) }
        memset(pointer + count, 0, pad - count)
        finished.store(true, ordering: .relaxed)
        return Buffer(borrowing: UnsafeRawPointer(pointer), byteCount: count, owner: self)
    }
}
