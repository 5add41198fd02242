extension ShortestPaths {
    /// Serial Dijkstra over an addressable radix heap (``IndexedRadixHeap``) keyed on the
    /// IEEE-754 bit pattern of the (non-negative) tentative distance: an improvement of
    /// a vertex already in the heap moves its entry (decrease-key), so there are no stale
    /// pops and each vertex is in the heap at most once.
    ///
    /// With `predecessors`, the documented predecessor rule is folded into relaxation:
    /// each vertex keeps `hops` (fewest edges on a tight path found so far) and `pred`
    /// (smallest tight in-neighbour with `hops[u] == hops[v] - 1`), packed into one word
    /// `hops << 32 | pred` so that `(hops, pred)` compares lexicographically as an
    /// integer. A strict improvement resets both; an equal distance (`du + w == dist[v]`)
    /// keeps the smaller `(hops, u)`. Vertices settle in non-decreasing distance, so
    /// every tight in-neighbour with a smaller distance has final `hops` when it relaxes.
    /// The only orders this cannot follow are rare ties: an equal-distance vertex
    /// settled later lowering `hops` of an already-settled vertex (zero-weight or absorbed
    /// edges), or an infinite weight making an edge "tight" to an unreachable vertex.
    /// Those cases (and graphs of 2^32 - 1 or more vertices, which do not pack) return
    /// nil predecessors and the caller runs the general tight-edge pass
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
        // Packing needs hops and pred (and the -1 sentinel 0xFFFF_FFFF) in 32 bits each.
        let fold = wantPred && UInt64(V) < 0xFFFF_FFFF

        var heap = IndexedRadixHeap(capacity: V)
        defer { heap.deallocate() }
        // Per vertex `hops << 32 | pred`; all ones = (-1, -1) before it is reached.
        let meta = UnsafeMutablePointer<UInt64>.allocate(capacity: fold ? V : 0)
        defer { meta.deallocate() }
        if fold { meta.initialize(repeating: UInt64.max, count: V) }
        var foldedOK = true
        let dist = [Double](unsafeUninitializedCapacity: V) { db, n in
            guard let D = db.baseAddress else { n = 0; return }
            D.initialize(repeating: .infinity, count: V)
            n = V
            for s in sources where D[s] != 0 {
                D[s] = 0
                if fold { meta[s] = 0xFFFF_FFFF }        // hops 0, pred -1
                heap.push((0.0 as Double).bitPattern, s)
            }
            if fold {
                while let e = heap.pop() {
                    let u = e.item
                    let du = Double(bitPattern: e.key)
                    // (hops[u] + 1, u) packed; hops[u] < V - 1 < 2^32 - 1.
                    let mine = (meta[u] & 0xFFFF_FFFF_0000_0000) &+ (1 << 32) | UInt64(truncatingIfNeeded: u)
                    var i = Int(offsets[u])
                    let end = Int(offsets[u + 1])
                    while i < end {
                        let v = Int(truncatingIfNeeded: targets[i])
                        let nd = du + W[i]
                        let dv = D[v]
                        if nd < dv {
                            D[v] = nd
                            meta[v] = mine
                            if dv == .infinity { heap.push(nd.bitPattern, v) } else { heap.decrease(v, nd.bitPattern) }
                        } else if nd == dv {
                            let old = meta[v]
                            if dv == .infinity {
                                foldedOK = false
                            } else if mine < old {
                                // Fewer hops for a settled vertex: its successors may
                                // already have used the old count.
                                if mine &>> 32 < old &>> 32 && !heap.contains(v) { foldedOK = false }
                                meta[v] = mine
                            }
                        }
                        i += 1
                    }
                }
            } else {
                while let e = heap.pop() {
                    let u = e.item
                    let du = Double(bitPattern: e.key)
                    var i = Int(offsets[u])
                    let end = Int(offsets[u + 1])
                    while i < end {
                        let v = Int(truncatingIfNeeded: targets[i])
                        let nd = du + W[i]
                        let dv = D[v]
                        if nd < dv {
                            D[v] = nd
                            if dv == .infinity { heap.push(nd.bitPattern, v) } else { heap.decrease(v, nd.bitPattern) }
                        }
                        i += 1
                    }
                }
            }
        }
        guard fold && foldedOK else { return (dist, nil) }
        let pred = [Int64](unsafeUninitializedCapacity: V) { pb, n in
            for v in 0..<V {
                let p = UInt32(truncatingIfNeeded: meta[v])
                pb[v] = p == UInt32.max ? -1 : Int64(p)
            }
            n = V
        }
        return (dist, pred)
    }
}
