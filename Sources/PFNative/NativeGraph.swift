import ParquetFrame
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Graph functions of the C ABI. See the "Graph" section of include/parquetframe.h.

/// The object behind an opaque `pf_graph*`.
final class GraphHandle {
    let frame: GraphFrame
    init(_ frame: GraphFrame) { self.frame = frame }

    static func make(_ frame: GraphFrame) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(GraphHandle(frame)).toOpaque())
    }

    static func get(_ p: OpaquePointer?) throws(PFError) -> GraphFrame {
        let p = try require(p, "graph")
        return Unmanaged<GraphHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue().frame
    }
}

/// Vertex ids of the C calls: original int64 ids, or dense indices on string-id graphs.
private func vertexIndex(_ g: GraphFrame, _ v: Int64) throws(PFError) -> Int {
    if g.hasStringIds {
        guard v >= 0 && v < Int64(g.graph.vertexCount) else {
            throw .invalidArgument("vertex index \(v) is out of range 0..<\(g.graph.vertexCount) (string-id graph)")
        }
        return Int(v)
    }
    return try g.index(of: .int(v))
}

private func vertexIndices(_ g: GraphFrame, _ p: UnsafePointer<Int64>?, _ n: Int64, _ what: String) throws(PFError) -> [Int] {
    guard n >= 0 else { throw .invalidArgument("\(what) count must be >= 0, got \(n)") }
    if n == 0 { return [] }
    let p = try require(p, what)
    var out: [Int] = []
    out.reserveCapacity(Int(n))
    for i in 0..<Int(n) { out.append(try vertexIndex(g, p[i])) }
    return out
}

private func depth(_ d: Int64) throws(PFError) -> Int? {
    if d == -1 { return nil }
    guard d >= 0 else { throw .invalidArgument("max_depth must be >= 0 or -1 (none), got \(d)") }
    return Int(clamping: d)
}

@_cdecl("pf_graph_from_edges_i64")
public func pf_graph_from_edges_i64(_ src: UnsafePointer<Int64>?, _ dst: UnsafePointer<Int64>?, _ n: Int64,
                                    _ weights: UnsafePointer<Double>?, _ numVertices: Int64, _ directed: Int32,
                                    _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_from_edges_i64") { () throws(PFError) in
        let out = try require(out, "out")
        guard n >= 0 else { throw .invalidArgument("edge count must be >= 0, got \(n)") }
        guard numVertices >= -1 else { throw .invalidArgument("num_vertices must be >= 0 or -1 (unknown), got \(numVertices)") }
        let count = Int(n)
        let s = count == 0 ? nil : try require(src, "src")
        let d = count == 0 ? nil : try require(dst, "dst")
        let options = GraphBuilder.Options(directed: directed != 0, numVertices: numVertices < 0 ? nil : Int(numVertices))
        let g = try GraphBuilder.build(sources: UnsafeBufferPointer(start: s, count: count),
                                       targets: UnsafeBufferPointer(start: d, count: count),
                                       weights: weights.map { UnsafeBufferPointer(start: $0, count: count) },
                                       options: options)
        out.pointee = GraphHandle.make(GraphFrame(graph: g, weightColumn: weights == nil ? nil : "weight"))
        Log.info("graph.from_edges: backend=swift vertices=\(g.vertexCount) edges=\(g.edgeCount)")
    }
}

@_cdecl("pf_graph_from_table")
public func pf_graph_from_table(_ t: OpaquePointer?, _ src: UnsafePointer<CChar>?, _ dst: UnsafePointer<CChar>?,
                                _ weight: UnsafePointer<CChar>?, _ directed: Int32,
                                _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_from_table") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let out = try require(out, "out")
        let s = String(cString: try require(src, "src")), d = String(cString: try require(dst, "dst"))
        let w = weight.map { String(cString: $0) }
        out.pointee = GraphHandle.make(try GraphFrame.from(table: table, src: s, dst: d, weight: w, directed: directed != 0))
    }
}

@_cdecl("pf_graph_free")
public func pf_graph_free(_ g: OpaquePointer?) {
    guard let g else { return }
    Unmanaged<GraphHandle>.fromOpaque(UnsafeRawPointer(g)).release()
}

