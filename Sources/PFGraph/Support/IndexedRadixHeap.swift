/// An addressable monotone radix heap over the items `0..<capacity` with `UInt64` keys:
/// each item is in the heap at most once, and ``decrease(_:_:)`` moves it in place
/// (decrease-key) instead of pushing a duplicate. Same bucket scheme as ``RadixHeap``
/// (bucket 0 holds keys equal to `last`, bucket `b >= 1` keys whose highest bit
/// differing from `last` is bit `b - 1`), so every key must be `>= last` (true for
/// Dijkstra with non-negative weights and IEEE-754 bit-pattern keys).
///
/// `position[item]` is `slot << 7 | bucket` while the item is in the heap; it is stale
/// once the item has been popped (use ``contains(_:)``). Pops among equal keys are in no
/// particular order.
///
/// Storage is manually managed (no ARC or bounds checks in the hot path); call
/// `deallocate()` exactly once.
struct IndexedRadixHeap {
    /// One entry.
    struct Entry {
        var key: UInt64
        var item: Int
    }

    private struct Bucket {
        var base: UnsafeMutablePointer<Entry>?
        var count: Int = 0
        var capacity: Int = 0
    }

    private let buckets: UnsafeMutablePointer<Bucket>
    private let position: UnsafeMutablePointer<Int>
    /// Bit `b` set when bucket `b` is non-empty.
    private var nonEmpty: UInt64 = 0
    private var bucket64NonEmpty = false
    /// The last popped minimum.
    private(set) var last: UInt64 = 0

    /// A heap for the items `0..<capacity`.
    init(capacity: Int) {
        buckets = .allocate(capacity: 65)
        buckets.initialize(repeating: Bucket(), count: 65)
        // Only read for items pushed at least once, so it needs no initial value.
        position = .allocate(capacity: Swift.max(1, capacity))
    }

    func deallocate() {
        for b in 0..<65 { buckets[b].base?.deallocate() }
        buckets.deinitialize(count: 65)
        buckets.deallocate()
        position.deallocate()
    }

    var isEmpty: Bool { nonEmpty == 0 && !bucket64NonEmpty }

    /// 0 when `key == last` (the leading-zero count of 0 is 64).
    @inline(__always) private func bucketIndex(_ key: UInt64) -> Int {
        64 &- (key ^ last).leadingZeroBitCount
    }

    @inline(__always) private mutating func append(_ e: Entry, to b: Int) {
        let p = buckets + b
        if p.pointee.count == p.pointee.capacity { grow(b) }
        let slot = p.pointee.count
        (p.pointee.base.unsafelyUnwrapped + slot).initialize(to: e)
        p.pointee.count = slot &+ 1
        position[e.item] = slot &<< 7 | b
        if b < 64 { nonEmpty |= UInt64(1) &<< UInt64(b) } else { bucket64NonEmpty = true }
    }

    @inline(never) private func grow(_ b: Int) {
        let p = buckets + b
        let newCap = Swift.max(256, p.pointee.capacity * 2)
        let nb = UnsafeMutablePointer<Entry>.allocate(capacity: newCap)
        if let old = p.pointee.base {
            nb.moveInitialize(from: old, count: p.pointee.count)
            old.deallocate()
        }
        p.pointee.base = nb
        p.pointee.capacity = newCap
    }

    /// Pushes `item` (not in the heap) with `key >= last`.
    @inline(__always) mutating func push(_ key: UInt64, _ item: Int) {
        append(Entry(key: key, item: item), to: bucketIndex(key))
    }

    /// Lowers the key of `item` (in the heap) to `key`, which must be `>= last`.
    @inline(__always) mutating func decrease(_ item: Int, _ key: UInt64) {
        let pos = position[item]
        let b = pos & 127
        let slot = pos &>> 7
        let nb = bucketIndex(key)
        let p = buckets + b
        let base = p.pointee.base.unsafelyUnwrapped
        if nb == b {
            base[slot].key = key
            return
        }
        // Swap-remove from bucket b (a lower key never moves to a higher bucket).
        let lastSlot = p.pointee.count &- 1
        p.pointee.count = lastSlot
        if slot != lastSlot {
            let moved = base[lastSlot]
            base[slot] = moved
            position[moved.item] = pos
        }
        if lastSlot == 0 {
            if b < 64 { nonEmpty &= ~(UInt64(1) &<< UInt64(b)) } else { bucket64NonEmpty = false }
        }
        append(Entry(key: key, item: item), to: nb)
    }

    /// Whether `item`, pushed at least once, is still in the heap (not yet popped).
    func contains(_ item: Int) -> Bool {
        let pos = position[item]
        let p = buckets + (pos & 127)
        let slot = pos &>> 7
        return slot < p.pointee.count && p.pointee.base.unsafelyUnwrapped[slot].item == item
    }

    /// Pops an entry with the smallest key, or nil when empty.
    @inline(__always) mutating func pop() -> Entry? {
        if nonEmpty & 1 == 0 {
            guard refill() else { return nil }
        }
        let p = buckets
        let n = p.pointee.count &- 1
        p.pointee.count = n
        let e = p.pointee.base.unsafelyUnwrapped[n]
        if n == 0 { nonEmpty &= ~1 }
        return e
    }

    /// Moves the lowest non-empty bucket's entries down; false when the heap is empty.
    @inline(never) private mutating func refill() -> Bool {
        let b: Int
        if nonEmpty != 0 {
            b = nonEmpty.trailingZeroBitCount
        } else if bucket64NonEmpty {
            b = 64
        } else {
            return false
        }
        let p = buckets + b
        let n = p.pointee.count
        let src = p.pointee.base.unsafelyUnwrapped
        var m = UInt64.max
        for k in 0..<n { m = Swift.min(m, src[k].key) }
        last = m
        p.pointee.count = 0
        if b < 64 { nonEmpty &= ~(UInt64(1) &<< UInt64(b)) } else { bucket64NonEmpty = false }
        // Entries go to strictly lower buckets, so `src` is not appended to while read.
        for k in 0..<n { append(src[k], to: bucketIndex(src[k].key)) }
        return true
    }
}
