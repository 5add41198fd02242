extension ShortestPaths {
    /// Serial Dijkstra over a radix heap keyed on the IEEE-754 bit pattern of the
    /// (non-negative) tentative distance, with lazy deletion.
    ///
    /// With `predecessors`, the documented predecessor rule is folded into relaxation:
    /// each vertex keeps `hops` (fewest edges on a tight path found so far) and `pred`
    /// (smallest tight in-neighbour with `hops[u] == hops[v] - 1`). A strict improvement
    /// resets both; an equal distance (`du + w == dist[v]`) keeps the better
    /// `(hops, u)`. Vertices settle in non-decreasing distance, so every tight
    /// in-neighbour with a smaller distance has final `hops` when it relaxes. The only
    /// orders this cannot follow are rare ties: an equal-distance vertex settled later
    /// lowering `hops` of an already-settled vertex (zero-weight or absorbed edges), or
    /// an infinite weight making an edge "tight" to an unreachable vertex. Those cases set
    /// the returned predecessors to nil and the caller runs the general tight-edge pass
    /// (``predecessors(_:dist:sources:useWeights:pool:)``), so the result is always the
    /// rule's.
    static func dijkstra<T: VertexIndex>(_ adj: AdjView<T>, _ sources: [Int], predecessors wantPred: Bool)
        -> (distances: [Double], predecessors: [Int64]?) {
        let V = adj.vertexCount
        let ones: UnsafeMutablePointer<Double>?
        if adj.weights == nil {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, adj.entryCount))
            p.initialize(repeating: 1, count: Swift.max(1, adj.entryCount))
            ones = p
        } else {
            ones = nil
        }
        defer { ones?.deallocate() }
        let W = adj.weights ?? UnsafePointer(ones.unsafelyUnwrapped)
        let offsets = adj.offsets, targets = adj.targets

        var heap = RadixHeap()
        defer { heap.deallocate() }
        // Per vertex: hops (bit 62 set once settled) and predecessor, side by side so a
        // pop and an improvement each touch one cache line of them.
        let meta = UnsafeMutablePointer<Meta>.allocate(capacity: wantPred ? V : 0)
        defer { meta.deallocate() }
        if wantPred { meta.initialize(repeating: Meta(hops: -1, pred: -1), count: V) }
        var foldedOK = true
        let dist = [Double](unsafeUninitializedCapacity: V) { db, n in
            guard let D = db.baseAddress else { n = 0; return }
            D.initialize(repeating: .infinity, count: V)
            n = V
            for s in sources where D[s] != 0 {
                D[s] = 0
                if wantPred { meta[s].hops = 0 }
                heap.push((0.0 as Double).bitPattern, s)
            }
            if wantPred {
                while let e = heap.pop() {
                    let u = e.value
                    let du = D[u]
                    if e.key != du.bitPattern { continue }     // stale: a shorter entry was settled
                    let hu = meta[u].hops
                    meta[u].hops = hu | settledBit
                    let hu1 = hu + 1
                    let u64 = Int64(u)
                    var i = Int(offsets[u])
                    let end = Int(offsets[u + 1])
                    while i < end {
                        let v = Int(truncatingIfNeeded: targets[i])
                        let nd = du + W[i]
                        let dv = D[v]
                        if nd < dv {
                            D[v] = nd
                            meta[v] = Meta(hops: hu1, pred: u64)
                            heap.push(nd.bitPattern, v)
                        } else if nd == dv {
                            let hv = meta[v].hops & ~settledBit
                            if dv == .infinity {
                                foldedOK = false
                            } else if hu1 < hv {
                                if meta[v].hops & settledBit != 0 { foldedOK = false }
                                meta[v] = Meta(hops: hu1 | (meta[v].hops & settledBit), pred: u64)
                            } else if hu1 == hv && u64 < meta[v].pred {
                                meta[v].pred = u64
                            }
                        }
                        i += 1
                    }
                }
            } else {
                while let e = heap.pop() {
                    let u = e.value
                    let du = D[u]
                    if e.key != du.bitPattern { continue }
                    var i = Int(offsets[u])
                    let end = Int(offsets[u + 1])
                    while i < end {
                        let v = Int(truncatingIfNeeded: targets[i])
                        let nd = du + W[i]
                        if nd < D[v] { D[v] = nd; heap.push(nd.bitPattern, v) }
                        i += 1
                    }
                }
            }
        }
        guard wantPred && foldedOK else { return (dist, nil) }
        let pred = [Int64](unsafeUninitializedCapacity: V) { pb, n in
            for v in 0..<V { pb[v] = meta[v].pred }
            n = V
        }
        return (dist, pred)
    }

    /// Per-vertex state of the folded predecessor rule.
    struct Meta {
        var hops: Int
        var pred: Int64
    }

    /// Marks a settled vertex in `Meta.hops` (hops are < 2^62).
    @inline(__always) static var settledBit: Int { 1 << 62 }
}
