/// Independent serial reference for ``PageRank``: a plain float64 power iteration that
/// *pushes* along out-edges (read back from the out-CSR as an edge list), with the same
/// networkx semantics and stopping rule.
public enum PageRankVerifier {
    /// Reference scores and iteration count.
    public static func reference(_ g: CSRGraph, options: PageRank.Options = .init()) -> (scores: [Double], iterations: Int) {
        let V = g.vertexCount
        guard V > 0 else { return ([], 0) }
        func norm(_ v: [Double]?) -> [Double]? {
            guard let v else { return nil }
            let s = v.reduce(0, +)
            return v.map { $0 / s }
        }
        let uniform = [Double](repeating: 1 / Double(V), count: V)
        let p = norm(options.personalization) ?? uniform
        var dw = p
        switch options.dangling {
        case .personalization: break
        case .uniform: dw = uniform
        case .custom(let c): dw = norm(c) ?? p
        }
        var edges: [(u: Int, v: Int, w: Double)] = []
        let useW = options.weighted && g.isWeighted
        for u in 0..<V {
            let ws = g.outgoing.weights(of: u)
            for (k, v) in g.outgoing.neighbors(of: u).enumerated() {
                edges.append((u, v, useW ? (ws?[k] ?? 1) : 1))
            }
        }
        var outW = [Double](repeating: 0, count: V)
        for e in edges { outW[e.u] += e.w }
        var x = norm(options.initial) ?? uniform
        var it = 0
        while it < options.maxIterations {
            it += 1
            var nx = [Double](repeating: 0, count: V)
            var dsum = 0.0
            for u in 0..<V where outW[u] == 0 { dsum += x[u] }
            for e in edges where outW[e.u] > 0 { nx[e.v] += options.alpha * x[e.u] * e.w / outW[e.u] }
            var err = 0.0
            for v in 0..<V {
                nx[v] += options.alpha * dsum * dw[v] + (1 - options.alpha) * p[v]
                err += abs(nx[v] - x[v])
            }
            x = nx
            if err < Double(V) * options.tolerance { break }
        }
        return (x, it)
    }

    /// Returns nil when `result` is within `l1Tolerance` (L1) of the reference.
    public static func verify(_ g: CSRGraph, options: PageRank.Options = .init(), result: PageRank.Result,
                              l1Tolerance: Double = 1e-9) -> String? {
        let ref = reference(g, options: options).scores
        guard ref.count == result.scores.count else {
            return "result has \(result.scores.count) scores for \(ref.count) vertices"
        }
        var l1 = 0.0
        for i in 0..<ref.count { l1 += abs(ref[i] - result.scores[i]) }
        if !(l1 <= l1Tolerance) { return "L1 distance to the reference is \(l1) (> \(l1Tolerance))" }
        return nil
    }
}
