import PFColumnar

/// A generated edge list with dense ids `0 ..< vertexCount`.
public struct EdgeList: Sendable, Equatable {
    /// Edge sources.
    public var sources: [Int64]
    /// Edge targets.
    public var targets: [Int64]
    /// Edge weights, aligned with the edges, if generated.
    public var weights: [Double]?
    /// Number of vertices (ids are `0 ..< vertexCount`; some may be isolated).
    public var vertexCount: Int

    /// Creates an edge list.
    public init(sources: [Int64], targets: [Int64], weights: [Double]? = nil, vertexCount: Int) {
        self.sources = sources; self.targets = targets; self.weights = weights
        self.vertexCount = vertexCount
    }

    /// Number of edges.
    public var edgeCount: Int { sources.count }

    /// Builds a graph with dense ids (`numVertices = vertexCount`).
    public func graph(directed: Bool, buildIncoming: Bool = false, forceWideIndices: Bool = false,
                      pool: ThreadPool = .shared) throws(PFError) -> CSRGraph {
        try GraphBuilder.build(sources: sources, targets: targets, weights: weights,
                               options: .init(directed: directed, numVertices: vertexCount,
                                              buildIncoming: buildIncoming,
                                              forceWideIndices: forceWideIndices),
                               pool: pool)
    }
}

/// Weights a generator attaches to edges.
public enum GeneratedWeights: Sendable, Equatable {
    /// No weights.
    case none
    /// Uniform doubles in [0, 1).
    case uniform01
    /// Uniform integers in `1 ... max` stored as doubles.
    case integer(max: Int)
}

/// Modifications applied to a generated edge list, in this order: copies into several
/// components, added self-loops, added multi-edges (duplicates of random existing
/// edges), added isolated vertices, weights.
public struct GeneratorExtras: Sendable, Equatable {
    /// Number of disjoint copies of the graph (>= 1); copy `k` has ids shifted by `k*V`.
    public var components: Int
    /// Self-loops added at random vertices.
    public var selfLoops: Int
    /// Duplicates of random existing edges appended.
    public var multiEdges: Int
    /// Isolated vertices appended (ids after all others).
    public var isolatedVertices: Int
    /// Weights to attach.
    public var weights: GeneratedWeights
    /// Seed for the random choices.
    public var seed: UInt64

    /// Creates extras (defaults change nothing).
    public init(components: Int = 1, selfLoops: Int = 0, multiEdges: Int = 0, isolatedVertices: Int = 0,
                weights: GeneratedWeights = .none, seed: UInt64 = 1) {
        self.components = components; self.selfLoops = selfLoops; self.multiEdges = multiEdges
        self.isolatedVertices = isolatedVertices; self.weights = weights; self.seed = seed
    }
}

extension EdgeList {
    /// Returns this edge list with `extras` applied (deterministic for a given seed).
    public func with(_ extras: GeneratorExtras) -> EdgeList {
        var rng = Xoshiro256(seed: extras.seed, stream: 0xE7)
        var s = sources, t = targets
        var V = vertexCount
        if extras.components > 1 {
            let E = s.count
            s.reserveCapacity(E * extras.components); t.reserveCapacity(E * extras.components)
            for k in 1..<extras.components {
                let off = Int64(k * V)
                for i in 0..<E { s.append(sources[i] + off); t.append(targets[i] + off) }
            }
            V *= extras.components
        }
        if V > 0 {
            for _ in 0..<max(0, extras.selfLoops) {
                let v = Int64(rng.nextInt(below: V)); s.append(v); t.append(v)
            }
        }
        let base = s.count
        if base > 0 {
            for _ in 0..<max(0, extras.multiEdges) {
                let i = rng.nextInt(below: base); s.append(s[i]); t.append(t[i])
            }
        }
        V += max(0, extras.isolatedVertices)
        var w: [Double]? = nil
        switch extras.weights {
        case .none:
            // Keep existing weights only if the edge count did not change.
            if let old = weights, old.count == s.count { w = old }
        case .uniform01:
            w = (0..<s.count).map { _ in rng.nextDouble() }
        case .integer(let m):
            let mm = max(1, m)
            w = (0..<s.count).map { _ in Double(1 + rng.nextInt(below: mm)) }
        }
        return EdgeList(sources: s, targets: t, weights: w, vertexCount: V)
    }
}
