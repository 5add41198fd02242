import PFColumnar

/// A bitmap over vertices with atomic word access, for bottom-up BFS frontiers.
/// Parallel writers either own whole 64-bit words (vertex chunks aligned to 64) or use
/// ``setAtomic(_:)``. The owner calls ``deallocate()`` once.
struct Bitmap: @unchecked Sendable {
    let words: AtomicArray
    let bitCount: Int

    init(bitCount: Int) {
        self.bitCount = bitCount
        words = AtomicArray(count: (bitCount + 63) >> 6, repeating: 0)
    }

    var wordCount: Int { words.count }

    @inline(__always) func get(_ i: Int) -> Bool {
        (UInt64(bitPattern: words.load(i >> 6)) >> UInt64(i & 63)) & 1 != 0
    }

    /// Sets a bit with an atomic OR (safe when several threads write one word).
    @inline(__always) func setAtomic(_ i: Int) {
        words.bitwiseOr(i >> 6, Int64(bitPattern: UInt64(1) << UInt64(i & 63)))
    }

    func clear(pool: ThreadPool) {
        let w = words
        pool.parallelFor(0..<w.count, grain: 1 << 14) { _, r in
            for i in r { w.store(i, 0) }
        }
    }

    func deallocate() { words.deallocate() }
}
