import PFColumnar

/// Breadth-first search, direction-optimizing (Beamer, Asanović, Patterson, SC'12).
///
/// Levels are expanded either *top-down* (each frontier vertex claims its unvisited
/// out-neighbours; the frontier is a queue) or *bottom-up* (each unvisited vertex looks
/// for an in-neighbour in the frontier, stopping at the first; the frontier is a
/// bitmap, and in-neighbours come from the in-CSC). With `.auto`, BFS switches to
/// bottom-up when the frontier's out-edges exceed `edgesToCheck / alpha` and back to
/// top-down when the frontier stops growing and has fewer than `V / beta` vertices.
///
/// **Determinism.** Distances are unique. The predecessor of a reached non-source vertex
/// `v` at distance `d` is defined as *the first in-neighbour of `v`, in in-CSC order,
/// whose distance is `d - 1`* (for an undirected graph the in-CSC is the adjacency
/// itself; for a directed graph it lists in-neighbours by ascending index). Bottom-up
/// steps find it directly. A top-down step on a directed graph takes, for each new
/// vertex, the smallest frontier vertex with an edge to it (an atomic minimum over the
/// edges it walks anyway); on an undirected graph a short scan of the new frontier's
/// rows fills it in. Results are therefore identical for any thread count and any
/// sequence of directions.
///
/// The kernel writes into a `BFSOutput`, whose memory the Arrow result columns borrow.
public enum BFS {
    /// Which expansion strategy to use.
    public enum Direction: Sendable, Equatable {
        /// Switch by Beamer's heuristics.
        case auto
        /// Always top-down.
        case topDown
        /// Always bottom-up.
        case bottomUp
    }

    /// BFS options.
    public struct Options: Sendable, Equatable {
        /// Stop after this depth (vertices farther away stay unreached); nil = unlimited.
        public var maxDepth: Int?
        /// Expansion strategy.
        public var direction: Direction
        /// Top-down → bottom-up threshold (GAP default 15).
        public var alpha: Int
        /// Bottom-up → top-down threshold (GAP default 18).
        public var beta: Int
        /// Compute predecessors (top-down levels of an undirected graph add a short scan).
        public var computePredecessors: Bool

        /// Creates options.
        public init(maxDepth: Int? = nil, direction: Direction = .auto, alpha: Int = 15, beta: Int = 18,
                    computePredecessors: Bool = true) {
            self.maxDepth = maxDepth; self.direction = direction
            self.alpha = alpha; self.beta = beta; self.computePredecessors = computePredecessors
        }
    }

    /// BFS output, indexed by vertex.
    public struct Result: Sendable, Equatable {
        /// Hop distance from the nearest source; -1 when unreached.
        public var distances: [Int64]
        /// Predecessor on a shortest path (see the type's rule); -1 for sources, unreached
        /// vertices, and for all vertices when predecessors were not requested.
        public var predecessors: [Int64]
        /// Number of reached vertices (sources included).
        public var reachedCount: Int
        /// Largest distance reached.
        public var depth: Int
        /// Levels expanded bottom-up (diagnostic).
        public var bottomUpSteps: Int
        /// Levels expanded top-down (diagnostic).
        public var topDownSteps: Int

        /// Equality on the vertex data only (not the diagnostics).
        public static func == (a: Result, b: Result) -> Bool {
            a.distances == b.distances && a.predecessors == b.predecessors
        }
    }

    /// BFS from one source.
    public static func run(_ g: CSRGraph, source: Int, options: Options = Options(),
                           pool: ThreadPool = .shared) throws(PFError) -> Result {
        try run(g, sources: [source], options: options, pool: pool)
    }

    /// Multi-source BFS: every source is at distance 0.
    public static func run(_ g: CSRGraph, sources: [Int], options: Options = Options(),
                           pool: ThreadPool = .shared) throws(PFError) -> Result {
        let o = try output(g, sources: sources, options: options, pool: pool)
        return Result(distances: o.distances.toArray(), predecessors: o.predecessors.toArray(),
                      reachedCount: o.reachedCount, depth: o.depth,
                      bottomUpSteps: o.bottomUpSteps, topDownSteps: o.topDownSteps)
    }

