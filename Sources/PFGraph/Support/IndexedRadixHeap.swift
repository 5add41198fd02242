import CArrowABI    // pf_prefetch

/// An addressable monotone radix heap over the items `0..<capacity` with `UInt64` keys:
/// each item is in the heap at most once, and ``decrease(_:_:)`` moves it in place
/// (decrease-key) instead of pushing a duplicate. Every key must be `>= last` (true for
/// Dijkstra with non-negative weights and IEEE-754 bit-pattern keys).
///
/// Buckets use 8-bit digits: a key whose highest byte differing from `last` is byte `L`
/// (`L = 0` also when it equals `last`) goes to bucket `L << 8 | byte L of the key`. Bucket
/// order is key order, every key in a level-0 bucket is the same value, and refilling a
/// bucket of level `L >= 1` (new `last` = its minimum) moves its entries to levels below
/// `L`, so an entry moves at most 7 times (a 1-bit radix heap can move it 63 times).
/// A 2048-bit occupancy bitmap with a 32-bit summary finds the lowest bucket.
///
/// `position[item]` is `slot << 11 | bucket` while the item is in the heap; it is stale
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

    private static let bucketCount = 2048
    private static let bucketBits = 11

    private let buckets: UnsafeMutablePointer<Bucket>
    private let position: UnsafeMutablePointer<Int>
    /// Bit `b & 63` of word `b >> 6` set when bucket `b` is non-empty.
    private let occupied: UnsafeMutablePointer<UInt64>
    /// Bit `w` set when `occupied[w] != 0`.
    private var summary: UInt32 = 0
    /// The last popped minimum.
    private(set) var last: UInt64 = 0

    /// A heap for the items `0..<capacity`.
    init(capacity: Int) {
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: Bucket(), count: Self.bucketCount)
        occupied = .allocate(capacity: 32)
        occupied.initialize(repeating: 0, count: 32)
        // Only read for items pushed at least once, so it needs no initial value.
        position = .allocate(capacity: Swift.max(1, capacity))
    }

    func deallocate() {
        for b in 0..<Self.bucketCount { buckets[b].base?.deallocate() }
        buckets.deinitialize(count: Self.bucketCount)
        buckets.deallocate()
        occupied.deallocate()
        position.deallocate()
    }

    var isEmpty: Bool { summary == 0 }

    @inline(__always) private func bucketIndex(_ key: UInt64) -> Int {
        // Highest differing bit (0 when equal), its byte, then that byte of the key.
        let h = 63 &- ((key ^ last) | 1).leadingZeroBitCount
        let shift = UInt64(h & ~7)
        return (h &<< 5) & ~255 | Int(truncatingIfNeeded: (key &>> shift) & 255)
    }

    @inline(__always) private mutating func markNonEmpty(_ b: Int) {
        let w = b &>> 6
        occupied[w] |= UInt64(1) &<< UInt64(b & 63)
        summary |= UInt32(1) &<< UInt32(w)
    }

    @inline(__always) private mutating func markEmpty(_ b: Int) {
        let w = b &>> 6
        let bits = occupied[w] & ~(UInt64(1) &<< UInt64(b & 63))
        occupied[w] = bits
        if bits == 0 { summary &= ~(UInt32(1) &<< UInt32(w)) }
    }

    @inline(__always) private mutating func append(_ e: Entry, to b: Int) {
        let p = buckets + b
        if p.pointee.count == p.pointee.capacity { grow(b) }
        let slot = p.pointee.count
        (p.pointee.base.unsafelyUnwrapped + slot).initialize(to: e)
        p.pointee.count = slot &+ 1
        position[e.item] = slot &<< Self.bucketBits | b
        if slot == 0 { markNonEmpty(b) }
    }

    @inline(never) private func grow(_ b: Int) {
        let p = buckets + b
        let newCap = Swift.max(32, p.pointee.capacity * 2)
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
        let b = pos & (Self.bucketCount - 1)
        let slot = pos &>> Self.bucketBits
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
        if lastSlot == 0 { markEmpty(b) }
        append(Entry(key: key, item: item), to: nb)
    }

    /// Prefetches `position[item]` ahead of a ``push(_:_:)`` or ``decrease(_:_:)`` of `item`
    /// (a hint: any item in `0..<capacity` may be passed).
    @inline(__always) func prefetch(_ item: Int) {
        pf_prefetch(position + item)
    }

    /// The items the next two ``pop()`` calls return as far as that is known without
    /// moving entries (-1 where not), for prefetching: the lowest bucket pops first, in
    /// slot order at level 0 (equal keys), smallest key first at a higher level (found by
    /// a scan when it holds at most 8 entries). Pushes in between can change the answer.
    @inline(__always) func peekTwo() -> (first: Int, second: Int) {
        if summary == 0 { return (-1, -1) }
        let w = summary.trailingZeroBitCount
        let b = w &<< 6 | occupied[w].trailingZeroBitCount
        let p = buckets + b
        let n = p.pointee.count
        let base = p.pointee.base.unsafelyUnwrapped
        if n >= 2 {
            if b < 256 { return (base[n &- 1].item, base[n &- 2].item) }
            return n <= 8 ? Self.twoSmallest(base, n) : (-1, -1)
        }
        let first = base[0].item
        // The next non-empty bucket after `b`.
        var w2 = w
        var bits = occupied[w] & ~((UInt64(2) &<< UInt64(b & 63)) &- 1)
        if bits == 0 {
            let rest = summary & ~((UInt32(2) &<< UInt32(w)) &- 1)
            if rest == 0 { return (first, -1) }
            w2 = rest.trailingZeroBitCount
            bits = occupied[w2]
        }
        let b2 = w2 &<< 6 | bits.trailingZeroBitCount
        let p2 = buckets + b2
        let n2 = p2.pointee.count
        let base2 = p2.pointee.base.unsafelyUnwrapped
        if b2 < 256 || n2 == 1 { return (first, base2[n2 &- 1].item) }
        return (first, n2 <= 8 ? Self.twoSmallest(base2, n2).first : -1)
    }

    /// The items with the two smallest keys among `n >= 2` entries.
    @inline(__always) private static func twoSmallest(_ e: UnsafeMutablePointer<Entry>, _ n: Int) -> (first: Int, second: Int) {
        var (k1, i1, k2, i2) = e[0].key <= e[1].key ? (e[0].key, 0, e[1].key, 1) : (e[1].key, 1, e[0].key, 0)
        var j = 2
        while j < n {
            let k = e[j].key
            if k < k1 { (k2, i2, k1, i1) = (k1, i1, k, j) } else if k < k2 { (k2, i2) = (k, j) }
            j &+= 1
        }
        return (e[i1].item, e[i2].item)
    }

    /// Whether `item`, pushed at least once, is still in the heap (not yet popped).
    func contains(_ item: Int) -> Bool {
        let pos = position[item]
        let p = buckets + (pos & (Self.bucketCount - 1))
        let slot = pos &>> Self.bucketBits
        return slot < p.pointee.count && p.pointee.base.unsafelyUnwrapped[slot].item == item
    }

    /// Pops an entry with the smallest key, or nil when empty.
    @inline(__always) mutating func pop() -> Entry? {
        while true {
            if summary == 0 { return nil }
            let w = summary.trailingZeroBitCount
            let b = w &<< 6 | occupied[w].trailingZeroBitCount
            if b >= 256 {
                refill(b)
                continue
            }
            // Level 0: every key in the bucket is the same value.
            let p = buckets + b
            let n = p.pointee.count &- 1
            p.pointee.count = n
            let e = p.pointee.base.unsafelyUnwrapped[n]
            if n == 0 { markEmpty(b) }
            last = e.key
            return e
        }
    }

    /// Empties bucket `b` (the lowest non-empty one, level >= 1) into lower levels.
    @inline(never) private mutating func refill(_ b: Int) {
        let p = buckets + b
        let n = p.pointee.count
        let src = p.pointee.base.unsafelyUnwrapped
        var m = UInt64.max
        for k in 0..<n { m = Swift.min(m, src[k].key) }
        last = m
        p.pointee.count = 0
        markEmpty(b)
        // Entries go to strictly lower buckets, so `src` is not appended to while read.
        for k in 0..<n { append(src[k], to: bucketIndex(src[k].key)) }
    }
}
