import PFColumnar

extension GraphFrame {
    /// Multi-source BFS: `vertex, distance, predecessor` for every vertex (distance and
    /// predecessor null when unreached; predecessor null for sources).
    public func bfs(sources: [VertexID], maxDepth: Int? = nil, pool: ThreadPool = .shared) throws(PFError) -> Table {
        try bfs(indices: try indices(of: sources), maxDepth: maxDepth, pool: pool)
    }

    /// BFS from dense vertex indices (see ``bfs(sources:maxDepth:pool:)``).
    public func bfs(indices: [Int], maxDepth: Int? = nil, pool: ThreadPool = .shared) throws(PFError) -> Table {
        guard !indices.isEmpty else { throw .invalidArgument("BFS needs at least one source") }
        let r = try BFS.output(graph, sources: indices, options: .init(maxDepth: maxDepth), pool: pool)
        return try GraphColumns.table([
            ("vertex", BFSColumns.vertices(self, pool: pool)),
            ("distance", BFSColumns.distances(r)),
            ("predecessor", BFSColumns.predecessors(r, self, pool: pool)),
        ])
    }

    /// DFS pre-order from `source`: `vertex, order, predecessor` for the visited
    /// vertices in discovery order (`order` = 0, 1, ...; predecessor null for the source).
    public func dfs(source: VertexID, maxDepth: Int? = nil) throws(PFError) -> Table {
        try dfs(index: try index(of: source), maxDepth: maxDepth)
    }

    /// DFS from a dense vertex index (see ``dfs(source:maxDepth:)``).
    public func dfs(index: Int, maxDepth: Int? = nil) throws(PFError) -> Table {
        let r = try DFS.run(graph, source: index, options: .init(maxDepth: maxDepth))
        let preds = r.order.map { r.predecessors[Int($0)] }
        return try GraphColumns.table([
            ("vertex", idColumn(r.order)),
            ("order", GraphColumns.int64(Array(0..<Int64(r.order.count)))),
            ("predecessor", idColumn(preds)),
        ])
    }

    /// PageRank (`vertex, rank`) plus the iteration count and whether it converged.
    /// `options.personalization` is indexed by dense vertex (vertex-column order).
    public func pagerank(options: PageRank.Options = PageRank.Options(),
                         pool: ThreadPool = .shared) throws(PFError) -> (table: Table, iterations: Int, converged: Bool) {
        let r = try PageRank.run(graph, options: options, pool: pool)
        let t = try GraphColumns.table([("vertex", vertexColumn()), ("rank", GraphColumns.float64(r.scores))])
        return (t, r.iterations, r.converged)
    }

    /// Shortest paths from the nearest source: `vertex, distance` (float64, null when
    /// unreachable) `, predecessor`. `weighted: false` (or an unweighted graph) counts hops.
    public func shortestPaths(sources: [VertexID], weighted: Bool = true,
                              algorithm: ShortestPaths.Algorithm = .dijkstra,
                              pool: ThreadPool = .shared) throws(PFError) -> Table {
        try shortestPaths(indices: try indices(of: sources), weighted: weighted, algorithm: algorithm, pool: pool)
    }

    /// Shortest paths from dense vertex indices (see ``shortestPaths(sources:weighted:algorithm:pool:)``).
    public func shortestPaths(indices: [Int], weighted: Bool = true,
                              algorithm: ShortestPaths.Algorithm = .dijkstra,
                              pool: ThreadPool = .shared) throws(PFError) -> Table {
        guard !indices.isEmpty else { throw .invalidArgument("shortest paths need at least one source") }
        let r = try ShortestPaths.run(graph, sources: indices,
                                      options: .init(algorithm: algorithm, weighted: weighted), pool: pool)
        return try GraphColumns.table([
            ("vertex", vertexColumn()),
            ("distance", GraphColumns.float64(r.distances, nullWhen: { !$0.isFinite })),
            ("predecessor", idColumn(r.predecessors)),
        ])
    }

    /// Weak (or strong) components: `vertex, component_id`, where the id is the
    /// smallest vertex id of the component (same type as `vertex`).
    public func components(strong: Bool = false, pool: ThreadPool = .shared) throws(PFError) -> Table {
        let r = strong ? ConnectedComponents.strong(graph) : ConnectedComponents.weak(graph, pool: pool)
        return try GraphColumns.table([("vertex", vertexColumn()), ("component_id", idColumn(r.labels))])
    }

    /// Degrees: `vertex, degree`.
    public func degrees(_ kind: CSRGraph.DegreeKind = .out, pool: ThreadPool = .shared) throws(PFError) -> Table {
        try GraphColumns.table([("vertex", vertexColumn()), ("degree", GraphColumns.int64(graph.degrees(kind, pool: pool)))])
    }

    /// Out-neighbours of `v` in CSR order: `neighbor`[, `weight`].
    public func neighbors(of v: VertexID) throws(PFError) -> Table {
        let i = try index(of: v)
        let n = try graph.outNeighbors(of: i).map { Int64($0) }
        var cols: [(String, ArrayData)] = [("neighbor", idColumn(n))]
        if let w = graph.outgoing.weights(of: i) { cols.append(("weight", GraphColumns.float64(w))) }
        return try GraphColumns.table(cols)
    }

    /// Whether an edge `u → v` exists (either direction when undirected).
    public func hasEdge(_ u: VertexID, _ v: VertexID) throws(PFError) -> Bool {
        try graph.hasEdge(try index(of: u), try index(of: v))
    }
}
