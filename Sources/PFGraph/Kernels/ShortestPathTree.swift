import PFColumnar

extension ShortestPaths {
    /// Deterministic predecessors from final distances (rule in ``ShortestPaths``):
    /// a level-synchronous pass over tight edges gives `hops`, then each vertex takes
    /// its smallest tight in-neighbour one hop closer.
    static func predecessors(_ g: CSRGraph, dist: [Double], sources: [Int], useWeights: Bool,
                             pool: ThreadPool) -> [Int64] {
        let V = g.vertexCount
        let out = g.outgoing, inn = g.incoming(pool: pool)
        return withExtendedLifetime((out, inn)) {
            switch out.indexWidth {
            case .uint32: return tree(AdjView<UInt32>(out), AdjView<UInt32>(inn), dist, sources, useWeights, V, pool)
            case .int64: return tree(AdjView<Int64>(out), AdjView<Int64>(inn), dist, sources, useWeights, V, pool)
            }
        }
    }

    static func tree<T: VertexIndex>(_ out: AdjView<T>, _ inn: AdjView<T>, _ distArr: [Double], _ sources: [Int],
                                     _ useWeights: Bool, _ V: Int, _ pool: ThreadPool) -> [Int64] {
        let hops = AtomicArray(count: V, repeating: -1)
        defer { hops.deallocate() }
        return distArr.withUnsafeBufferPointer { db in
            let dist = UnsafeSendable(db)
            @Sendable @inline(__always) func w<U: VertexIndex>(_ a: AdjView<U>, _ i: Int) -> Double {
                useWeights ? a.weight(i) : 1
            }
            var frontier: [Int] = []
            for s in sources where hops.load(s) < 0 { hops.store(s, 0); frontier.append(s) }
            var h: Int64 = 0
            while !frontier.isEmpty {
                let fr = UnsafeSendable(frontier), hh = h
                frontier = pool.parallelMap(0..<frontier.count, grain: 256) { r -> [Int] in
                    var q: [Int] = []
                    for k in r {
                        let u = fr.value[k]
                        let du = dist.value[u]
                        for i in out.begin(u)..<out.end(u) {
                            let v = out.target(i)
                            if du + w(out, i) == dist.value[v] && hops.load(v) < 0
                                && hops.compareExchange(v, expected: -1, desired: hh + 1) {
                                q.append(v)
                            }
                        }
                    }
                    return q
                }.flatMap { $0 }
                h += 1
            }
            var pred = [Int64](repeating: -1, count: V)
            pred.withUnsafeMutableBufferPointer { pb in
                let ps = UnsafeSendable(pb)
                pool.parallelFor(0..<V, grain: 2048) { _, r in
                    for v in r {
                        let hv = hops.load(v)
                        guard hv > 0 else { continue }
                        var best = Int.max
                        for i in inn.begin(v)..<inn.end(v) {
                            let u = inn.target(i)
                            if u < best && hops.load(u) == hv - 1 && dist.value[u] + w(inn, i) == dist.value[v] {
                                best = u
                            }
                        }
                        ps.value[v] = Int64(best)
                    }
                }
            }
            return pred
        }
    }
}
