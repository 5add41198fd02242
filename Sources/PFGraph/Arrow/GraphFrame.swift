import PFColumnar

/// A vertex id as the caller knows it: an integer or a string.
public enum VertexID: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral {
    /// An integer id.
    case int(Int64)
    /// A string id.
    case string(String)

    /// Creates an integer id.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// Creates a string id.
    public init(stringLiteral value: String) { self = .string(value) }

    /// The id as text.
    public var description: String {
        switch self { case .int(let v): return String(v); case .string(let s): return "'\(s)'" }
    }
}

/// A graph built from Arrow columns, with its vertex ids.
///
/// Wraps a ``CSRGraph`` (dense vertices `0 ..< V`) and reports every result as a
/// ``Table`` whose vertex columns hold the *original* ids:
///
/// - integer ids that are exactly `0 ... max` (or any non-negative ids when a vertex
///   count is given) are used as vertex indices directly (vertex column int64);
/// - other integer ids are mapped through the graph's ``IdMap`` (sorted ids; int64);
/// - string ids are mapped through an ``IdMap`` (UTF-8 byte order; utf8).
///
/// Result tables (vertex-typed columns have the id type; "null" is an Arrow null):
///
/// | method | columns |
/// |---|---|
/// | ``bfs(sources:maxDepth:pool:)`` | vertex, distance int64 (null unreached), predecessor (null for sources/unreached) |
/// | ``dfs(source:maxDepth:)`` | vertex, order int64, predecessor — visited vertices in pre-order |
/// | ``pagerank(options:pool:)`` | vertex, rank float64 |
/// | ``shortestPaths(sources:weighted:algorithm:pool:)`` | vertex, distance float64 (null unreached), predecessor |
/// | ``components(strong:pool:)`` | vertex, component_id (smallest vertex id of the component) |
/// | ``degrees(_:pool:)`` | vertex, degree int64 |
/// | ``neighbors(of:)`` | neighbor[, weight float64] |
///
/// Predecessors and tie-breaking follow the kernels' documented rules (``BFS``,
/// ``DFS``, ``ShortestPaths``); since mapped ids are sorted, "smallest index" is also
/// "smallest original id".
public final class GraphFrame: Sendable {
    /// The graph over dense vertex indices.
    public let graph: CSRGraph
    /// The name of the weight column the graph was built with (nil: unweighted).
    public let weightColumn: String?

    /// Wraps a built graph.
    public init(graph: CSRGraph, weightColumn: String? = nil) {
        self.graph = graph
        self.weightColumn = graph.isWeighted ? (weightColumn ?? "weight") : nil
    }

    /// Whether vertex ids are strings.
    public var hasStringIds: Bool {
        if let m = graph.idMap, case .string = m.keys { return true }
        return false
    }

    /// The Arrow type of vertex columns (int64 or utf8).
    public var idType: DataType { hasStringIds ? .utf8 : .int64 }

    // MARK: construction

    /// Builds a graph from the edge table `table` (columns `src`, `dst` and optionally
    /// the float64 weight column `weight`).
    public static func from(table: Table, src: String = "src", dst: String = "dst", weight: String? = nil,
                            directed: Bool = true, pool: ThreadPool = .shared) throws(PFError) -> GraphFrame {
        let s = try table.column(named: src), d = try table.column(named: dst)
        let w = try weight.map { (name) throws(PFError) in try table.column(named: name) }
        return try from(sources: s, targets: d, weights: w, directed: directed, srcName: src, dstName: dst,
                        weightName: weight, pool: pool)
    }

    /// Builds a graph from chunked id columns and an optional weight column.
    ///
    /// - Parameter numVertices: integer ids only: use the ids as vertex indices in
    ///   `0 ..< numVertices` (ids outside are errors).
    public static func from(sources: [ArrayData], targets: [ArrayData], weights: [ArrayData]? = nil,
                            directed: Bool = true, numVertices: Int? = nil, srcName: String = "src",
                            dstName: String = "dst", weightName: String? = nil,
                            pool: ThreadPool = .shared) throws(PFError) -> GraphFrame {
        let s = try ArrowEdgeColumns.ids(sources, name: srcName)
        let t = try ArrowEdgeColumns.ids(targets, name: dstName)
        guard s.count == t.count else {
            throw .invalidArgument("column '\(srcName)' has \(s.count) values but '\(dstName)' has \(t.count)")
        }
        let wname = weightName ?? "weight"
        let w = try weights.map { (c) throws(PFError) in try ArrowEdgeColumns.weights(c, name: wname) }
        if let w, w.count != s.count {
            throw .invalidArgument("weight column '\(wname)' has \(w.count) values for \(s.count) edges")
        }
        let options = GraphBuilder.Options(directed: directed, numVertices: numVertices)
        let g: CSRGraph
        switch (s, t) {
        case (.int64(let a), .int64(let b)):
            g = try GraphBuilder.build(sources: a, targets: b, weights: w, options: options, pool: pool)
        case (.string(let a), .string(let b)):
            if numVertices != nil { throw .invalidArgument("numVertices applies to integer ids only") }
            g = try GraphBuilder.build(sourceIds: a, targetIds: b, weights: w, options: options, pool: pool)
        default:
            throw .invalidArgument("columns '\(srcName)' and '\(dstName)' must both hold integers or both strings")
        }
        Log.info("graph.build: backend=swift vertices=\(g.vertexCount) edges=\(g.edgeCount) directed=\(directed)")
        return GraphFrame(graph: g, weightColumn: weights == nil ? nil : wname)
    }

