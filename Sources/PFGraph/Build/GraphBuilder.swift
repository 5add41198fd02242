import PFColumnar

/// Builds ``CSRGraph``s from edge columns.
///
/// Vertex ids are handled according to ``IdMode``:
/// - `.auto` (default): dense ids when `numVertices` is given (ids must then lie in
///   `0 ..< numVertices`) or when the ids are exactly `0 ... max` (every value present);
///   otherwise an ``IdMap`` (sorted order), which yields the same graph in the dense case.
/// - `.dense`: ids must be non-negative; `V = numVertices ?? max + 1` (absent ids become
///   isolated vertices).
/// - `.map`: always build an ``IdMap`` (vertices are exactly the ids that occur).
///
/// The CSR is built in O(V + E) with a parallel stable counting sort, so row `v` lists
/// its neighbours in input edge order, independent of the thread count.
///
/// Errors (`PFError.invalidArgument`, naming the index and value): mismatched column
/// lengths, negative or out-of-range ids (dense mode), ids that do not fit in Int64,
/// non-finite weights, a negative `numVertices`.
public enum GraphBuilder {
    /// How ids become dense vertex indices.
    public enum IdMode: Sendable, Equatable {
        /// Dense when given `numVertices` or when ids are exactly `0...max`, else mapped.
        case auto
        /// Ids are the vertex indices.
        case dense
        /// Always map ids through an ``IdMap``.
        case map
    }

    /// Build options.
    public struct Options: Sendable {
        /// Directed (default) or undirected (both directions stored, see ``CSRGraph``).
        public var directed: Bool
        /// Vertex count for dense ids; vertices without edges are isolated.
        public var numVertices: Int?
        /// How ids are interpreted.
        public var idMode: IdMode
        /// Build the in-CSC now instead of on first use (directed graphs).
        public var buildIncoming: Bool
        /// Store neighbour indices as Int64 even when UInt32 would do (testing, export).
        public var forceWideIndices: Bool

        /// Creates options.
        public init(directed: Bool = true, numVertices: Int? = nil, idMode: IdMode = .auto,
                    buildIncoming: Bool = false, forceWideIndices: Bool = false) {
            self.directed = directed
            self.numVertices = numVertices
            self.idMode = idMode
            self.buildIncoming = buildIncoming
            self.forceWideIndices = forceWideIndices
        }
    }

    // MARK: entry points

    /// Builds a graph from Int64 source/target columns and optional weights.
    public static func build(sources: UnsafeBufferPointer<Int64>, targets: UnsafeBufferPointer<Int64>,
                             weights: UnsafeBufferPointer<Double>? = nil, options: Options = Options(),
                             pool: ThreadPool = .shared) throws(PFError) -> CSRGraph {
        guard sources.count == targets.count else {
            throw .invalidArgument("sources has \(sources.count) values but targets has \(targets.count)")
        }
        if let weights, weights.count != sources.count {
            throw .invalidArgument("weights has \(weights.count) values but there are \(sources.count) edges")
        }
        if let n = options.numVertices, n < 0 {
            throw .invalidArgument("numVertices must be >= 0, got \(n)")
        }
        if let weights { try checkWeights(weights, pool: pool) }
        let E = sources.count

        // Decide dense vs mapped.
        var mode = options.idMode
        if mode == .auto {
            if options.numVertices != nil { mode = .dense }
            else { mode = idsAreExactlyDense(sources, targets, pool: pool) ? .dense : .map }
        }
        if mode == .dense {
            let V: Int
            if let n = options.numVertices {
                try checkRange(sources, "source", limit: Int64(n), pool: pool)
                try checkRange(targets, "target", limit: Int64(n), pool: pool)
                V = n
            } else {
                try checkRange(sources, "source", limit: Int64.max, pool: pool)
                try checkRange(targets, "target", limit: Int64.max, pool: pool)
                let mx = max(maxValue(sources, pool: pool), maxValue(targets, pool: pool))
                guard mx < Int64(Int32.max) * 16 else {
                    throw .invalidArgument("dense ids up to \(mx) would allocate \(mx + 1) vertices; pass numVertices or use idMode .map")
                }
                V = E == 0 ? 0 : Int(mx) + 1
            }
            return assemble(sources: sources.baseAddress, targets: targets.baseAddress,
                            weights: weights?.baseAddress, edgeCount: E, vertexCount: V,
                            idMap: nil, options: options, pool: pool)
        }
        let (map, ds, dt) = IdMap.build(sources, targets, pool: pool)
        return ds.withUnsafeBufferPointer { s in
            dt.withUnsafeBufferPointer { t in
                assemble(sources: s.baseAddress, targets: t.baseAddress, weights: weights?.baseAddress,
                         edgeCount: E, vertexCount: map.count, idMap: map, options: options, pool: pool)
            }
        }
    }

