import Synchronization

/// A fixed-size array of `Int64` atomics in one allocation, shared by the chunks of a
/// parallel loop (all accesses are relaxed). The owner calls ``deallocate()`` once.
struct AtomicArray: @unchecked Sendable {
    let base: UnsafeMutablePointer<Atomic<Int64>>
    let count: Int

    init(count: Int, repeating value: Int64) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        for i in 0..<count { (base + i).initialize(to: Atomic<Int64>(value)) }
    }

    @inline(__always) func load(_ i: Int) -> Int64 { base[i].load(ordering: .relaxed) }
    @inline(__always) func store(_ i: Int, _ v: Int64) { base[i].store(v, ordering: .relaxed) }
    @inline(__always) func compareExchange(_ i: Int, expected: Int64, desired: Int64) -> Bool {
        base[i].compareExchange(expected: expected, desired: desired, ordering: .relaxed).exchanged
    }
    @inline(__always) func bitwiseOr(_ i: Int, _ v: Int64) {
        base[i].bitwiseOr(v, ordering: .relaxed)
    }

    /// Lowers element `i` to `v` if `v` is smaller; returns whether it changed.
    @inline(__always) @discardableResult
    func min(_ i: Int, _ v: Int64) -> Bool {
        var cur = load(i)
        while v < cur {
            let r = base[i].compareExchange(expected: cur, desired: v, ordering: .relaxed)
            if r.exchanged { return true }
            cur = r.original
        }
        return false
    }

    /// Atomic minimum on non-negative `Double`s stored as bit patterns (for non-negative
    /// IEEE doubles, including +inf, the bit patterns order like the values).
    @inline(__always) @discardableResult
    func minDouble(_ i: Int, _ v: Double) -> Bool { min(i, Int64(bitPattern: v.bitPattern)) }
    @inline(__always) func loadDouble(_ i: Int) -> Double { Double(bitPattern: UInt64(bitPattern: load(i))) }

    /// Copies the values out (call only when no other thread writes).
    func toArray() -> [Int64] {
        [Int64](unsafeUninitializedCapacity: count) { buf, n in
            for i in 0..<count { buf[i] = base[i].load(ordering: .relaxed) }
            n = count
        }
    }

    func deallocate() { base.deallocate() }
}
