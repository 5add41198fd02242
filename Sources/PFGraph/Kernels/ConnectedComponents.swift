import PFColumnar

/// Weakly connected components by Afforest-style sampling over a lock-free union-find.
///
/// Every stored edge `u → v` links the sets of `u` and `v` (directed graphs are treated
/// as undirected). Linking hooks the *larger* root under the *smaller* one with a
/// compare-and-swap, and `find` halves paths with plain stores of an ancestor; parents
/// therefore only ever decrease, no cycles can form, and each final root is the smallest
/// vertex of its component. Labels are that smallest vertex index, so they are identical
/// for any thread count and any processing order.
///
/// Work is saved as in Afforest (Sutton, Ben-Nun, Barak 2018): the first
/// ``sampledRounds`` out-edges of every vertex are linked first, which already joins most
/// of a large component; a fixed sample of vertices then names the most frequent root
/// (the *giant* set). In the final pass a vertex already in the giant set can skip edges
/// whose other end is in it too:
/// - undirected graphs store every edge in both directions, so a giant vertex skips its
///   row entirely (the edge is linked from the other end if that end is not giant);
/// - directed graphs whose in-CSC is already built do the same, and non-giant vertices
///   also link their in-edges;
/// - other directed graphs scan a giant vertex's row and link only targets whose parent
///   is not the giant root (a read instead of a `find` per edge).
/// Skipping is safe because membership in the giant set never ends: sets only merge.
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

    /// Out-edges per vertex linked before the giant set is sampled.
    static let sampledRounds = 2
    /// Vertices sampled to find the giant set.
    static let giantSamples = 1024

    /// Weakly connected components of `g`.
    public static func weak(_ g: CSRGraph, pool: ThreadPool = .shared) -> Result {
        let out = g.outgoing
        // Undirected graphs store both directions; a directed graph uses its in-CSC
        // only when it is already built (building it would cost more than it saves).
        let inn: Adjacency? = !g.isDirected ? nil : (g.hasIncoming ? g.incoming(pool: pool) : nil)
        let skipGiantRows = !g.isDirected || inn != nil
        return withExtendedLifetime((out, inn)) {
            switch out.indexWidth {
            case .uint32:
                return afforest(AdjView<UInt32>(out), inn.map { AdjView<UInt32>($0) },
                                skipGiantRows: skipGiantRows, pool: pool)
            case .int64:
                return afforest(AdjView<Int64>(out), inn.map { AdjView<Int64>($0) },
                                skipGiantRows: skipGiantRows, pool: pool)
            }
        }
    }

    static func afforest<T: VertexIndex>(_ adj: AdjView<T>, _ inn: AdjView<T>?, skipGiantRows: Bool,
                                         pool: ThreadPool) -> Result {
        let V = adj.vertexCount
        let parent = AtomicArray(count: V, repeating: 0)
        defer { parent.deallocate() }
        pool.parallelFor(0..<V, grain: 1 << 14) { _, r in for v in r { parent.store(v, Int64(v)) } }

        /// Root of `x`'s set, halving the path on the way. The store may race with
        /// another thread's, but every value stored is an ancestor (a smaller index in the
        /// same set), and roots are never written here (`p != x`).
        @Sendable @inline(__always) func find(_ x: Int) -> Int {
            var x = x
            while true {
                let p = Int(parent.load(x))
                if p == x { return x }
                let gp = Int(parent.load(p))
                if gp == p { return p }
                parent.store(x, Int64(gp))
                x = gp
            }
        }
        /// Joins the sets of `u` and `v`; `hint` is a vertex of `u`'s set (a root found
        /// earlier), returns a vertex of the joined set to use as the next hint.
        @Sendable @inline(__always) func link(_ hint: Int, _ v: Int) -> Int {
            var a = find(hint), b = find(v)
            while a != b {
                let hi = max(a, b), lo = min(a, b)
                if parent.compareExchange(hi, expected: Int64(hi), desired: Int64(lo)) { return lo }
                a = find(hi); b = find(lo)
            }
            return a
        }
        func compress() {
            pool.parallelFor(0..<V, grain: 1 << 14) { _, r in
                for v in r { let root = find(v); if root != v { parent.store(v, Int64(root)) } }
            }
        }

        let rounds = sampledRounds
        for k in 0..<rounds {
            pool.parallelFor(0..<V, grain: 1 << 12) { _, r in
                for u in r {
                    let i = adj.begin(u) + k
                    if i < adj.end(u) { _ = link(u, adj.target(i)) }
                }
            }
            compress()
        }
        let giant = mostFrequentRoot(parent, V)

        pool.parallelFor(0..<V, grain: 1 << 10) { _, r in
            for u in r {
                let first = adj.begin(u) + rounds, end = adj.end(u)
                if Int(parent.load(u)) == giant {
                    if skipGiantRows || first >= end { continue }
                    // Directed, no in-CSC: only targets outside the giant set need a link.
                    var hint = giant
                    for i in first..<end {
                        let v = adj.target(i)
                        if Int(parent.load(v)) != giant { hint = link(hint, v) }
                    }
                    continue
                }
                var hint = u
                if first < end { for i in first..<end { hint = link(hint, adj.target(i)) } }
                if let inn {
                    for i in inn.begin(u)..<inn.end(u) { hint = link(hint, inn.target(i)) }
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

    /// The root held by most of a fixed pseudo-random sample of vertices (after a
    /// compression, so `parent` of a vertex is its root). Ties go to the smaller root;
    /// only used to decide which rows may be skipped, never affects the labels.
    static func mostFrequentRoot(_ parent: AtomicArray, _ V: Int) -> Int {
        guard V > 0 else { return 0 }
        var counts: [Int: Int] = [:]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<giantSamples {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Int((state >> 33) % UInt64(V))
            counts[Int(parent.load(v)), default: 0] += 1
        }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
    }
}
