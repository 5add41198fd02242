import PFColumnar

/// PFGraph: graph algorithms over compressed sparse adjacency.
///
/// - ``CSRGraph`` holds a graph as an out-CSR (plus a lazily built in-CSC for directed
///   graphs) in 64-byte aligned raw buffers that can be exported without copies.
/// - ``GraphBuilder`` builds a graph from source/target id columns (dense ids or an
///   ``IdMap`` for arbitrary Int64 / String ids) with a parallel, stable counting sort.
/// - Kernels (one per file): ``BFS``, ``DFS``, ``PageRank``, ``ShortestPaths``
///   (Dijkstra and delta-stepping), ``ConnectedComponents`` (weak and strong), plus
///   queries (degrees, neighbours, `hasEdge`, induced subgraphs, summary statistics).
/// - Every kernel has an independent serial verifier (``BFSVerifier`` ...), used by
///   the tests and available to the CLI.
/// - ``GraphGenerators`` produce seeded, deterministic test graphs (RMAT, G(n,m), grid,
///   path, star, complete).
///
/// Results never depend on the number of threads: parallel loops write to disjoint
/// ranges and combine per-chunk results in chunk order.
public enum PFGraphModule {
    /// Module name, for diagnostics.
    public static let name = "PFGraph"
}
