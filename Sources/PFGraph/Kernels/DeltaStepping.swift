import PFColumnar

extension ShortestPaths {
    /// Default Δ: the mean edge weight divided by the mean out-degree, at least
    /// 1e-3 of the mean weight (Meyer & Sanders suggest Θ(max weight / degree)).
    static func defaultDelta<T: VertexIndex>(_ adj: AdjView<T>) -> Double {
        guard adj.entryCount > 0, let w = adj.weights else { return 1 }
        var s = 0.0
        for i in 0..<adj.entryCount { s += w[i] }
        let mean = s / Double(adj.entryCount)
        let deg = Double(adj.entryCount) / Double(max(1, adj.vertexCount))
        let d = mean / max(1, deg)
        return d > 0 ? max(d, mean * 1e-3) : 1
    }

    /// Parallel Δ-stepping. Buckets hold vertices whose tentative distance fell in
    /// `[bΔ, (b+1)Δ)`; the current bucket is relaxed repeatedly until it stays empty.
    /// Stale entries are skipped; distances only decrease (atomic min on the bits of
    /// non-negative doubles), so the result equals Dijkstra's regardless of scheduling.
    static func deltaStepping<T: VertexIndex>(_ adj: AdjView<T>, _ sources: [Int], delta: Double?,
                                              pool: ThreadPool) -> [Double] {
        let V = adj.vertexCount
        let delta = delta ?? defaultDelta(adj)
        let inf = Int64(bitPattern: Double.infinity.bitPattern)
        let dist = AtomicArray(count: V, repeating: inf)
        defer { dist.deallocate() }
        @Sendable @inline(__always) func bucket(_ d: Double) -> Int {
            let b = d / delta
            return b < 1e18 ? Int(b) : Int(1e18)
        }
        var buckets: [Int: [Int]] = [:]
        for s in sources where dist.loadDouble(s) != 0 {
            dist.minDouble(s, 0)
            buckets[0, default: []].append(s)
        }
        while let b = buckets.keys.min() {
            var frontier = buckets.removeValue(forKey: b) ?? []
            while !frontier.isEmpty {
                let fr = UnsafeSendable(frontier)
                let parts = pool.parallelMap(0..<frontier.count, grain: 256) { r -> [(Int, Int)] in
                    var moved: [(Int, Int)] = []
                    for k in r {
                        let u = fr.value[k]
                        let du = dist.loadDouble(u)
                        if bucket(du) != b { continue }
                        for i in adj.begin(u)..<adj.end(u) {
                            let v = adj.target(i)
                            let nd = du + adj.weight(i)
                            if dist.minDouble(v, nd) { moved.append((bucket(nd), v)) }
                        }
                    }
                    return moved
                }
                frontier = []
                for part in parts {
                    for (nb, v) in part {
                        if nb == b { frontier.append(v) } else { buckets[nb, default: []].append(v) }
                    }
                }
            }
        }
        return (0..<V).map { dist.loadDouble($0) }
    }
}