    /// Runs BFS into Arrow-ready memory (see ``BFSOutput``).
    static func output(_ g: CSRGraph, sources: [Int], options: Options,
                       pool: ThreadPool) throws(PFError) -> BFSOutput {
        for (i, s) in sources.enumerated() where s < 0 || s >= g.vertexCount {
            throw .invalidArgument("BFS source at index \(i) is \(s): must be in 0..<\(g.vertexCount)")
        }
        if let m = options.maxDepth, m < 0 { throw .invalidArgument("maxDepth must be >= 0, got \(m)") }
        guard options.alpha > 0, options.beta > 0 else {
            throw .invalidArgument("alpha and beta must be positive")
        }
        let needIn = options.direction != .topDown || (options.computePredecessors && !g.isDirected)
        let inAdj = needIn ? g.incoming(pool: pool) : nil
        let out = g.outgoing
        return withExtendedLifetime((out, inAdj)) {
            switch out.indexWidth {
            case .uint32:
                return Engine<UInt32>(out: AdjView(out), inn: inAdj.map { AdjView($0) }, directed: g.isDirected,
                                      options: options, pool: pool).run(sources)
            case .int64:
                return Engine<Int64>(out: AdjView(out), inn: inAdj.map { AdjView($0) }, directed: g.isDirected,
                                     options: options, pool: pool).run(sources)
            }
        }
    }

    struct Engine<T: VertexIndex> {
        let out: AdjView<T>
        let inn: AdjView<T>?
        /// Directed graphs list in-neighbours by ascending index, so the rule's
        /// predecessor is the smallest frontier vertex with an edge to `v`.
        let directed: Bool
        let options: Options
        let pool: ThreadPool
        let frontierGrain = 256
        let wordGrain = 64       // bitmap words per bottom-up chunk (4096 vertices)
        let parallelEdges = 1 << 16  // top-down levels with fewer out-edges run serially

        func run(_ sources: [Int]) -> BFSOutput {
            let V = out.vertexCount
            let o = BFSOutput(vertexCount: V, pool: pool)
            let dist = o.distances, pred = o.predecessors, seen = o.reached
            var frontier: [Int] = []
            for s in sources where dist.load(s) == -1 { dist.store(s, 0); seen.setAtomic(s); frontier.append(s) }
            let frontier0 = frontier
            var scout = frontier.reduce(0) { $0 + out.degree($1) }
            var edgesToCheck = out.entryCount
            var depth = 0, reached = frontier.count
            let maxDepth = options.maxDepth ?? Int.max
            let canBottomUp = inn != nil && options.direction != .topDown
            let serial = pool.threadCount <= 1
            // Level bitmaps. Top-down steps mark their claims in `next`, which is all
            // zero between top-down steps; bottom-up steps read `front` and write `next`.
            var front = Bitmap(bitCount: V), next = Bitmap(bitCount: V)
            defer { front.deallocate(); next.deallocate() }

            while !frontier.isEmpty && depth < maxDepth {
                let goBottomUp = canBottomUp &&
                    (options.direction == .bottomUp || scout > edgesToCheck / options.alpha)
                if goBottomUp, let inn {
                    front.clear(pool: pool)
                    setBits(frontier, in: front, serial: serial)
                    var awake = frontier.count, oldAwake = 0
                    repeat {
                        oldAwake = awake
                        awake = bottomUpStep(inn, depth: Int64(depth), front: front, next: next, o)
                        reached += awake
                        o.bottomUpSteps += 1
                        if awake > 0 { depth += 1 }
                        swap(&front, &next)
                    } while awake > 0 && depth < maxDepth
                        && (options.direction == .bottomUp || awake >= oldAwake || awake > V / options.beta)
                    (frontier, scout) = queue(of: front)
                    next.clear(pool: pool)
                    continue
                }
                o.topDownSteps += 1
                edgesToCheck -= scout
                // Small levels run serially: atomics and hand-offs cost more than they save.
                (frontier, scout) = topDownStep(frontier, depth: Int64(depth), claims: next, o,
                                                serial: serial || scout < parallelEdges)
                if frontier.isEmpty { break }
                depth += 1
                reached += frontier.count
                if options.computePredecessors && !directed, let inn {
                    undirectedPredecessors(inn, of: frontier, depth: Int64(depth), o)
                }
            }
            o.sources = frontier0
            o.reachedCount = reached
            o.depth = depth
            return o
        }

