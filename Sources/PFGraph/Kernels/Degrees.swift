import PFColumnar

extension CSRGraph {
    /// Which degree to compute.
    public enum DegreeKind: Sendable, Equatable {
        /// Out-CSR row length.
        case out
        /// In-CSC row length (equals `.out` on undirected graphs).
        case `in`
        /// networkx's `degree`: `in + out` on directed graphs; on undirected graphs the
        /// row length plus the number of self-loops at the vertex (a self-loop counts 2).
        case total
    }

    /// The degree of every vertex (parallel edges count with multiplicity).
    public func degrees(_ kind: DegreeKind = .out, pool: ThreadPool = .shared) -> [Int64] {
        let V = vertexCount
        let out = outgoing
        let inn: Adjacency? = (kind == .out || !isDirected) ? nil : incoming(pool: pool)
        let undirectedTotal = kind == .total && !isDirected
        return withExtendedLifetime((out, inn)) {
            let o = out.withView { $0 }
            let i = inn?.withView { $0 }
            var result = [Int64](repeating: 0, count: V)
            result.withUnsafeMutableBufferPointer { rb in
                let rs = UnsafeSendable(rb)
                pool.parallelFor(0..<V, grain: 1 << 14) { _, r in
                    for v in r {
                        var d = 0
                        switch kind {
                        case .out: d = o.end(v) - o.begin(v)
                        case .in: d = i.map { $0.end(v) - $0.begin(v) } ?? (o.end(v) - o.begin(v))
                        case .total:
                            d = o.end(v) - o.begin(v)
                            if let i { d += i.end(v) - i.begin(v) }
                            if undirectedTotal {
                                for k in o.begin(v)..<o.end(v) where o.target(k) == v { d += 1 }
                            }
                        }
                        rs.value[v] = Int64(d)
                    }
                }
            }
            return result
        }
    }

    /// Out-neighbours of `v` in CSR (input) order; throws for an invalid vertex.
    public func outNeighbors(of v: Int) throws(PFError) -> [Int] {
        try checkVertex(v)
        return outgoing.neighbors(of: v)
    }

    /// In-neighbours of `v` (ascending for directed graphs; the row for undirected ones).
    public func inNeighbors(of v: Int, pool: ThreadPool = .shared) throws(PFError) -> [Int] {
        try checkVertex(v)
        return incoming(pool: pool).neighbors(of: v)
    }

    /// Whether an edge `u → v` exists (either direction for undirected graphs). Uses a
    /// binary search when the row is sorted (``Adjacency/isSorted``), a linear scan
    /// otherwise.
    public func hasEdge(_ u: Int, _ v: Int) throws(PFError) -> Bool {
        try checkVertex(u); try checkVertex(v)
        return outgoing.withView { a in
            var lo = a.begin(u), hi = a.end(u)
            if outgoing.isSorted {
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if a.target(mid) < v { lo = mid + 1 } else { hi = mid }
                }
                return lo < a.end(u) && a.target(lo) == v
            }
            while lo < hi { if a.target(lo) == v { return true }; lo += 1 }
            return false
        }
    }

    func checkVertex(_ v: Int) throws(PFError) {
        guard v >= 0 && v < vertexCount else {
            throw .invalidArgument("vertex \(v) is out of range 0..<\(vertexCount)")
        }
    }
}
