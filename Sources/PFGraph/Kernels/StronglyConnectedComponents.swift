import PFColumnar

extension ConnectedComponents {
    /// Strongly connected components by Tarjan's algorithm with an explicit call stack
    /// (no recursion). Labels are the smallest vertex index of each component. For an
    /// undirected graph these equal the weak components.
    public static func strong(_ g: CSRGraph) -> Result {
        let out = g.outgoing
        return withExtendedLifetime(out) {
            switch out.indexWidth {
            case .uint32: return tarjan(AdjView<UInt32>(out))
            case .int64: return tarjan(AdjView<Int64>(out))
            }
        }
    }

    static func tarjan<T: VertexIndex>(_ adj: AdjView<T>) -> Result {
        let V = adj.vertexCount
        var index = [Int](repeating: -1, count: V)
        var low = [Int](repeating: 0, count: V)
        var onStack = [Bool](repeating: false, count: V)
        var comp = [Int](repeating: -1, count: V)
        var sccStack: [Int] = []
        var callV: [Int] = [], callPos: [Int] = []
        var counter = 0, compCount = 0
        var compMin: [Int] = []
        for root in 0..<V where index[root] < 0 {
            index[root] = counter; low[root] = counter; counter += 1
            sccStack.append(root); onStack[root] = true
            callV.append(root); callPos.append(adj.begin(root))
            while let v = callV.last {
                let top = callV.count - 1
                let p = callPos[top]
                if p < adj.end(v) {
                    callPos[top] = p + 1
                    let w = adj.target(p)
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        sccStack.append(w); onStack[w] = true
                        callV.append(w); callPos.append(adj.begin(w))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                callV.removeLast(); callPos.removeLast()
                if let parent = callV.last { low[parent] = min(low[parent], low[v]) }
                if low[v] == index[v] {
                    var m = Int.max
                    while let w = sccStack.popLast() {
                        onStack[w] = false
                        comp[w] = compCount
                        m = min(m, w)
                        if w == v { break }
                    }
                    compMin.append(m)
                    compCount += 1
                }
            }
        }
        let labels = comp.map { Int64(compMin[$0]) }
        return Result(labels: labels, componentCount: compCount)
    }
}
