import PFColumnar

/// Summary statistics of a graph.
public struct GraphSummary: Sendable, Equatable {
    /// Vertices.
    public var vertexCount: Int
    /// Edges (undirected edges once).
    public var edgeCount: Int
    /// Whether the graph is directed.
    public var isDirected: Bool
    /// Self-loop edges.
    public var selfLoopCount: Int
    /// Parallel edges beyond the first between the same ordered pair (directed) or
    /// unordered pair (undirected): `edgeCount - distinct pairs`.
    public var multiEdgeCount: Int
    /// Vertices with total degree 0.
    public var isolatedCount: Int
    /// Minimum, maximum and mean of the degree used for the histogram.
    public var minDegree: Int64, maxDegree: Int64, meanDegree: Double
    /// `(degree, vertex count)` pairs, ascending by degree, for the degree kind chosen.
    public var degreeHistogram: [DegreeBin]

    /// One histogram bin.
    public struct DegreeBin: Sendable, Equatable {
        /// Degree.
        public var degree: Int64
        /// Vertices with that degree.
        public var count: Int
    }
}

extension CSRGraph {
    /// Summary statistics; degrees are `.out` for directed graphs by default and networkx's
    /// `.total` (self-loops count 2) for undirected ones when `kind` is nil.
    public func summary(degreeKind kind: DegreeKind? = nil, pool: ThreadPool = .shared) -> GraphSummary {
        let k = kind ?? (isDirected ? .out : .total)
        let deg = degrees(k, pool: pool)
        let total = k == .total ? deg : degrees(.total, pool: pool)
        var hist: [Int64: Int] = [:]
        for d in deg { hist[d, default: 0] += 1 }
        let bins = hist.keys.sorted().map { GraphSummary.DegreeBin(degree: $0, count: hist[$0] ?? 0) }
        // Distinct pairs per row: sort each row's kept targets.
        let out = outgoing
        let directed = isDirected
        let distinct = out.withView { a -> Int in
            pool.parallelMap(0..<vertexCount, grain: 2048) { r -> Int in
                var c = 0
                var row: [Int] = []
                for u in r {
                    row.removeAll(keepingCapacity: true)
                    for i in a.begin(u)..<a.end(u) {
                        let v = a.target(i)
                        if directed || v >= u { row.append(v) }
                    }
                    row.sort()
                    for j in 0..<row.count where j == 0 || row[j] != row[j - 1] { c += 1 }
                }
                return c
            }.reduce(0, +)
        }
        let V = vertexCount
        return GraphSummary(
            vertexCount: V, edgeCount: edgeCount, isDirected: isDirected, selfLoopCount: selfLoopCount,
            multiEdgeCount: edgeCount - distinct,
            isolatedCount: total.filter { $0 == 0 }.count,
            minDegree: deg.min() ?? 0, maxDegree: deg.max() ?? 0,
            meanDegree: V == 0 ? 0 : Double(deg.reduce(0, +)) / Double(V),
            degreeHistogram: bins)
    }
}
