import PFColumnar

/// Iterative depth-first search in pre-order (explicit stack; no recursion, so a path of
/// ten million vertices is fine).
///
/// Neighbours are tried in out-CSR order (input edge order), which reproduces
/// `networkx.dfs_preorder_nodes` / `dfs_predecessors` for a graph whose adjacency has
/// the same order. Parallel edges and self-loops change nothing (visited vertices are
/// skipped). With several sources (or none, meaning every vertex in index order), each
/// not-yet-visited source starts a new tree, as networkx does.
///
/// `maxDepth` follows networkx's `depth_limit`: vertices whose depth *in the DFS tree*
/// exceeds it are not visited from that branch (they may be reached from another).
public enum DFS {
    /// DFS options.
    public struct Options: Sendable, Equatable {
        /// Maximum tree depth (source = 0); nil = unlimited.
        public var maxDepth: Int?
        /// Creates options.
        public init(maxDepth: Int? = nil) { self.maxDepth = maxDepth }
    }

    /// DFS output.
    public struct Result: Sendable, Equatable {
        /// Vertices in discovery (pre-)order.
        public var order: [Int64]
        /// DFS-tree parent per vertex; -1 for roots and unvisited vertices.
        public var predecessors: [Int64]
        /// Depth in the DFS tree per vertex; -1 when unvisited.
        public var depths: [Int64]
    }

    /// DFS from one source.
    public static func run(_ g: CSRGraph, source: Int, options: Options = Options()) throws(PFError) -> Result {
        try run(g, sources: [source], options: options)
    }

    /// DFS from each source in turn (nil: from every vertex in index order).
    public static func run(_ g: CSRGraph, sources: [Int]?, options: Options = Options()) throws(PFError) -> Result {
        let V = g.vertexCount
        if let sources {
            for (i, s) in sources.enumerated() where s < 0 || s >= V {
                throw .invalidArgument("DFS source at index \(i) is \(s): must be in 0..<\(V)")
            }
        }
        if let m = options.maxDepth, m < 0 { throw .invalidArgument("maxDepth must be >= 0, got \(m)") }
        let out = g.outgoing
        return withExtendedLifetime(out) {
            switch out.indexWidth {
            case .uint32: return search(AdjView<UInt32>(out), sources, options)
            case .int64: return search(AdjView<Int64>(out), sources, options)
            }
        }
    }

    static func search<T: VertexIndex>(_ adj: AdjView<T>, _ sources: [Int]?, _ options: Options) -> Result {
        let V = adj.vertexCount
        var pred = [Int64](repeating: -1, count: V)
        var depth = [Int64](repeating: -1, count: V)
        var order: [Int64] = []
        order.reserveCapacity(sources == nil ? V : 16)
        let limit = options.maxDepth ?? Int.max
        // Stack of (vertex, next edge position); the depth of an entry is its index.
        var stackV: [Int] = [], stackPos: [Int] = []
        func visit(_ root: Int) {
            guard depth[root] < 0 else { return }
            depth[root] = 0
            order.append(Int64(root))
            guard limit > 0 else { return }
            stackV.append(root); stackPos.append(adj.begin(root))
            while let u = stackV.last {
                let top = stackV.count - 1
                var p = stackPos[top]
                let e = adj.end(u)
                var pushed = false
                while p < e {
                    let v = adj.target(p)
                    p += 1
                    if depth[v] < 0 {
                        stackPos[top] = p
                        let dv = top + 1
                        depth[v] = Int64(dv)
                        pred[v] = Int64(u)
                        order.append(Int64(v))
                        if dv < limit { stackV.append(v); stackPos.append(adj.begin(v)) }
                        pushed = true
                        break
                    }
                }
                if !pushed { stackV.removeLast(); stackPos.removeLast() }
            }
        }
        if let sources { for s in sources { visit(s) } } else { for s in 0..<V { visit(s) } }
        return Result(order: order, predecessors: pred, depths: depth)
    }
}
