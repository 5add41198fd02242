import PFColumnar

/// A sequence of arcs `(row, column, weightIndex)` split into a fixed number of chunks,
/// enumerated in a fixed order within each chunk.
protocol ArcSource: Sendable {
    /// Number of rows.
    var vertexCount: Int { get }
    /// Number of chunks (must not depend on the thread count).
    var chunkCount: Int { get }
    /// Weights indexed by the `weightIndex` of each arc, if any.
    var weights: UnsafePointer<Double>? { get }
    /// Calls `body(row, column, weightIndex)` for every arc of chunk `c`, in order.
    func forEachArc(chunk c: Int, _ body: (Int, Int, Int) -> Void)
}

/// Parallel, stable counting sort from arcs to CSR (degree count per chunk, prefix sums,
/// scatter). Within a row, entries keep the order of the arc sequence (chunk 0 first,
/// then chunk 1, ...), so the result is independent of the thread count.
enum CountingSort {
    /// Chunks to use for `arcs` arcs over `vertices` rows: per-chunk count arrays cost
    /// `chunks * V` words, so we keep that at most about half the number of arcs.
    static func chunkCount(arcs: Int, vertices: Int) -> Int {
        guard arcs >= (1 << 15) else { return 1 }
        return max(1, min(64, arcs / max(1, 2 * vertices), arcs >> 14))
    }

    static func build<S: ArcSource, T: VertexIndex>(_ src: S, arcCount: Int, as: T.Type,
                                                    pool: ThreadPool) -> Adjacency {
        let V = src.vertexCount
        let C = max(1, src.chunkCount)
        let counts = UnsafeSendable(UnsafeMutablePointer<Int>.allocate(capacity: max(1, C * V)))
        defer { counts.value.deallocate() }
        pool.parallelFor(0..<C, grain: 1) { c, _ in
            let base = counts.value + c * V
            base.initialize(repeating: 0, count: V)
            src.forEachArc(chunk: c) { r, _, _ in base[r] += 1 }
        }
        let offsetsBuf = GraphBuffer(count: V + 1, of: Int64.self)
        let offsets = UnsafeSendable(offsetsBuf.typed(Int64.self, count: V + 1))
        let blk = 1 << 14
        let blockSums = pool.parallelMap(0..<V, grain: blk) { r -> Int in
            var s = 0
            for v in r { for c in 0..<C { s += counts.value[c * V + v] } }
            return s
        }
        var blockStarts = [Int](repeating: 0, count: blockSums.count)
        var run = 0
        for (b, s) in blockSums.enumerated() { blockStarts[b] = run; run += s }
        let total = run
        precondition(total == arcCount, "counting sort: arc count mismatch")
        let starts = blockStarts
        pool.parallelFor(0..<V, grain: blk) { b, r in
            var pos = starts[b]
            for v in r {
                offsets.value[v] = Int64(pos)
                for c in 0..<C {
                    let t = counts.value[c * V + v]
                    counts.value[c * V + v] = pos
                    pos += t
                }
            }
        }
        offsets.value[V] = Int64(total)
        let targetsBuf = GraphBuffer(count: total, of: T.self)
        let targets = UnsafeSendable(targetsBuf.typed(T.self, count: total))
        let srcW = src.weights.map { UnsafeSendable($0) }
        let weightsBuf = srcW == nil ? nil : GraphBuffer(count: total, of: Double.self)
        let weights = weightsBuf.map { UnsafeSendable($0.typed(Double.self, count: total)) }
        pool.parallelFor(0..<C, grain: 1) { c, _ in
            let base = counts.value + c * V
            if let weights, let srcW {
                src.forEachArc(chunk: c) { r, col, wi in
                    let p = base[r]; base[r] = p + 1
                    targets.value[p] = T(truncatingIfNeeded: col)
                    weights.value[p] = srcW.value[wi]
                }
            } else {
                src.forEachArc(chunk: c) { r, col, _ in
                    let p = base[r]; base[r] = p + 1
                    targets.value[p] = T(truncatingIfNeeded: col)
                }
            }
        }
        let sorted = rowsSorted(offsets: UnsafePointer(offsets.value.baseAddress!), targets: UnsafePointer(targets.value.baseAddress!),
                                vertexCount: V, pool: pool)
        return Adjacency(vertexCount: V, entryCount: total, indexWidth: T.width, isSorted: sorted,
                         offsets: offsetsBuf, targets: targetsBuf, weights: weightsBuf)
    }

