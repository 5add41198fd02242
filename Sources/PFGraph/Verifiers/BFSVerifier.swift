/// Independent serial check of a ``BFS/Result`` (GAP-style verifier).
///
/// Recomputes distances with a plain FIFO BFS over the out-neighbours and checks:
/// distances are equal; every source has predecessor -1; every other reached vertex's
/// predecessor `p` has an edge `p → v` and distance `d(v) - 1`; and (when `strict`)
/// `p` is the vertex the documented rule selects: for a directed graph the smallest such
/// in-neighbour, for an undirected graph the first such neighbour in `v`'s row.
public enum BFSVerifier {
    /// Returns nil when `result` is correct, otherwise a description of the first problem.
    public static func verify(_ g: CSRGraph, sources: [Int], maxDepth: Int? = nil,
                              result: BFS.Result, strict: Bool = true) -> String? {
        let V = g.vertexCount
        guard result.distances.count == V, result.predecessors.count == V else {
            return "result has \(result.distances.count) distances / \(result.predecessors.count) predecessors for \(V) vertices"
        }
        let adj = (0..<V).map { g.outgoing.neighbors(of: $0) }
        var dist = [Int64](repeating: -1, count: V)
        var queue: [Int] = []
        for s in sources where dist[s] < 0 { dist[s] = 0; queue.append(s) }
        var head = 0
        let limit = Int64(maxDepth ?? Int.max)
        while head < queue.count {
            let u = queue[head]; head += 1
            if dist[u] >= limit { continue }
            for v in adj[u] where dist[v] < 0 { dist[v] = dist[u] + 1; queue.append(v) }
        }
        for v in 0..<V where dist[v] != result.distances[v] {
            return "vertex \(v): distance \(result.distances[v]), expected \(dist[v])"
        }
        let isSource = Set(sources)
        // Expected predecessor per the documented rule.
        var expected = [Int64](repeating: -1, count: V)
        if g.isDirected {
            for u in 0..<V {
                for v in adj[u] where dist[v] > 0 && dist[u] == dist[v] - 1 && !isSource.contains(v) {
                    if expected[v] < 0 || Int64(u) < expected[v] { expected[v] = Int64(u) }
                }
            }
        } else {
            for v in 0..<V where dist[v] > 0 {
                if let u = adj[v].first(where: { dist[$0] == dist[v] - 1 }) { expected[v] = Int64(u) }
            }
        }
        for v in 0..<V {
            let p = result.predecessors[v]
            if dist[v] <= 0 {
                if p != -1 { return "vertex \(v) (source or unreached) has predecessor \(p)" }
                continue
            }
            guard p >= 0 && p < V else { return "vertex \(v): predecessor \(p) out of range" }
            guard dist[Int(p)] == dist[v] - 1 else {
                return "vertex \(v) at distance \(dist[v]): predecessor \(p) is at distance \(dist[Int(p)])"
            }
            guard adj[Int(p)].contains(v) else { return "vertex \(v): predecessor \(p) has no edge to it" }
            if strict && p != expected[v] {
                return "vertex \(v): predecessor \(p), rule selects \(expected[v])"
            }
        }
        return nil
    }
}
