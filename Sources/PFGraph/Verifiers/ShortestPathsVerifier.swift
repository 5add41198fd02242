/// Independent serial check of a ``ShortestPaths/Result``.
///
/// Distances are recomputed by Bellman–Ford-style label correcting over an explicit edge
/// list (a FIFO work queue, no heap), which converges to the same float64 least fixed
/// point. Predecessors are checked against the documented rule, with `hops` recomputed
/// by a plain BFS over tight edges.
public enum ShortestPathsVerifier {
    /// Returns nil when `result` is correct, otherwise the first problem.
    public static func verify(_ g: CSRGraph, sources: [Int], weighted: Bool = true,
                              result: ShortestPaths.Result, checkPredecessors: Bool = true) -> String? {
        let V = g.vertexCount
        guard result.distances.count == V, result.predecessors.count == V else { return "wrong result length" }
        let useW = weighted && g.isWeighted
        var adj = [[(v: Int, w: Double)]](repeating: [], count: V)
        for u in 0..<V {
            let ws = g.outgoing.weights(of: u)
            for (k, v) in g.outgoing.neighbors(of: u).enumerated() { adj[u].append((v, useW ? (ws?[k] ?? 1) : 1)) }
        }
        var dist = [Double](repeating: .infinity, count: V)
        var queue: [Int] = [], inQueue = [Bool](repeating: false, count: V)
        for s in sources { dist[s] = 0; if !inQueue[s] { inQueue[s] = true; queue.append(s) } }
        var head = 0
        while head < queue.count {
            let u = queue[head]; head += 1; inQueue[u] = false
            for (v, w) in adj[u] where dist[u] + w < dist[v] {
                dist[v] = dist[u] + w
                if !inQueue[v] { inQueue[v] = true; queue.append(v) }
            }
        }
        for v in 0..<V where dist[v] != result.distances[v] {
            return "vertex \(v): distance \(result.distances[v]), expected \(dist[v])"
        }
        guard checkPredecessors else { return nil }
        var hops = [Int](repeating: -1, count: V)
        var q: [Int] = []
        for s in sources where hops[s] < 0 { hops[s] = 0; q.append(s) }
        head = 0
        while head < q.count {
            let u = q[head]; head += 1
            for (v, w) in adj[u] where hops[v] < 0 && dist[u] + w == dist[v] { hops[v] = hops[u] + 1; q.append(v) }
        }
        var expected = [Int64](repeating: -1, count: V)
        for u in 0..<V where hops[u] >= 0 {
            for (v, w) in adj[u] where hops[v] == hops[u] + 1 && dist[u] + w == dist[v] {
                if expected[v] < 0 || Int64(u) < expected[v] { expected[v] = Int64(u) }
            }
        }
        for v in 0..<V where expected[v] != result.predecessors[v] {
            return "vertex \(v): predecessor \(result.predecessors[v]), expected \(expected[v])"
        }
        return nil
    }
}