    // MARK: ids

    /// The dense index of `id`; throws when the graph has no such vertex.
    public func index(of id: VertexID) throws(PFError) -> Int {
        let V = graph.vertexCount
        switch (id, graph.idMap?.keys) {
        case (.int(let v), nil):
            guard v >= 0 && v < Int64(V) else { throw .invalidArgument("vertex \(v) is not in the graph (ids 0..<\(V))") }
            return Int(v)
        case (.int(let v), .int64?):
            guard let i = graph.idMap?.index(of: v) else { throw .invalidArgument("vertex \(v) is not in the graph") }
            return i
        case (.string(let s), .string?):
            guard let i = graph.idMap?.index(of: s) else { throw .invalidArgument("vertex '\(s)' is not in the graph") }
            return i
        case (.string(let s), _):
            throw .invalidArgument("vertex '\(s)' is a string but the graph has integer ids")
        case (.int(let v), .string?):
            throw .invalidArgument("vertex \(v) is an integer but the graph has string ids")
        }
    }

    /// The dense indices of `ids`.
    public func indices(of ids: [VertexID]) throws(PFError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(ids.count)
        for id in ids { out.append(try index(of: id)) }
        return out
    }

    /// The original id of dense vertex `i`.
    public func id(at i: Int) -> VertexID {
        switch graph.idMap?.keys {
        case nil: return .int(Int64(i))
        case .int64(let k)?: return .int(k[i])
        case .string(let k)?: return .string(k[i])
        }
    }

    /// The ids of all vertices, in vertex (dense index) order.
    public func vertexColumn() -> ArrayData {
        switch graph.idMap?.keys {
        case nil:
            return GraphColumns.int64(Array(0..<Int64(graph.vertexCount)))
        case .int64(let k)?:
            return GraphColumns.int64(k)
        case .string(let k)?:
            return GraphColumns.strings(k.indices, k, valid: { _ in true })
        }
    }

    /// A column of ids for dense `indices`; negative indices become nulls.
    public func idColumn(_ indices: [Int64]) -> ArrayData {
        switch graph.idMap?.keys {
        case nil:
            return GraphColumns.int64(indices, nullWhen: { $0 < 0 })
        case .int64(let k)?:
            return GraphColumns.int64(indices.map { $0 < 0 ? -1 : k[Int($0)] }, valid: indices.map { $0 >= 0 })
        case .string(let k)?:
            return GraphColumns.strings(indices.indices, k, index: { Int(indices[$0]) }, valid: { indices[$0] >= 0 })
        }
    }

    /// The vertex table: one column `vertex` with every vertex id.
    public func verticesTable() throws(PFError) -> Table {
        try GraphColumns.table([("vertex", vertexColumn())])
    }

    /// The out-CSR as an edge table `src`, `dst`[, weight] (rows grouped by source;
    /// an undirected edge `{u, v}` appears once per stored direction).
    public func edgesTable() throws(PFError) -> Table {
        let out = graph.outgoing
        var srcIdx: [Int64] = [], dstIdx: [Int64] = []
        srcIdx.reserveCapacity(out.entryCount); dstIdx.reserveCapacity(out.entryCount)
        out.withUnsafeOffsets { o in
            out.withUnsafeTargets { t in
                for u in 0..<out.vertexCount {
                    for i in Int(o[u])..<Int(o[u + 1]) { srcIdx.append(Int64(u)); dstIdx.append(Int64(t[i])) }
                }
            }
        }
        var cols: [(String, ArrayData)] = [("src", idColumn(srcIdx)), ("dst", idColumn(dstIdx))]
        if let w = out.withUnsafeWeights({ $0.map { Array($0) } }) {
            cols.append((weightColumn ?? "weight", GraphColumns.float64(w)))
        }
        return try GraphColumns.table(cols)
    }
}
