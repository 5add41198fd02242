#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A bounded cache of large freed result buffers, reused by later allocations of the same
/// size class.
///
/// Large allocations come from the system as fresh pages: every 4 KiB page costs a page
/// fault and zeroing on first touch, which is a sizeable share of decoding a big file
/// (and what a general-purpose allocator such as jemalloc avoids by keeping freed pages).
/// Blocks of at least ``minimumBlock`` bytes that held a finished ``Buffer`` (the
/// contents of arrays) or a decompressed Parquet page are kept here when released, and
/// handed to the next allocation of their size class, already resident. Growable scratch
/// memory that was never finished into a buffer is freed directly.
///
/// Bounds: at most ``limitBytes`` are held (the oldest blocks are freed first), and a
/// block unused for ``maxIdleNanoseconds`` is freed at the next allocation or release.
/// `PARQUETFRAME_BUFFER_CACHE_MB` sets the limit (`0` disables the cache); the default is
/// an eighth of physical memory, at most 4 GiB. ``trim()`` frees everything held.
public enum BlockCache {
    /// Smallest block that goes through the cache (smaller ones use `malloc` directly).
    public static let minimumBlock = 1 << 16
    /// A held block unused for this long is freed at the next cache operation.
    public static let maxIdleNanoseconds: UInt64 = 5_000_000_000

    /// Bytes the cache may hold.
    public static let limitBytes: Int = {
        if let env = getenv("PARQUETFRAME_BUFFER_CACHE_MB"), let mb = Int(String(cString: env)), mb >= 0 {
            return mb > Int.max >> 21 ? Int.max >> 1 : mb << 20
        }
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 256 << 20 }
        return min(pages / 8 * pageSize, 4 << 30)
    }()

    struct Held: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        let capacity: Int
        let releasedAt: UInt64
    }

    struct State: Sendable {
        /// Held blocks by size class, most recently released last.
        var byClass: [Int: [Held]] = [:]
        var bytes = 0
    }

    private static let state = Mutex(State())

    /// The size class of a request: `n` rounded up to an eighth of its power of two (so a
    /// block serves requests at most 12.5 % smaller). Requests below ``minimumBlock`` are
    /// only padded to 64 bytes.
    public static func sizeClass(_ n: Int) -> Int {
        guard n >= minimumBlock, n < 1 << 56 else { return Buffer.paddedSize(n) }
        let step = 1 << (Int.bitWidth - 1 - n.leadingZeroBitCount - 3)
        return (n + step - 1) & ~(step - 1)
    }

    /// A 64-byte aligned block of at least `byteCount` bytes and its capacity (pass both
    /// to ``release(_:capacity:)`` or ``free(_:)``). Contents are unspecified.
    public static func allocate(byteCount: Int) -> (pointer: UnsafeMutableRawPointer, capacity: Int) {
        let cap = sizeClass(byteCount)
        if cap >= minimumBlock && limitBytes > 0 {
            let now = monotonicNanoseconds()
            var expired: [Held] = []
            let hit: UnsafeMutableRawPointer? = state.withLock { s in
                expired = dropIdle(&s, now: now)
                guard let h = s.byClass[cap]?.popLast() else { return nil }  // in place, no copy
                if s.byClass[cap]?.isEmpty == true { s.byClass[cap] = nil }
                s.bytes -= cap
                return h.pointer
            }
            for h in expired { h.pointer.deallocate() }
            if let hit { return (hit, cap) }
        }
        return (UnsafeMutableRawPointer.allocate(byteCount: cap, alignment: Buffer.alignment), cap)
    }

    /// Returns a block whose result was released: kept for reuse when it is large enough
    /// and fits the limit, freed otherwise.
    public static func release(_ pointer: UnsafeMutableRawPointer, capacity: Int) {
        guard capacity >= minimumBlock, capacity == sizeClass(capacity), capacity <= limitBytes else {
            pointer.deallocate()
            return
        }
        let now = monotonicNanoseconds()
        var evicted: [Held] = []
        state.withLock { s in
            evicted = dropIdle(&s, now: now)
            while s.bytes + capacity > limitBytes, let oldest = removeOldest(&s) { evicted.append(oldest) }
            s.byClass[capacity, default: []].append(Held(pointer: pointer, capacity: capacity, releasedAt: now))
            s.bytes += capacity
        }
        for h in evicted { h.pointer.deallocate() }
    }

    /// Frees a block without caching it (scratch memory).
    public static func free(_ pointer: UnsafeMutableRawPointer) { pointer.deallocate() }

    /// Frees every held block; returns the bytes freed.
    @discardableResult
    public static func trim() -> Int {
        let (all, bytes): ([Held], Int) = state.withLock { s in
            let a = (s.byClass.values.flatMap { $0 }, s.bytes)
            s = State()
            return a
        }
        for h in all { h.pointer.deallocate() }
        return bytes
    }

    /// Bytes currently held.
    public static var heldBytes: Int { state.withLock { $0.bytes } }

    /// Blocks of size class `sizeClass` currently held.
    static func heldBlocks(ofClass sizeClass: Int) -> Int { state.withLock { $0.byClass[sizeClass]?.count ?? 0 } }

    /// Removes the blocks idle for longer than ``maxIdleNanoseconds``. Each class's list is
    /// in release order (oldest first), so only its first entry is looked at unless some
    /// block is idle: the cost is per size class, not per held block.
    static func dropIdle(_ s: inout State, now: UInt64) -> [Held] {
        guard s.bytes > 0 else { return [] }
        var out: [Held] = []
        for (c, list) in s.byClass where now &- list[0].releasedAt > maxIdleNanoseconds {
            let fresh = list.firstIndex { now &- $0.releasedAt <= maxIdleNanoseconds } ?? list.count
            out += list[..<fresh]
            s.byClass[c] = fresh == list.count ? nil : Array(list[fresh...])
        }
        s.bytes -= out.reduce(0) { $0 + $1.capacity }
        return out
    }

    private static func removeOldest(_ s: inout State) -> Held? {
        guard let (c, list) = s.byClass.min(by: { $0.value[0].releasedAt < $1.value[0].releasedAt }) else { return nil }
        var rest = list
        let h = rest.removeFirst()
        s.byClass[c] = rest.isEmpty ? nil : rest
        s.bytes -= h.capacity
        return h
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// An object owning a cacheable block that borrowing ``Buffer``s point into (for example
/// a reader's growable output buffer).
public protocol CachedBlockOwner: AnyObject, Sendable {
    /// Frees the block directly when it is released instead of keeping it in the
    /// ``BlockCache``: it held an intermediate result that was copied elsewhere.
    func releaseAsScratch()
}

