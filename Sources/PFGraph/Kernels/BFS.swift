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
/// steps find it directly; after a top-down step a short scan of the new frontier's
/// in-neighbours fills it in. Results are therefore identical for any thread count and
/// any sequence of directions.
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
        /// Compute predecessors (needs the in-CSC of a directed graph).
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
        for (i, s) in sources.enumerated() where s < 0 || s >= g.vertexCount {
            throw .invalidArgument("BFS source at index \(i) is \(s): must be in 0..<\(g.vertexCount)")
        }
        if let m = options.maxDepth, m < 0 { throw .invalidArgument("maxDepth must be >= 0, got \(m)") }
        guard options.alpha > 0, options.beta > 0 else {
            throw .invalidArgument("alpha and beta must be positive")
        }
        let needIn = options.direction != .topDown || options.computePredecessors
        let inAdj = needIn ? g.incoming(pool: pool) : nil
        let out = g.outgoing
        return withExtendedLifetime((out, inAdj)) {
            switch out.indexWidth {
            case .uint32:
                return Engine<UInt32>(out: AdjView(out), inn: inAdj.map { AdjView($0) },
                                      options: options, pool: pool).run(sources)
            case .int64:
                return Engine<Int64>(out: AdjView(out), inn: inAdj.map { AdjView($0) },
                                     options: options, pool: pool).run(sources)
            }
        }
    }

    struct Engine<T: VertexIndex> {
        let out: AdjView<T>
        let inn: AdjView<T>?
        let options: Options
        let pool: ThreadPool
        let frontierGrain = 256
        let vertexGrain = 4096  // multiple of 64: chunks own whole bitmap words

        func run(_ sources: [Int]) -> Result {
            let V = out.vertexCount
            let dist = AtomicArray(count: V, repeating: -1)
            defer { dist.deallocate() }
            let predBuf = UnsafeMutableBufferPointer<Int64>.allocate(capacity: V)
            predBuf.initialize(repeating: -1)
            defer { predBuf.deallocate() }
            let pred = UnsafeSendable(predBuf)

            var frontier: [Int] = []
            for s in sources where dist.load(s) == -1 { dist.store(s, 0); frontier.append(s) }
            var scout = frontier.reduce(0) { $0 + out.degree($1) }
            var edgesToCheck = out.entryCount
            var depth = 0, reached = frontier.count, tdSteps = 0, buSteps = 0
            let maxDepth = options.maxDepth ?? Int.max
            let canBottomUp = inn != nil && options.direction != .topDown

            while !frontier.isEmpty && depth < maxDepth {
                let goBottomUp = canBottomUp &&
                    (options.direction == .bottomUp || scout > edgesToCheck / options.alpha)
                if goBottomUp, let inn {
                    // Bottom-up phase: runs level after level on bitmaps.
                    var front = Bitmap(bitCount: V)
                    var next = Bitmap(bitCount: V)
                    defer { front.deallocate(); next.deallocate() }
                    let fr = UnsafeSendable(frontier)
                    let f0 = front
                    pool.parallelFor(0..<frontier.count, grain: 1 << 14) { _, r in
                        for i in r { f0.setAtomic(fr.value[i]) }
                    }
                    var awake = frontier.count, oldAwake = 0
                    repeat {
                        oldAwake = awake
                        let d = Int64(depth)
                        let f = front, n = next
                        let counts = pool.parallelMap(0..<V, grain: vertexGrain) { r -> Int in
                            var c = 0
                            for v in r where dist.load(v) == -1 {
                                for i in inn.begin(v)..<inn.end(v) {
                                    let u = inn.target(i)
                                    if f.get(u) {
                                        dist.store(v, d + 1)
                                        pred.value[v] = Int64(u)
                                        n.setAtomic(v)
                                        c += 1
                                        break
                                    }
                                }
                            }
                            return c
                        }
                        awake = counts.reduce(0, +)
                        reached += awake
                        buSteps += 1
                        if awake > 0 { depth += 1 }
                        swap(&front, &next)
                        next.clear(pool: pool)
                    } while awake > 0 && depth < maxDepth && options.direction != .topDown
                        && (options.direction == .bottomUp || awake >= oldAwake || awake > V / options.beta)
                    // Back to a queue (ascending vertex order).
                    let f = front
                    let parts = pool.parallelMap(0..<V, grain: vertexGrain) { r -> ([Int], Int) in
                        var q: [Int] = [], sc = 0
                        for v in r where f.get(v) { q.append(v); sc += out.degree(v) }
                        return (q, sc)
                    }
                    frontier = parts.flatMap { $0.0 }
                    scout = parts.reduce(0) { $0 + $1.1 }
                    continue
                }
                // Top-down step.
                tdSteps += 1
                edgesToCheck -= scout
                let d = Int64(depth)
                let fr = UnsafeSendable(frontier)
                let parts = pool.parallelMap(0..<frontier.count, grain: frontierGrain) { r -> ([Int], Int) in
                    var q: [Int] = [], sc = 0
                    for k in r {
                        let u = fr.value[k]
                        for i in out.begin(u)..<out.end(u) {
                            let v = out.target(i)
                            if dist.load(v) == -1 && dist.compareExchange(v, expected: -1, desired: d + 1) {
                                q.append(v); sc += out.degree(v)
                            }
                        }
                    }
                    return (q, sc)
                }
                frontier = parts.flatMap { $0.0 }
                scout = parts.reduce(0) { $0 + $1.1 }
                if frontier.isEmpty { break }
                depth += 1
                reached += frontier.count
                if options.computePredecessors, let inn {
                    let nf = UnsafeSendable(frontier)
                    pool.parallelFor(0..<frontier.count, grain: 1024) { _, r in
                        for k in r {
                            let v = nf.value[k]
                            for i in inn.begin(v)..<inn.end(v) {
                                let u = inn.target(i)
                                if dist.load(u) == d { pred.value[v] = Int64(u); break }
                            }
                        }
                    }
                }
            }
            let distances = dist.toArray()
            let preds = options.computePredecessors ? Array(predBuf) : [Int64](repeating: -1, count: V)
            return Result(distances: distances, predecessors: preds, reachedCount: reached,
                          depth: depth, bottomUpSteps: buSteps, topDownSteps: tdSteps)
        }
    }
}
