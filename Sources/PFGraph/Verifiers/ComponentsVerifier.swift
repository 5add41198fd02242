/// Independent serial checks of ``ConnectedComponents`` results.
///
/// Weak: BFS over an undirected adjacency list built from the stored edges, labelling
/// vertices in ascending order (so each label is the component's smallest vertex).
/// Strong: Kosaraju's two-pass algorithm (iterative DFS for the finishing order on the
/// graph, then sweeps over the transpose), a different method from the kernel's Tarjan.
public enum ComponentsVerifier {
    /// Reference weak labels.
    public static func weakLabels(_ g: CSRGraph) -> [Int64] {
        let V = g.vertexCount
        var und = [[Int]](repeating: [], count: V)
        for u in 0..<V { for v in g.outgoing.neighbors(of: u) { und[u].append(v); und[v].append(u) } }
        var label = [Int64](repeating: -1, count: V)
        for s in 0..<V where label[s] < 0 {
            label[s] = Int64(s)
            var q = [s], h = 0
            while h < q.count {
                let u = q[h]; h += 1
                for v in und[u] where label[v] < 0 { label[v] = Int64(s); q.append(v) }
            }
        }
        return label
    }

    /// Reference strong labels.
    public static func strongLabels(_ g: CSRGraph) -> [Int64] {
        let V = g.vertexCount
        let fwd = (0..<V).map { g.outgoing.neighbors(of: $0) }
        var rev = [[Int]](repeating: [], count: V)
        for u in 0..<V { for v in fwd[u] { rev[v].append(u) } }
        // Pass 1: finishing order.
        var seen = [Bool](repeating: false, count: V)
        var finish: [Int] = []
        for s in 0..<V where !seen[s] {
            seen[s] = true
            var stack: [(Int, Int)] = [(s, 0)]
            while !stack.isEmpty {
                let (u, k) = stack[stack.count - 1]
                if k < fwd[u].count {
                    stack[stack.count - 1].1 = k + 1
                    let v = fwd[u][k]
                    if !seen[v] { seen[v] = true; stack.append((v, 0)) }
                } else {
                    finish.append(u); stack.removeLast()
                }
            }
        }
        // Pass 2: sweep the transpose in reverse finishing order.
        var comp = [Int](repeating: -1, count: V)
        var members: [[Int]] = []
        for s in finish.reversed() where comp[s] < 0 {
            let c = members.count
            var list = [s]; comp[s] = c
            var h = 0
            while h < list.count {
                let u = list[h]; h += 1
                for v in rev[u] where comp[v] < 0 { comp[v] = c; list.append(v) }
            }
            members.append(list)
        }
        let mins = members.map { Int64($0.min() ?? 0) }
        return comp.map { mins[$0] }
    }

    /// Returns nil when `result` equals the reference weak labelling.
    public static func verifyWeak(_ g: CSRGraph, result: ConnectedComponents.Result) -> String? {
        check(weakLabels(g), result)
    }

    /// Returns nil when `result` equals the reference strong labelling.
    public static func verifyStrong(_ g: CSRGraph, result: ConnectedComponents.Result) -> String? {
        check(strongLabels(g), result)
    }

    static func check(_ ref: [Int64], _ r: ConnectedComponents.Result) -> String? {
        guard ref.count == r.labels.count else { return "result has \(r.labels.count) labels for \(ref.count) vertices" }
        if let v = (0..<ref.count).first(where: { ref[$0] != r.labels[$0] }) {
            return "vertex \(v): label \(r.labels[v]), expected \(ref[v])"
        }
        let count = (0..<ref.count).filter { ref[$0] == Int64($0) }.count
        if count != r.componentCount { return "component count \(r.componentCount), expected \(count)" }
        return nil
    }
}
