import PFColumnar
import Synchronization

/// An immutable graph in compressed sparse row form.
///
/// - ``outgoing`` is the out-CSR: row `v` lists the targets of the edges leaving `v`,
///   in input edge order.
/// - ``incoming`` is the in-CSC (row `v` lists the sources of the edges entering `v`).
///   For an undirected graph it *is* ``outgoing`` (same object, no extra memory). For a
///   directed graph it is built on first use (by kernels that pull, such as PageRank and
///   bottom-up BFS) and cached; ``GraphBuilder`` can also build it eagerly.
///
/// **Undirected storage rule.** An undirected edge `{u, v}` with `u != v` is stored once
/// in each direction (`v` in row `u` and `u` in row `v`); a self-loop `{u, u}` is stored
/// **once**, in row `u`. So ``edgeCount`` counts input edges (self-loops once), while
/// `outgoing.entryCount == 2 * edgeCount - selfLoopCount`. This is the adjacency matrix
/// networkx builds for an undirected graph (`to_scipy_sparse_array`), so PageRank and
/// degree-weighted kernels agree with it. (networkx's `Graph.degree` counts a self-loop
/// twice; ``CSRGraph/degrees(_:)`` with `.total` does the same.)
///
/// Parallel edges (multi-edges) are kept, each stored separately.
///
/// Memory per direction: `(V+1)*8 + E*4` bytes (`E*8` for 2^32 or more vertices), plus
/// `E*8` for weights.
public final class CSRGraph: @unchecked Sendable {
    /// Number of vertices `V`; vertices are `0 ..< V`.
    public let vertexCount: Int
    /// Number of edges as given to the builder (an undirected edge counts once).
    public let edgeCount: Int
    /// Whether edges are directed.
    public let isDirected: Bool
    /// Number of self-loop edges (`u == u`) among the ``edgeCount`` edges.
    public let selfLoopCount: Int
    /// The out-CSR.
    public let outgoing: Adjacency
    /// Maps dense vertex indices back to the caller's ids, when the builder used one.
    public let idMap: IdMap?

    private let reverseCache: Mutex<Adjacency?>

    /// Assembles a graph from already-built parts (used by ``GraphBuilder`` and
    /// ``CSRGraph/inducedSubgraph(_:pool:)``).
    init(vertexCount: Int, edgeCount: Int, isDirected: Bool, selfLoopCount: Int,
         outgoing: Adjacency, incoming: Adjacency?, idMap: IdMap?) {
        self.vertexCount = vertexCount
        self.edgeCount = edgeCount
        self.isDirected = isDirected
        self.selfLoopCount = selfLoopCount
        self.outgoing = outgoing
        self.idMap = idMap
        self.reverseCache = Mutex(isDirected ? incoming : outgoing)
    }

    /// Whether edge weights are stored.
    public var isWeighted: Bool { outgoing.hasWeights }

    /// Width of the stored neighbour indices.
    public var indexWidth: IndexWidth { outgoing.indexWidth }

    /// Whether the in-CSC has been built (always true for undirected graphs).
    public var hasIncoming: Bool { reverseCache.withLock { $0 != nil } }

    /// The in-CSC, built (in parallel on `pool`) and cached on first use.
    public func incoming(pool: ThreadPool = .shared) -> Adjacency {
        if let r = reverseCache.withLock({ $0 }) { return r }
        let built = CountingSort.transpose(outgoing, pool: pool)
        return reverseCache.withLock { cached in
            if let c = cached { return c }
            cached = built
            return built
        }
    }

    /// The in-CSC with default pool (see ``incoming(pool:)``).
    public var incoming: Adjacency { incoming(pool: .shared) }

    /// Bytes held by the adjacency arrays (both directions when built).
    public var byteCount: Int {
        let r = reverseCache.withLock { $0 }
        if let r, r !== outgoing { return outgoing.byteCount + r.byteCount }
        return outgoing.byteCount
    }
}
