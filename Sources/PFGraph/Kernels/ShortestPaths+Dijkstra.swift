import CArrowABI    // pf_prefetch

extension ShortestPaths {
    /// Serial Dijkstra over an addressable radix heap (``IndexedRadixHeap``) keyed on the
    /// IEEE-754 bit pattern of the (non-negative) tentative distance: an improvement of
    /// a vertex already in the heap moves its entry (decrease-key), so there are no stale
    /// pops and each vertex is in the heap at most once.
    ///
    /// The loop is bound by cache misses on random vertices (measured with perf: the row
    /// of each popped vertex, `dist[v]` of its targets, heap positions), so it keeps as
    /// many misses in flight as it can, with software prefetch (`pf_prefetch`):
    /// - a row is relaxed in chunks of two passes: a branch-free scan loads `dist[v]`
    ///   for every edge of the chunk (independent loads the CPU overlaps; a branch per
    ///   edge would mispredict and serialise them), prefetches each target's heap
    ///   position, and keeps the edges with `dist[u] + w <= dist[v]`; the second pass
    ///   applies the updates to those few candidates;
    /// - ``IndexedRadixHeap/peekTwo()`` names the next pops while the current vertex is
    ///   relaxed: the second one's offsets and the first one's edges and target distances
    ///   are prefetched, so its row is in cache when it is popped.
    /// Prefetches are hints only: the result does not depend on them.
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
        // Edge indices (relative to the chunk start) that may improve their target.
        let cand = UnsafeMutablePointer<Int>.allocate(capacity: relaxChunk)
        defer { cand.deallocate() }
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
                settle(true, &heap, D, meta, offsets, targets, W, cand, &foldedOK)
            } else {
                settle(false, &heap, D, meta, offsets, targets, W, cand, &foldedOK)
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

    /// Edges relaxed per two-pass chunk (bounds the candidate buffer).
    private static let relaxChunk = 64

    /// The main loop of ``dijkstra(_:_:predecessors:)``. `fold` is a literal at both call
    /// sites, so each inlined copy drops the other's work.
    @inline(__always)
    private static func settle<T: VertexIndex>(_ fold: Bool, _ heap: inout IndexedRadixHeap,
                                               _ D: UnsafeMutablePointer<Double>, _ meta: UnsafeMutablePointer<UInt64>,
                                               _ offsets: UnsafePointer<Int64>, _ targets: UnsafePointer<T>,
                                               _ W: UnsafePointer<Double>, _ cand: UnsafeMutablePointer<Int>,
                                               _ foldedOK: inout Bool) {
        while let e = heap.pop() {
            let u = e.item
            let du = Double(bitPattern: e.key)
            // The next pops' rows and state: the second one's offsets, the first one's
            // edges (its offsets were prefetched one pop earlier).
            let (next, after) = heap.peekTwo()
            if after >= 0 {
                pf_prefetch(offsets + after)
                if fold { pf_prefetch(meta + after) }
            }
            var nextLo = 0, nextHi = 0
            if next >= 0 {
                nextLo = Int(offsets[next]); nextHi = Int(offsets[next &+ 1])
                prefetchLines(targets + nextLo, bytes: (nextHi &- nextLo) &* MemoryLayout<T>.stride)
                prefetchLines(W + nextLo, bytes: (nextHi &- nextLo) &* 8)
                if fold { pf_prefetch(meta + next) }
            }
            // (hops[u] + 1, u) packed; hops[u] < V - 1 < 2^32 - 1.
            let mine = fold ? (meta[u] & 0xFFFF_FFFF_0000_0000) &+ (1 << 32) | UInt64(truncatingIfNeeded: u) : 0
            var i = Int(offsets[u])
            let end = Int(offsets[u + 1])
            while i < end {
                let stop = Swift.min(end, i &+ relaxChunk)
                // Pass 1: branch-free, so the loads of D[v] overlap; the position of
                // each target is prefetched for a push or decrease in pass 2.
                var c = 0
                var k = i
                while k < stop {
                    let v = Int(truncatingIfNeeded: targets[k])
                    heap.prefetch(v)
                    cand[c] = k &- i
                    c &+= du + W[k] <= D[v] ? 1 : 0
                    k &+= 1
                }
                if fold {
                    for j in 0..<c { pf_prefetch(meta + Int(truncatingIfNeeded: targets[i &+ cand[j]])) }
                }
                // The next pop's target distances (its row was prefetched above), once
                // per vertex, fetched while pass 2 waits on the heap.
                var k2 = nextLo
                let stop2 = Swift.min(nextHi, nextLo &+ 32)
                while k2 < stop2 {
                    pf_prefetch(D + Int(truncatingIfNeeded: targets[k2]))
                    k2 &+= 1
                }
                nextHi = 0
                // Pass 2: the updates (D[v] is re-read: a duplicate edge may have lowered it).
                for j in 0..<c {
                    let k = i &+ cand[j]
                    let v = Int(truncatingIfNeeded: targets[k])
                    let nd = du + W[k]
                    let dv = D[v]
                    if nd < dv {
                        D[v] = nd
                        if fold { meta[v] = mine }
                        if dv == .infinity { heap.push(nd.bitPattern, v) } else { heap.decrease(v, nd.bitPattern) }
                    } else if fold && nd == dv {
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
                }
                i = stop
            }
        }
    }

    /// Prefetches the first cache lines (at most four) of `bytes` bytes at `p`.
    @inline(__always)
    private static func prefetchLines(_ p: UnsafeRawPointer, bytes: Int) {
        var off = 0
        let stop = Swift.min(bytes, 256)
        while off < stop {
            pf_prefetch(p + off)
            off &+= 64
        }
    }
}
