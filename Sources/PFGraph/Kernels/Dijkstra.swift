extension ShortestPaths {
    /// Serial Dijkstra with a binary heap and lazy deletion.
    static func dijkstra<T: VertexIndex>(_ adj: AdjView<T>, _ sources: [Int]) -> [Double] {
        let V = adj.vertexCount
        var dist = [Double](repeating: .infinity, count: V)
        var heap = BinaryHeap()
        for s in sources where dist[s] != 0 { dist[s] = 0; heap.push(0, s) }
        while let (du, u) = heap.pop() {
            if du > dist[u] { continue }
            for i in adj.begin(u)..<adj.end(u) {
                let v = adj.target(i)
                let nd = du + adj.weight(i)
                if nd < dist[v] { dist[v] = nd; heap.push(nd, v) }
            }
        }
        return dist
    }
}