        /// Expands `frontier` (distance `d`) along out-edges; returns the next frontier
        /// and its out-edge count. `seen` stays read-only during the expansion, so an
        /// unseen target is in the new level for sure; the first to set its bit in
        /// `claims` (all zero on entry, and again on return) enqueues it. A directed
        /// graph's predecessors are settled here: every edge `u → v` into the new level
        /// lowers `pred[v]` to `u`.
        func topDownStep(_ frontier: [Int], depth d: Int64, claims: Bitmap, _ o: BFSOutput,
                         serial: Bool) -> ([Int], Int) {
            let dist = o.distances, pred = o.predecessors, seen = o.reached
            let d1 = d + 1
            let minPred = directed && options.computePredecessors
            let fr = UnsafeSendable(frontier)
            let parts = chunks(0..<frontier.count, grain: frontierGrain, serial: serial) { r -> [Int] in
                var q: [Int] = []
                for k in r {
                    let u = fr.value[k]
                    for i in out.begin(u)..<out.end(u) {
                        let v = out.target(i)
                        if seen.get(v) { continue }
                        let bit = Int64(bitPattern: 1 << UInt64(v & 63))
                        var word = claims.words.load(v >> 6)
                        if !serial && word & bit == 0 {
                            word = claims.words.base[v >> 6].bitwiseOr(bit, ordering: .relaxed).oldValue
                        }
                        if word & bit == 0 {
                            if serial { claims.words.store(v >> 6, word | bit) }
                            dist.store(v, d1)
                            q.append(v)
                            if minPred && serial { pred.store(v, Int64(u)); continue }
                        }
                        if minPred { lower(pred, v, to: Int64(u), serial: serial) }
                    }
                }
                return q
            }
            let next = parts.count == 1 ? parts[0] : parts.flatMap { $0 }
            // Move the new level from `claims` to `seen`; sum its out-degrees.
            let nx = UnsafeSendable(next)
            let scout = chunks(0..<next.count, grain: 1 << 13, serial: serial) { r -> Int in
                var sc = 0
                for k in r {
                    let v = nx.value[k], w = v >> 6
                    let bit = Int64(bitPattern: 1 << UInt64(v & 63))
                    if serial {
                        seen.words.store(w, seen.words.load(w) | bit)
                        claims.words.store(w, claims.words.load(w) & ~bit)
                    } else {
                        seen.words.bitwiseOr(w, bit)
                        claims.words.base[w].bitwiseAnd(~bit, ordering: .relaxed)
                    }
                    sc += out.degree(v)
                }
                return sc
            }.reduce(0, +)
            return (next, scout)
        }

        /// `pool.parallelMap`, or the same chunks run inline when `serial` (so that the
        /// plain, non-atomic paths stay single-threaded even if the pool is resized).
        func chunks<R: Sendable>(_ range: Range<Int>, grain: Int, serial: Bool,
                                 _ body: @Sendable (Range<Int>) -> R) -> [R] {
            guard serial else { return pool.parallelMap(range, grain: grain, body) }
            return stride(from: range.lowerBound, to: range.upperBound, by: grain).map {
                body($0..<min($0 + grain, range.upperBound))
            }
        }

        /// Lowers `pred[v]` to `u` (-1 counts as unset).
        @inline(__always) func lower(_ pred: AtomicArray, _ v: Int, to u: Int64, serial: Bool) {
            var cur = pred.load(v)
            if serial {
                if cur == -1 || u < cur { pred.store(v, u) }
                return
            }
            while cur == -1 || u < cur {
                let r = pred.base[v].compareExchange(expected: cur, desired: u, ordering: .relaxed)
                if r.exchanged { return }
                cur = r.original
            }
        }

        /// Undirected predecessors of a new top-down level: the first neighbour in row
        /// order one level up.
        func undirectedPredecessors(_ inn: AdjView<T>, of frontier: [Int], depth: Int64, _ o: BFSOutput) {
            let dist = o.distances, pred = o.predecessors
            let nf = UnsafeSendable(frontier)
            let d = depth - 1
            pool.parallelFor(0..<frontier.count, grain: 1024) { _, r in
                for k in r {
                    let v = nf.value[k]
                    for i in inn.begin(v)..<inn.end(v) {
                        let u = inn.target(i)
                        if dist.load(u) == d { pred.store(v, Int64(u)); break }
                    }
                }
            }
        }

