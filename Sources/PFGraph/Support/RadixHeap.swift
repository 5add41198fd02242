/// A monotone radix heap of `(key, value)` pairs with `UInt64` keys (Ahuja, Mehlhorn,
/// Orlin & Tarjan). Valid when every pushed key is `>=` the last popped key, which holds
/// for Dijkstra with non-negative weights.
///
/// Keys of non-negative `Double`s are their IEEE-754 bit patterns: for `+0.0 ... +inf`
/// the bit pattern is monotone in the value, so the heap orders distances exactly.
///
/// Bucket 0 holds keys equal to `last` (the last popped minimum); bucket `b >= 1` holds
/// keys whose highest bit differing from `last` is bit `b - 1`. A pop that finds bucket 0
/// empty takes the lowest non-empty bucket, makes its minimum the new `last` and
/// redistributes its entries into lower buckets, so each entry moves at most 64 times.
/// Pops among equal keys are in no particular order.
///
/// Storage is manually managed (no ARC or bounds checks in the hot path); call
/// `deallocate()` exactly once.
struct RadixHeap {
    /// One entry.
    struct Entry {
        var key: UInt64
        var value: Int
    }

    private struct Bucket {
        var base: UnsafeMutablePointer<Entry>?
        var count: Int = 0
        var capacity: Int = 0
    }

    private let buckets: UnsafeMutablePointer<Bucket>
    /// Bit `b` set when bucket `b` is non-empty.
    private var nonEmpty: UInt64 = 0
    private var bucket64NonEmpty = false
    /// The last popped minimum.
    private(set) var last: UInt64 = 0

    init() {
        buckets = .allocate(capacity: 65)
        buckets.initialize(repeating: Bucket(), count: 65)
    }

    func deallocate() {
        for b in 0..<65 { buckets[b].base?.deallocate() }
        buckets.deinitialize(count: 65)
        buckets.deallocate()
    }

    var isEmpty: Bool { nonEmpty == 0 && !bucket64NonEmpty }

    @inline(__always) private func bucketIndex(_ key: UInt64) -> Int {
        key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount
    }

    @inline(__always) private mutating func append(_ e: Entry, to b: Int) {
        let p = buckets + b
        if p.pointee.count == p.pointee.capacity { grow(b) }
        (p.pointee.base.unsafelyUnwrapped + p.pointee.count).initialize(to: e)
        p.pointee.count += 1
        if b < 64 { nonEmpty |= UInt64(1) << UInt64(b) } else { bucket64NonEmpty = true }
    }

    @inline(never) private func grow(_ b: Int) {
        let p = buckets + b
        let newCap = Swift.max(64, p.pointee.capacity * 2)
        let nb = UnsafeMutablePointer<Entry>.allocate(capacity: newCap)
        if let old = p.pointee.base {
            nb.moveInitialize(from: old, count: p.pointee.count)
            old.deallocate()
        }
        p.pointee.base = nb
        p.pointee.capacity = newCap
    }

    /// Pushes `(key, value)`; `key` must be `>= last`.
    @inline(__always) mutating func push(_ key: UInt64, _ value: Int) {
        append(Entry(key: key, value: value), to: bucketIndex(key))
    }

    /// Pops an entry with the smallest key, or nil when empty.
    @inline(__always) mutating func pop() -> Entry? {
        if nonEmpty & 1 == 0 {
            guard refill() else { return nil }
        }
        let p = buckets
        p.pointee.count -= 1
        let e = (p.pointee.base.unsafelyUnwrapped + p.pointee.count).move()
        if p.pointee.count == 0 { nonEmpty &= ~1 }
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
        if b < 64 { nonEmpty &= ~(UInt64(1) << UInt64(b)) } else { bucket64NonEmpty = false }
        // Entries go to strictly lower buckets, so `src` is not appended to while read.
        for k in 0..<n {
            let e = (src + k).move()
            append(e, to: bucketIndex(e.key))
        }
        return true
    }
}
