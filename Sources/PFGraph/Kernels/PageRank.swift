import PFColumnar

/// PageRank by pull-based power iteration over the in-CSC, with `networkx.pagerank`
/// semantics:
///
/// - an undirected graph acts as a directed graph with both directions per edge (a
///   self-loop once); parallel edges count with multiplicity (weights add up);
/// - weighted: each source's out-weights are normalised to sum to 1 (a vertex whose
///   out-weight is 0 is dangling); unweighted: each edge has weight 1;
/// - `x' = alpha * (x·P + (Σ_{dangling} x) · d) + (1 - alpha) * p`, with `p` the
///   normalised personalization vector (uniform by default) and `d` the dangling
///   distribution (`p` by default, or uniform, or a custom vector);
/// - stops when `‖x' − x‖₁ < V · tol` (networkx's criterion) or after `maxIterations`
///   (then `converged` is false; networkx would raise `PowerIterationFailedConvergence`).
///
/// Sums are taken in a fixed order (rows in CSC order, reductions by chunk), so results
/// are bit-identical for any thread count.
public enum PageRank {
    /// Where the rank of dangling vertices (no out-weight) goes.
    public enum Dangling: Sendable, Equatable {
        /// By the personalization vector (networkx default).
        case personalization
        /// Uniformly over all vertices.
        case uniform
        /// By this non-negative vector (normalised), indexed by vertex.
        case custom([Double])
    }

    /// PageRank options (defaults are networkx's).
    public struct Options: Sendable, Equatable {
        /// Damping factor in [0, 1].
        public var alpha: Double
        /// Convergence tolerance per vertex (`‖Δx‖₁ < V · tol`).
        public var tolerance: Double
        /// Iteration cap.
        public var maxIterations: Int
        /// Personalization vector indexed by vertex (normalised); nil = uniform.
        public var personalization: [Double]?
        /// Dangling distribution.
        public var dangling: Dangling
        /// Use edge weights when the graph has them.
        public var weighted: Bool
        /// Starting vector (normalised); nil = uniform.
        public var initial: [Double]?

        /// Creates options.
        public init(alpha: Double = 0.85, tolerance: Double = 1e-6, maxIterations: Int = 100,
                    personalization: [Double]? = nil, dangling: Dangling = .personalization,
                    weighted: Bool = true, initial: [Double]? = nil) {
            self.alpha = alpha; self.tolerance = tolerance; self.maxIterations = maxIterations
            self.personalization = personalization; self.dangling = dangling
            self.weighted = weighted; self.initial = initial
        }
    }

    /// PageRank output.
    public struct Result: Sendable, Equatable {
        /// Score per vertex (sums to 1).
        public var scores: [Double]
        /// Iterations performed.
        public var iterations: Int
        /// Whether the tolerance was reached.
        public var converged: Bool
        /// L1 change of the last iteration.
        public var residual: Double
    }

    /// Runs PageRank on `g`.
    public static func run(_ g: CSRGraph, options: Options = Options(),
                           pool: ThreadPool = .shared) throws(PFError) -> Result {
        let V = g.vertexCount
        guard options.alpha >= 0 && options.alpha <= 1 else {
            throw .invalidArgument("alpha must be in [0, 1], got \(options.alpha)")
        }
        guard options.tolerance >= 0 && options.tolerance.isFinite else {
            throw .invalidArgument("tolerance must be finite and >= 0, got \(options.tolerance)")
        }
        guard options.maxIterations >= 0 else {
            throw .invalidArgument("maxIterations must be >= 0, got \(options.maxIterations)")
        }
        if V == 0 { return Result(scores: [], iterations: 0, converged: true, residual: 0) }
        let p = try normalized(options.personalization, V, "personalization") ?? [Double](repeating: 1 / Double(V), count: V)
        let d: [Double]
        switch options.dangling {
        case .personalization: d = p
        case .uniform: d = [Double](repeating: 1 / Double(V), count: V)
        case .custom(let v): d = try normalized(v, V, "dangling") ?? p
        }
        let x0 = try normalized(options.initial, V, "initial") ?? [Double](repeating: 1 / Double(V), count: V)
        let useWeights = options.weighted && g.isWeighted
        if useWeights, let bad = firstNegativeWeight(g.outgoing) {
            throw .invalidArgument("PageRank needs non-negative weights; edge \(bad.0) -> \(bad.1) has weight \(bad.2)")
        }
        let inn = g.incoming(pool: pool)
        let out = g.outgoing
        return withExtendedLifetime((out, inn)) {
            switch out.indexWidth {
            case .uint32:
                return iterate(out: AdjView<UInt32>(out), inn: AdjView<UInt32>(inn), useWeights: useWeights,
                               p: p, d: d, x0: x0, options: options, pool: pool)
            case .int64:
                return iterate(out: AdjView<Int64>(out), inn: AdjView<Int64>(inn), useWeights: useWeights,
                               p: p, d: d, x0: x0, options: options, pool: pool)
            }
        }
    }