        /// One bottom-up level: every unreached vertex looks for an in-neighbour in
        /// `front` (distance `d`), in in-CSC order. Writes every word of `next`; returns
        /// how many vertices it reached. Chunks own whole words, so no atomics.
        func bottomUpStep(_ inn: AdjView<T>, depth d: Int64, front: Bitmap, next: Bitmap, _ o: BFSOutput) -> Int {
            let dist = o.distances, pred = o.predecessors, seen = o.reached.words
            let V = out.vertexCount, W = seen.count
            let tail: UInt64 = V & 63 == 0 ? ~0 : (1 << UInt64(V & 63)) - 1
            let wantPred = options.computePredecessors
            let counts = pool.parallelMap(0..<W, grain: wordGrain) { r -> Int in
                var c = 0
                for w in r {
                    let old = UInt64(bitPattern: seen.load(w))
                    var todo = ~old
                    if w == W - 1 { todo &= tail }
                    // Pass 1: test every candidate's first in-neighbour, without a
                    // branch on the (cache-missing) result, so the loads overlap.
                    var found: UInt64 = 0, rest: UInt64 = 0
                    while todo != 0 {
                        let b = todo.trailingZeroBitCount
                        todo &= todo &- 1
                        let v = w << 6 | b
                        let i = inn.begin(v), e = inn.end(v)
                        if i < e {
                            let hit: UInt64 = front.get(inn.target(i)) ? 1 : 0
                            found |= hit << UInt64(b)
                            rest |= (e - i > 1 ? 1 &- hit : 0) << UInt64(b)
                        }
                    }
                    var hits = found
                    while hits != 0 {
                        let b = hits.trailingZeroBitCount
                        hits &= hits &- 1
                        let v = w << 6 | b
                        dist.store(v, d + 1)
                        if wantPred { pred.store(v, Int64(inn.target(inn.begin(v)))) }
                    }
                    // Pass 2: the rest of the in-neighbours, stopping at the first hit.
                    while rest != 0 {
                        let b = rest.trailingZeroBitCount
                        rest &= rest &- 1
                        let v = w << 6 | b
                        var i = inn.begin(v) + 1
                        let e = inn.end(v)
                        while i < e {
                            let u = inn.target(i)
                            if front.get(u) {
                                dist.store(v, d + 1)
                                if wantPred { pred.store(v, Int64(u)) }
                                found |= 1 << UInt64(b)
                                break
                            }
                            i += 1
                        }
                    }
                    next.words.store(w, Int64(bitPattern: found))
                    if found != 0 {
                        seen.store(w, Int64(bitPattern: old | found))
                        c += found.nonzeroBitCount
                    }
                }
                return c
            }
            return counts.reduce(0, +)
        }

        /// Sets the bits of `vertices` (serially, or with atomic ORs in parallel).
        func setBits(_ vertices: [Int], in bits: Bitmap, serial: Bool) {
            if serial {
                for v in vertices {
                    bits.words.store(v >> 6, bits.words.load(v >> 6) | Int64(bitPattern: 1 << UInt64(v & 63)))
                }
                return
            }
            let vs = UnsafeSendable(vertices)
            pool.parallelFor(0..<vertices.count, grain: 1 << 14) { _, r in
                for i in r { bits.setAtomic(vs.value[i]) }
            }
        }

        /// The vertices of `bits` in ascending order, and their out-edge count.
        func queue(of bits: Bitmap) -> ([Int], Int) {
            let words = bits.words
            let parts = pool.parallelMap(0..<words.count, grain: 1024) { r -> ([Int], Int) in
                var q: [Int] = [], sc = 0
                for w in r {
                    var x = UInt64(bitPattern: words.load(w))
                    while x != 0 {
                        let v = w << 6 | x.trailingZeroBitCount
                        x &= x &- 1
                        q.append(v); sc += out.degree(v)
                    }
                }
                return (q, sc)
            }
            if parts.count == 1 { return parts[0] }
            return (parts.flatMap { $0.0 }, parts.reduce(0) { $0 + $1.1 })
        }
    }
}
