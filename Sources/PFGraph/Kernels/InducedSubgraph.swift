import PFColumnar

/// A subgraph with the mapping from its vertices to the parent's.
public struct Subgraph: Sendable {
    /// The subgraph (its ``CSRGraph/idMap`` is nil; use ``parentVertex``).
    public let graph: CSRGraph
    /// `parentVertex[i]` is the parent-graph vertex of subgraph vertex `i` (ascending).
    public let parentVertex: [Int64]
}

extension CSRGraph {
    /// The subgraph induced by `vertices` (duplicates ignored): it keeps the edges whose
    /// both endpoints are in the set. Subgraph vertex `i` is the `i`-th smallest selected
    /// vertex; rows keep the parent's neighbour order, weights are kept, self-loops and
    /// parallel edges are kept. For undirected graphs the subgraph is undirected.
    public func inducedSubgraph(_ vertices: [Int], pool: ThreadPool = .shared) throws(PFError) -> Subgraph {
        for (i, v) in vertices.enumerated() where v < 0 || v >= vertexCount {
            throw .invalidArgument("vertex at index \(i) is \(v): must be in 0..<\(vertexCount)")
        }
        let selected = Array(Set(vertices)).sorted()
        var newIndex = [Int](repeating: -1, count: vertexCount)
        for (i, v) in selected.enumerated() { newIndex[v] = i }
        // Rebuild as an edge list: each kept edge once (undirected: from its first
        // stored direction, u <= v, so the builder restores both directions).
        var src: [Int64] = [], dst: [Int64] = [], w: [Double] = []
        let weighted = isWeighted
        outgoing.withView { a in
            for u in selected {
                for k in a.begin(u)..<a.end(u) {
                    let v = a.target(k)
                    guard newIndex[v] >= 0 else { continue }
                    if !isDirected && v < u { continue }
                    src.append(Int64(newIndex[u])); dst.append(Int64(newIndex[v]))
                    if weighted { w.append(a.weight(k)) }
                }
            }
        }
        let g = try GraphBuilder.build(sources: src, targets: dst, weights: weighted ? w : nil,
                                       options: .init(directed: isDirected, numVertices: selected.count,
                                                      forceWideIndices: indexWidth == .int64),
                                       pool: pool)
        return Subgraph(graph: g, parentVertex: selected.map { Int64($0) })
    }
}
