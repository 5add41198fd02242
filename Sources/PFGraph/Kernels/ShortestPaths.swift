import PFColumnar
import Synchronization

/// Single- and multi-source shortest paths with non-negative weights.
///
/// - `.dijkstra`: serial Dijkstra with an indexed radix heap (8-bit digits, decrease-key); predecessors are
///   folded into relaxation (see `dijkstra(_:_:predecessors:)`).
/// - `.deltaStepping`: parallel Δ-stepping (Meyer & Sanders); vertices are relaxed
///   bucket by bucket with an atomic minimum on distances. It produces exactly the same
///   distances as Dijkstra (both compute the least fixed point of
///   `dist[v] = min_u dist[u] + w(u, v)` in float64).
/// - Unweighted graphs (or `weighted: false`) use BFS hop counts as distances.
///
/// A negative weight is an error (`PFError.invalidArgument` naming the edge).
///
/// **Predecessors (deterministic).** An edge `u → v` is *tight* when
/// `dist[u] + w(u, v) == dist[v]`. Let `hops[v]` be the fewest edges on a tight path from
/// a source to `v`. Then `pred[v]` is the smallest `u` with a tight edge `u → v` and
/// `hops[u] == hops[v] - 1` (-1 for sources and unreachable vertices). This is
/// independent of the algorithm, acyclic even with zero-weight cycles, and identical for
/// any thread count.
public enum ShortestPaths {
    /// Which algorithm computes distances.
    public enum Algorithm: Sendable, Equatable {
        /// Serial Dijkstra.
        case dijkstra
        /// Parallel Δ-stepping; `delta` nil = a default from the mean weight and degree.
        case deltaStepping(delta: Double?)
    }

    /// Options.
    public struct Options: Sendable, Equatable {
        /// Algorithm.
        public var algorithm: Algorithm
        /// Use edge weights when present (false: every edge has weight 1).
        public var weighted: Bool
        /// Compute predecessors.
        public var computePredecessors: Bool

        /// Creates options.
        public init(algorithm: Algorithm = .dijkstra, weighted: Bool = true, computePredecessors: Bool = true) {
            self.algorithm = algorithm; self.weighted = weighted; self.computePredecessors = computePredecessors
        }
    }

    /// Output indexed by vertex.
    public struct Result: Sendable, Equatable {
        /// Distance from the nearest source; `+infinity` when unreachable.
        public var distances: [Double]
        /// Predecessor by the documented rule; -1 for sources/unreachable (all -1 when
        /// predecessors were not requested).
        public var predecessors: [Int64]
    }

    /// Shortest paths from one source.
    public static func run(_ g: CSRGraph, source: Int, options: Options = Options(),
                           pool: ThreadPool = .shared) throws(PFError) -> Result {
        try run(g, sources: [source], options: options, pool: pool)
    }

    /// Shortest paths from the nearest of several sources.
    public static func run(_ g: CSRGraph, sources: [Int], options: Options = Options(),
                           pool: ThreadPool = .shared) throws(PFError) -> Result {
        let V = g.vertexCount
        for (i, s) in sources.enumerated() where s < 0 || s >= V {
            throw .invalidArgument("source at index \(i) is \(s): must be in 0..<\(V)")
        }
        let useWeights = options.weighted && g.isWeighted
        if useWeights, let bad = firstNegativeWeightCached(g.outgoing) {
            throw .invalidArgument("shortest paths need non-negative weights; edge \(bad.0) -> \(bad.1) has weight \(bad.2)")
        }
        if case .deltaStepping(let d?) = options.algorithm, !(d > 0 && d.isFinite) {
            throw .invalidArgument("delta must be positive and finite, got \(d)")
        }
        var dist: [Double]
        var folded: [Int64]? = nil
        if !useWeights {
            let bfs = try BFS.run(g, sources: sources, options: .init(computePredecessors: false), pool: pool)
            dist = bfs.distances.map { $0 < 0 ? Double.infinity : Double($0) }
        } else {
            let out = g.outgoing
            let wantPred = options.computePredecessors
            (dist, folded) = withExtendedLifetime(out) { () -> ([Double], [Int64]?) in
                switch (out.indexWidth, options.algorithm) {
                case (.uint32, .dijkstra): return dijkstra(AdjView<UInt32>(out), sources, predecessors: wantPred)
                case (.int64, .dijkstra): return dijkstra(AdjView<Int64>(out), sources, predecessors: wantPred)
                case (.uint32, .deltaStepping(let d)):
                    return (deltaStepping(AdjView<UInt32>(out), sources, delta: d, pool: pool), nil)
                case (.int64, .deltaStepping(let d)):
                    return (deltaStepping(AdjView<Int64>(out), sources, delta: d, pool: pool), nil)
                }
            }
        }
        var preds: [Int64]
        if !options.computePredecessors {
            preds = [Int64](repeating: -1, count: V)
        } else if let folded {
            preds = folded
        } else {
            preds = predecessors(g, dist: dist, sources: sources, useWeights: useWeights, pool: pool)
        }
        return Result(distances: dist, predecessors: preds)
    }

    /// ``firstNegativeWeight(_:)``, remembering on the adjacency when there is none (so a
    /// repeated query on the same graph skips the scan).
    static func firstNegativeWeightCached(_ a: Adjacency) -> (Int, Int, Double)? {
        if a.noNegativeWeightsState.load(ordering: .acquiring) == 1 { return nil }
        let bad = firstNegativeWeight(a)
        if bad == nil { a.noNegativeWeightsState.store(1, ordering: .releasing) }
        return bad
    }

    /// The first edge (in CSR order) with a negative weight, as `(u, v, w)`: a linear
    /// scan of the weight buffer, then a binary search of the offsets for `u`.
    static func firstNegativeWeight(_ a: Adjacency) -> (Int, Int, Double)? {
        a.withView { view -> (Int, Int, Double)? in
            guard let w = view.weights else { return nil }
            let n = Int(view.offsets[view.vertexCount])
            // Fast path: no weight has its sign bit set (an OR of the bit patterns, which
            // vectorises); only then can there be no `w < 0`. -0.0 and negative NaNs
            // have the sign bit too and fall through to the exact scan below.
            var signs: UInt64 = 0
            UnsafeRawPointer(w).withMemoryRebound(to: UInt64.self, capacity: n) { bits in
                for k in 0..<n { signs |= bits[k] }
            }
            if signs & (1 << 63) == 0 { return nil }
            var i = 0
            // Blocks of 64 without an early exit let the compare vectorise.
            while i < n {
                let stop = Swift.min(n, i + 64)
                var negatives = 0
                for k in i..<stop { negatives &+= w[k] < 0 ? 1 : 0 }
                if negatives != 0 {
                    for k in i..<stop where w[k] < 0 {
                        var lo = 0, hi = view.vertexCount - 1    // last u with offsets[u] <= k
                        while lo < hi {
                            let mid = (lo + hi + 1) >> 1
                            if view.offsets[mid] <= k { lo = mid } else { hi = mid - 1 }
                        }
                        return (lo, view.target(k), w[k])
                    }
                }
                i = stop
            }
            return nil
        }
    }
}