    /// Whether every row is sorted ascending.
    static func rowsSorted<T: VertexIndex>(offsets: UnsafePointer<Int64>, targets: UnsafePointer<T>,
                                           vertexCount: Int, pool: ThreadPool) -> Bool {
        let o = UnsafeSendable(offsets), t = UnsafeSendable(targets)
        let oks = pool.parallelMap(0..<vertexCount, grain: 1 << 14) { r -> Bool in
            for v in r {
                let b = Int(o.value[v]), e = Int(o.value[v + 1])
                if e - b > 1 {
                    for i in (b + 1)..<e where t.value[i] < t.value[i - 1] { return false }
                }
            }
            return true
        }
        return oks.allSatisfy { $0 }
    }

    /// Builds the transpose (in-CSC) of `adj`: row `v` lists the sources of arcs into
    /// `v` by ascending source (parallel arcs in source-row order).
    static func transpose(_ adj: Adjacency, pool: ThreadPool) -> Adjacency {
        withExtendedLifetime(adj) {
            switch adj.indexWidth {
            case .uint32:
                let v = AdjView<UInt32>(adj)
                return build(TransposeArcs(view: v), arcCount: adj.entryCount, as: UInt32.self, pool: pool)
            case .int64:
                let v = AdjView<Int64>(adj)
                return build(TransposeArcs(view: v), arcCount: adj.entryCount, as: Int64.self, pool: pool)
            }
        }
    }
}

/// Arcs of an existing CSR, reversed; chunks are contiguous source-vertex ranges.
struct TransposeArcs<T: VertexIndex>: ArcSource, @unchecked Sendable {
    let view: AdjView<T>
    let chunkCount: Int
    let grain: Int

    init(view: AdjView<T>) {
        self.view = view
        let c = CountingSort.chunkCount(arcs: view.entryCount, vertices: view.vertexCount)
        grain = max(1, (view.vertexCount + c - 1) / c)
        chunkCount = view.vertexCount == 0 ? 1 : (view.vertexCount + grain - 1) / grain
    }

    var vertexCount: Int { view.vertexCount }
    var weights: UnsafePointer<Double>? { view.weights }

    func forEachArc(chunk c: Int, _ body: (Int, Int, Int) -> Void) {
        let lo = c * grain, hi = min(view.vertexCount, lo + grain)
        guard lo < hi else { return }
        for u in lo..<hi {
            for i in view.begin(u)..<view.end(u) { body(view.target(i), u, i) }
        }
    }
}

/// Arcs of an edge list with dense ids; an undirected edge `{u, v}` yields `u→v` and,
/// when `u != v`, `v→u` (both with the edge's weight index).
struct EdgeListArcs: ArcSource, @unchecked Sendable {
    let sources: UnsafePointer<Int64>
    let targets: UnsafePointer<Int64>
    let weights: UnsafePointer<Double>?
    let edgeCount: Int
    let vertexCount: Int
    let undirected: Bool
    let chunkCount: Int
    let grain: Int

    init(sources: UnsafePointer<Int64>, targets: UnsafePointer<Int64>, weights: UnsafePointer<Double>?,
         edgeCount: Int, vertexCount: Int, undirected: Bool) {
        self.sources = sources; self.targets = targets; self.weights = weights
        self.edgeCount = edgeCount; self.vertexCount = vertexCount; self.undirected = undirected
        let c = CountingSort.chunkCount(arcs: undirected ? 2 * edgeCount : edgeCount, vertices: vertexCount)
        grain = max(1, (edgeCount + c - 1) / c)
        chunkCount = edgeCount == 0 ? 1 : (edgeCount + grain - 1) / grain
    }

    func forEachArc(chunk c: Int, _ body: (Int, Int, Int) -> Void) {
        let lo = c * grain, hi = min(edgeCount, lo + grain)
        guard lo < hi else { return }
        if undirected {
            for i in lo..<hi {
                let u = Int(sources[i]), v = Int(targets[i])
                body(u, v, i)
                if u != v { body(v, u, i) }
            }
        } else {
            for i in lo..<hi { body(Int(sources[i]), Int(targets[i]), i) }
        }
    }
}