@_cdecl("pf_graph_num_vertices")
public func pf_graph_num_vertices(_ g: OpaquePointer?) -> Int64 {
    (try? GraphHandle.get(g)).map { Int64($0.graph.vertexCount) } ?? -1
}

@_cdecl("pf_graph_num_edges")
public func pf_graph_num_edges(_ g: OpaquePointer?) -> Int64 {
    (try? GraphHandle.get(g)).map { Int64($0.graph.edgeCount) } ?? -1
}

@_cdecl("pf_graph_is_directed")
public func pf_graph_is_directed(_ g: OpaquePointer?) -> Int32 {
    (try? GraphHandle.get(g)).map { $0.graph.isDirected ? 1 : 0 } ?? -1
}

@_cdecl("pf_graph_is_weighted")
public func pf_graph_is_weighted(_ g: OpaquePointer?) -> Int32 {
    (try? GraphHandle.get(g)).map { $0.graph.isWeighted ? 1 : 0 } ?? -1
}

@_cdecl("pf_graph_id_type")
public func pf_graph_id_type(_ g: OpaquePointer?) -> Int32 {
    guard let f = try? GraphHandle.get(g) else { return -1 }
    if f.hasStringIds { return 2 }
    return f.graph.idMap == nil ? 0 : 1
}

@_cdecl("pf_graph_vertices")
public func pf_graph_vertices(_ g: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_vertices") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        try require(out, "out").pointee = TableHandle.make(try f.verticesTable())
    }
}

@_cdecl("pf_graph_edges")
public func pf_graph_edges(_ g: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_edges") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        try require(out, "out").pointee = TableHandle.make(try f.edgesTable())
    }
}

@_cdecl("pf_graph_bfs")
public func pf_graph_bfs(_ g: OpaquePointer?, _ sources: UnsafePointer<Int64>?, _ nSources: Int64,
                         _ maxDepth: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_bfs") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        let s = try vertexIndices(f, sources, nSources, "sources")
        out.pointee = TableHandle.make(try f.bfs(indices: s, maxDepth: try depth(maxDepth)))
        Log.info("graph.bfs: backend=swift sources=\(s.count)")
    }
}

@_cdecl("pf_graph_dfs")
public func pf_graph_dfs(_ g: OpaquePointer?, _ source: Int64, _ maxDepth: Int64,
                         _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_dfs") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        out.pointee = TableHandle.make(try f.dfs(index: try vertexIndex(f, source), maxDepth: try depth(maxDepth)))
        Log.info("graph.dfs: backend=swift")
    }
}

@_cdecl("pf_graph_pagerank")
public func pf_graph_pagerank(_ g: OpaquePointer?, _ alpha: Double, _ tol: Double, _ maxIter: Int64,
                              _ weighted: Int32, _ personalization: UnsafePointer<Double>?,
                              _ out: UnsafeMutablePointer<OpaquePointer?>?,
                              _ iterations: UnsafeMutablePointer<Int64>?,
                              _ converged: UnsafeMutablePointer<Int32>?) -> Int32 {
    guarded("pf_graph_pagerank") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        guard maxIter >= 0 else { throw .invalidArgument("max_iter must be >= 0, got \(maxIter)") }
        let V = f.graph.vertexCount
        let p = personalization.map { Array(UnsafeBufferPointer(start: $0, count: V)) }
        let options = PageRank.Options(alpha: alpha, tolerance: tol, maxIterations: Int(clamping: maxIter),
                                       personalization: p, weighted: weighted != 0)
        let r = try f.pagerank(options: options)
        out.pointee = TableHandle.make(r.table)
        iterations?.pointee = Int64(r.iterations)
        converged?.pointee = r.converged ? 1 : 0
        Log.info("graph.pagerank: backend=swift iterations=\(r.iterations) converged=\(r.converged)")
    }
}

