import PFColumnar

/// Weakly connected components by parallel lock-free union-find.
///
/// Every stored edge `u → v` links the sets of `u` and `v` (so directed graphs are
/// treated as undirected). Linking always hooks the *larger* root under the *smaller*
/// one with a compare-and-swap, and `find` halves paths; parents therefore only ever
/// decrease, no cycles can form, and each final root is the smallest vertex of its
/// component. Labels are that smallest vertex index — identical for any thread count.
public enum ConnectedComponents {
    /// Component labelling.
    public struct Result: Sendable, Equatable {
        /// Per vertex: the smallest vertex index in its component.
        public var labels: [Int64]
        /// Number of components (isolated vertices count as components).
        public var componentCount: Int

        /// Sizes by label: `(label, size)` pairs in ascending label order.
        public var componentSizes: [(label: Int64, size: Int)] {
            var counts = [Int](repeating: 0, count: labels.count)
            for l in labels { counts[Int(l)] += 1 }
            return counts.enumerated().filter { $0.element > 0 }.map { (Int64($0.offset), $0.element) }
        }

        /// Equality on labels and count.
        public static func == (a: Result, b: Result) -> Bool {
            a.labels == b.labels && a.componentCount == b.componentCount
        }
    }

    /// Weakly connected components of `g`.
    public static func weak(_ g: CSRGraph, pool: ThreadPool = .shared) -> Result {
        let out = g.outgoing
        return withExtendedLifetime(out) {
            switch out.indexWidth {
            case .uint32: return unionFind(AdjView<UInt32>(out), pool: pool)
            case .int64: return unionFind(AdjView<Int64>(out), pool: pool)
            }
        }
    }

    static func unionFind<T: VertexIndex>(_ adj: AdjView<T>, pool: ThreadPool) -> Result {
        let V = adj.vertexCount
        let parent = AtomicArray(count: V, repeating: 0)
        defer { parent.deallocate() }
        pool.parallelFor(0..<V, grain: 1 << 14) { _, r in for v in r { parent.store(v, Int64(v)) } }
        @Sendable @inline(__always) func find(_ x: Int) -> Int {
            var x = x
            while true {
                let p = Int(parent.load(x))
                if p == x { return x }
                let gp = Int(parent.load(p))
                if gp != p { parent.min(x, Int64(gp)) }  // path halving; parents only decrease
                x = gp
            }
        }
        pool.parallelFor(0..<V, grain: 1024) { _, r in
            for u in r {
                for i in adj.begin(u)..<adj.end(u) {
                    var a = find(u), b = find(adj.target(i))
                    while a != b {
                        let hi = max(a, b), lo = min(a, b)
                        if parent.compareExchange(hi, expected: Int64(hi), desired: Int64(lo)) { break }
                        a = find(hi); b = find(lo)
                    }
                }
            }
        }
        var labels = [Int64](repeating: 0, count: V)
        let count = labels.withUnsafeMutableBufferPointer { lb -> Int in
            let ls = UnsafeSendable(lb)
            return pool.parallelMap(0..<V, grain: 1 << 14) { r -> Int in
                var c = 0
                for v in r {
                    let root = find(v)
                    ls.value[v] = Int64(root)
                    if root == v { c += 1 }
                }
                return c
            }.reduce(0, +)
        }
        return Result(labels: labels, componentCount: count)
    }
}