    /// Builds a graph from Int64 arrays.
    public static func build(sources: [Int64], targets: [Int64], weights: [Double]? = nil,
                             options: Options = Options(), pool: ThreadPool = .shared) throws(PFError) -> CSRGraph {
        let r: Result<CSRGraph, PFError> = sources.withUnsafeBufferPointer { s in
            targets.withUnsafeBufferPointer { t in
                func go(_ w: UnsafeBufferPointer<Double>?) -> Result<CSRGraph, PFError> {
                    do { return .success(try build(sources: s, targets: t, weights: w, options: options, pool: pool)) }
                    catch { return .failure(error) }
                }
                if let weights { return weights.withUnsafeBufferPointer { go($0) } }
                return go(nil)
            }
        }
        return try r.get()
    }

    /// Builds a graph from any integer columns (converted to Int64; a value that does not
    /// fit is an error naming its index).
    public static func build<S: Collection, T: Collection>(
        sources: S, targets: T, weights: [Double]? = nil, options: Options = Options(),
        pool: ThreadPool = .shared
    ) throws(PFError) -> CSRGraph where S.Element: BinaryInteger, T.Element: BinaryInteger {
        let s = try toInt64(sources, "source"), t = try toInt64(targets, "target")
        return try build(sources: s, targets: t, weights: weights, options: options, pool: pool)
    }

    /// Builds a graph from String id columns; vertices are the distinct strings, indexed
    /// by an ``IdMap`` in UTF-8 byte order (`options.numVertices` and `idMode` are ignored).
    public static func build(sourceIds: [String], targetIds: [String], weights: [Double]? = nil,
                             options: Options = Options(), pool: ThreadPool = .shared) throws(PFError) -> CSRGraph {
        guard sourceIds.count == targetIds.count else {
            throw .invalidArgument("sources has \(sourceIds.count) values but targets has \(targetIds.count)")
        }
        if let weights, weights.count != sourceIds.count {
            throw .invalidArgument("weights has \(weights.count) values but there are \(sourceIds.count) edges")
        }
        if let weights { try weights.withUnsafeBufferPointer { (w) throws(PFError) in try checkWeights(w, pool: pool) } }
        let (map, ds, dt) = IdMap.build(sourceIds, targetIds)
        return ds.withUnsafeBufferPointer { s in
            dt.withUnsafeBufferPointer { t in
                func go(_ w: UnsafeBufferPointer<Double>?) -> CSRGraph {
                    assemble(sources: s.baseAddress, targets: t.baseAddress, weights: w?.baseAddress,
                             edgeCount: sourceIds.count, vertexCount: map.count, idMap: map,
                             options: options, pool: pool)
                }
                if let weights { return weights.withUnsafeBufferPointer { go($0) } }
                return go(nil)
            }
        }
    }

    // MARK: assembly

    static func assemble(sources: UnsafePointer<Int64>?, targets: UnsafePointer<Int64>?,
                         weights: UnsafePointer<Double>?, edgeCount E: Int, vertexCount V: Int,
                         idMap: IdMap?, options: Options, pool: ThreadPool) -> CSRGraph {
        let dummy = UnsafeMutablePointer<Int64>.allocate(capacity: 1)
        defer { dummy.deallocate() }
        let s = sources ?? UnsafePointer(dummy), t = targets ?? UnsafePointer(dummy)
        let arcs = EdgeListArcs(sources: s, targets: t, weights: weights, edgeCount: E, vertexCount: V,
                                undirected: !options.directed)
        let ss = UnsafeSendable(s), tt = UnsafeSendable(t)
        let selfLoops = pool.parallelMap(0..<E, grain: 1 << 16) { r -> Int in
            var c = 0
            for i in r where ss.value[i] == tt.value[i] { c += 1 }
            return c
        }.reduce(0, +)
        let entries = options.directed ? E : 2 * E - selfLoops
        let wide = options.forceWideIndices || V > Int(UInt32.max)
        let out = wide ? CountingSort.build(arcs, arcCount: entries, as: Int64.self, pool: pool)
                       : CountingSort.build(arcs, arcCount: entries, as: UInt32.self, pool: pool)
        let incoming = options.directed && options.buildIncoming ? CountingSort.transpose(out, pool: pool) : nil
        return CSRGraph(vertexCount: V, edgeCount: E, isDirected: options.directed, selfLoopCount: selfLoops,
                        outgoing: out, incoming: incoming, idMap: idMap)
    }