    static let grain = 2048

    static func iterate<T: VertexIndex>(out: AdjView<T>, inn: AdjView<T>, useWeights: Bool, p: [Double],
                                        d: [Double], x0: [Double], options: Options,
                                        pool: ThreadPool) -> Result {
        let V = out.vertexCount
        let alpha = options.alpha
        // Inverse out-weight per vertex (0 marks dangling).
        var inv = [Double](repeating: 0, count: V)
        inv.withUnsafeMutableBufferPointer { ib in
            let ivs = UnsafeSendable(ib)
            pool.parallelFor(0..<V, grain: grain) { _, r in
                for u in r {
                    var s = 0.0
                    if useWeights { for i in out.begin(u)..<out.end(u) { s += out.weight(i) } }
                    else { s = Double(out.degree(u)) }
                    ivs.value[u] = s > 0 ? 1 / s : 0
                }
            }
        }
        var x = x0
        var next = [Double](repeating: 0, count: V)
        var contrib = [Double](repeating: 0, count: V)
        var iterations = 0, converged = false, residual = Double.infinity
        let threshold = Double(V) * options.tolerance
        while iterations < options.maxIterations {
            iterations += 1
            let dangling: Double = x.withUnsafeBufferPointer { xb in
                inv.withUnsafeBufferPointer { ib in
                    contrib.withUnsafeMutableBufferPointer { cb in
                        let xs = UnsafeSendable(xb), ivs = UnsafeSendable(ib), cs = UnsafeSendable(cb)
                        return pool.parallelMap(0..<V, grain: grain) { r -> Double in
                            var dsum = 0.0
                            for u in r {
                                let iv = ivs.value[u]
                                cs.value[u] = xs.value[u] * iv
                                if iv == 0 { dsum += xs.value[u] }
                            }
                            return dsum
                        }.reduce(0, +)
                    }
                }
            }
            residual = x.withUnsafeBufferPointer { xb in
                next.withUnsafeMutableBufferPointer { nb in
                    contrib.withUnsafeBufferPointer { cb in
                        p.withUnsafeBufferPointer { pb in
                            d.withUnsafeBufferPointer { db in
                                let xs = UnsafeSendable(xb), ns = UnsafeSendable(nb), cs = UnsafeSendable(cb)
                                let ps = UnsafeSendable(pb), ds = UnsafeSendable(db)
                                return pool.parallelMap(0..<V, grain: grain) { r -> Double in
                                    var err = 0.0
                                    for v in r {
                                        var s = 0.0
                                        if useWeights {
                                            for i in inn.begin(v)..<inn.end(v) { s += cs.value[inn.target(i)] * inn.weight(i) }
                                        } else {
                                            for i in inn.begin(v)..<inn.end(v) { s += cs.value[inn.target(i)] }
                                        }
                                        let nv = alpha * (s + dangling * ds.value[v]) + (1 - alpha) * ps.value[v]
                                        ns.value[v] = nv
                                        err += abs(nv - xs.value[v])
                                    }
                                    return err
                                }.reduce(0, +)
                            }
                        }
                    }
                }
            }
            swap(&x, &next)
            if residual < threshold { converged = true; break }
        }
        return Result(scores: x, iterations: iterations, converged: converged, residual: residual)
    }

    /// Validates and normalises an optional per-vertex vector.
    static func normalized(_ v: [Double]?, _ V: Int, _ what: String) throws(PFError) -> [Double]? {
        guard let v else { return nil }
        guard v.count == V else { throw .invalidArgument("\(what) has \(v.count) values for \(V) vertices") }
        var s = 0.0
        for (i, x) in v.enumerated() {
            guard x.isFinite && x >= 0 else {
                throw .invalidArgument("\(what) value at index \(i) is \(x): must be finite and >= 0")
            }
            s += x
        }
        guard s > 0 else { throw .invalidArgument("\(what) must have a positive sum") }
        return v.map { $0 / s }
    }

    /// The first negative weight in CSR order, as (source, target, weight).
    static func firstNegativeWeight(_ a: Adjacency) -> (Int, Int, Double)? {
        a.withView { view -> (Int, Int, Double)? in
            guard let w = view.weights else { return nil }
            for u in 0..<view.vertexCount {
                for i in view.begin(u)..<view.end(u) where w[i] < 0 { return (u, view.target(i), w[i]) }
            }
            return nil
        }
    }
}
