/// Independent serial check of a ``DFS/Result``.
///
/// Recomputes the pre-order with a different formulation — a stack of
/// `(vertex, parent, depth)` entries where each visited vertex pushes all its
/// neighbours in reverse order and already-visited entries are skipped when popped —
/// and compares order, predecessors and depths exactly.
public enum DFSVerifier {
    /// Returns nil when `result` is correct, otherwise a description of the first problem.
    public static func verify(_ g: CSRGraph, sources: [Int]?, maxDepth: Int? = nil,
                              result: DFS.Result) -> String? {
        let V = g.vertexCount
        var pred = [Int64](repeating: -1, count: V)
        var depth = [Int64](repeating: -1, count: V)
        var order: [Int64] = []
        let limit = Int64(maxDepth ?? Int.max)
        var stack: [(v: Int, parent: Int, d: Int64)] = []
        for s in sources ?? Array(0..<V) {
            stack.append((s, -1, 0))
            while let (v, p, d) = stack.popLast() {
                if depth[v] >= 0 { continue }
                depth[v] = d; pred[v] = Int64(p); order.append(Int64(v))
                if d < limit {
                    for w in g.outgoing.neighbors(of: v).reversed() where depth[w] < 0 {
                        stack.append((w, v, d + 1))
                    }
                }
            }
        }
        if order != result.order {
            let i = (0..<min(order.count, result.order.count)).first { order[$0] != result.order[$0] }
                ?? min(order.count, result.order.count)
            return "pre-order differs at position \(i) (lengths \(result.order.count) vs expected \(order.count))"
        }
        if let v = (0..<V).first(where: { pred[$0] != result.predecessors[$0] }) {
            return "vertex \(v): predecessor \(result.predecessors[v]), expected \(pred[v])"
        }
        if let v = (0..<V).first(where: { depth[$0] != result.depths[$0] }) {
            return "vertex \(v): depth \(result.depths[v]), expected \(depth[v])"
        }
        return nil
    }
}