    // MARK: validation

    /// True when the ids are exactly the set `0 ... max` (no negatives, no gaps).
    static func idsAreExactlyDense(_ a: UnsafeBufferPointer<Int64>, _ b: UnsafeBufferPointer<Int64>,
                                   pool: ThreadPool) -> Bool {
        let n = a.count + b.count
        if n == 0 { return true }
        let lo = min(minValue(a, pool: pool), minValue(b, pool: pool))
        let hi = max(maxValue(a, pool: pool), maxValue(b, pool: pool))
        guard lo >= 0, hi < Int64(n) else { return false }
        let bits = Bitmap(bitCount: Int(hi) + 1)
        defer { bits.deallocate() }
        let aa = UnsafeSendable(a), bb = UnsafeSendable(b)
        pool.parallelFor(0..<n, grain: 1 << 16) { _, r in
            for i in r { bits.setAtomic(Int(i < aa.value.count ? aa.value[i] : bb.value[i - aa.value.count])) }
        }
        let full = pool.parallelMap(0..<(Int(hi) + 1), grain: 1 << 16) { r -> Bool in
            for i in r where !bits.get(i) { return false }
            return true
        }
        return full.allSatisfy { $0 }
    }

    static func minValue(_ a: UnsafeBufferPointer<Int64>, pool: ThreadPool) -> Int64 {
        let aa = UnsafeSendable(a)
        return pool.parallelMap(0..<a.count, grain: 1 << 16) { r in
            var m = Int64.max; for i in r { m = Swift.min(m, aa.value[i]) }; return m
        }.min() ?? Int64.max
    }

    static func maxValue(_ a: UnsafeBufferPointer<Int64>, pool: ThreadPool) -> Int64 {
        let aa = UnsafeSendable(a)
        return pool.parallelMap(0..<a.count, grain: 1 << 16) { r in
            var m = Int64.min; for i in r { m = Swift.max(m, aa.value[i]) }; return m
        }.max() ?? Int64.min
    }

    /// Throws for the first (lowest-index) id outside `0 ..< limit`.
    static func checkRange(_ a: UnsafeBufferPointer<Int64>, _ what: String, limit: Int64,
                           pool: ThreadPool) throws(PFError) {
        let aa = UnsafeSendable(a)
        let bad = pool.parallelMap(0..<a.count, grain: 1 << 16) { r -> Int? in
            for i in r where aa.value[i] < 0 || aa.value[i] >= limit { return i }
            return nil
        }.lazy.compactMap { $0 }.first
        if let i = bad {
            let v = a[i]
            if v < 0 { throw .invalidArgument("\(what) id at index \(i) is \(v): ids must be non-negative") }
            throw .invalidArgument("\(what) id at index \(i) is \(v): ids must be < numVertices (\(limit))")
        }
    }

    /// Throws for the first non-finite weight.
    static func checkWeights(_ w: UnsafeBufferPointer<Double>, pool: ThreadPool) throws(PFError) {
        let ww = UnsafeSendable(w)
        let bad = pool.parallelMap(0..<w.count, grain: 1 << 16) { r -> Int? in
            for i in r where !ww.value[i].isFinite { return i }
            return nil
        }.lazy.compactMap { $0 }.first
        if let i = bad { throw .invalidArgument("weight at index \(i) is \(w[i]): weights must be finite") }
    }

    static func toInt64<C: Collection>(_ c: C, _ what: String) throws(PFError) -> [Int64] where C.Element: BinaryInteger {
        var out = [Int64](); out.reserveCapacity(c.count)
        for (i, x) in c.enumerated() {
            guard let v = Int64(exactly: x) else {
                throw .invalidArgument("\(what) id at index \(i) is \(x): does not fit in Int64")
            }
            out.append(v)
        }
        return out
    }
}