@_cdecl("pf_graph_sssp")
public func pf_graph_sssp(_ g: OpaquePointer?, _ sources: UnsafePointer<Int64>?, _ n: Int64, _ weighted: Int32,
                          _ algorithm: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_sssp") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        let s = try vertexIndices(f, sources, n, "sources")
        let algo: ShortestPaths.Algorithm
        switch algorithm {
        case 0: algo = .dijkstra
        case 1: algo = .deltaStepping(delta: nil)
        default: throw .invalidArgument("algorithm must be 0 (dijkstra) or 1 (delta-stepping), got \(algorithm)")
        }
        if weighted != 0 && !f.graph.isWeighted {
            throw .invalidArgument("weighted shortest paths requested but the graph has no edge weights")
        }
        out.pointee = TableHandle.make(try f.shortestPaths(indices: s, weighted: weighted != 0, algorithm: algo))
        Log.info("graph.sssp: backend=swift sources=\(s.count)")
    }
}

@_cdecl("pf_graph_components")
public func pf_graph_components(_ g: OpaquePointer?, _ strong: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_components") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        try require(out, "out").pointee = TableHandle.make(try f.components(strong: strong != 0))
        Log.info("graph.components: backend=swift strong=\(strong != 0)")
    }
}

@_cdecl("pf_graph_degree")
public func pf_graph_degree(_ g: OpaquePointer?, _ mode: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_degree") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        let kind: CSRGraph.DegreeKind
        switch mode {
        case 0: kind = .out
        case 1: kind = .in
        case 2: kind = .total
        default: throw .invalidArgument("degree mode must be 0 (out), 1 (in) or 2 (total), got \(mode)")
        }
        out.pointee = TableHandle.make(try f.degrees(kind))
    }
}

@_cdecl("pf_graph_neighbors")
public func pf_graph_neighbors(_ g: OpaquePointer?, _ v: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_graph_neighbors") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        out.pointee = TableHandle.make(try f.neighbors(of: f.id(at: try vertexIndex(f, v))))
    }
}

@_cdecl("pf_graph_has_edge")
public func pf_graph_has_edge(_ g: OpaquePointer?, _ u: Int64, _ v: Int64, _ out: UnsafeMutablePointer<Int32>?) -> Int32 {
    guarded("pf_graph_has_edge") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        out.pointee = try f.graph.hasEdge(try vertexIndex(f, u), try vertexIndex(f, v)) ? 1 : 0
    }
}

@_cdecl("pf_graph_adjacency")
public func pf_graph_adjacency(_ g: OpaquePointer?, _ incoming: Int32,
                               _ offsets: UnsafeMutablePointer<UnsafePointer<Int64>?>?,
                               _ targets: UnsafeMutablePointer<UnsafeRawPointer?>?,
                               _ targetWidth: UnsafeMutablePointer<Int32>?,
                               _ weights: UnsafeMutablePointer<UnsafePointer<Double>?>?,
                               _ nOffsets: UnsafeMutablePointer<Int64>?,
                               _ nTargets: UnsafeMutablePointer<Int64>?) -> Int32 {
    guarded("pf_graph_adjacency") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let offsets = try require(offsets, "offsets"), targets = try require(targets, "targets")
        let width = try require(targetWidth, "target_width")
        let nOffsets = try require(nOffsets, "n_offsets"), nTargets = try require(nTargets, "n_targets")
        // The adjacency is owned by the graph (the in-CSC is cached on it), so the
        // pointers stay valid while the graph handle lives.
        let adj = incoming != 0 ? f.graph.incoming : f.graph.outgoing
        let raw = adj.rawBuffers
        offsets.pointee = UnsafePointer(raw.offsets.baseAddress.assumingMemoryBound(to: Int64.self))
        targets.pointee = UnsafeRawPointer(raw.targets.baseAddress)
        width.pointee = Int32(adj.indexWidth.byteWidth)
        weights?.pointee = raw.weights.map { UnsafePointer($0.baseAddress.assumingMemoryBound(to: Double.self)) }
        nOffsets.pointee = Int64(adj.vertexCount + 1)
        nTargets.pointee = Int64(adj.entryCount)
        Log.info("graph.adjacency: backend=swift incoming=\(incoming != 0) (zero-copy)")
    }
}

@_cdecl("pf_graph_summary")
public func pf_graph_summary(_ g: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_graph_summary") { () throws(PFError) in
        let f = try GraphHandle.get(g)
        let out = try require(out, "out")
        out.pointee = strdup(f.summaryJSON())
    }
}
