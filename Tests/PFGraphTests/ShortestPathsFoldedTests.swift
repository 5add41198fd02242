import Testing
import PFColumnar
@testable import PFGraph

/// The predecessors folded into Dijkstra's relaxation must equal the general tight-edge
/// pass bit for bit, and the radix heap must pop in key order.
@Suite struct ShortestPathsFoldedTests {
    /// Runs the kernel directly: (distances, folded predecessors or nil, tight-edge pass).
    func both(_ g: CSRGraph, _ sources: [Int]) -> ([Double], [Int64]?, [Int64]) {
        let out = g.outgoing
        let (d, folded) = withExtendedLifetime(out) {
            out.indexWidth == .uint32
                ? ShortestPaths.dijkstra(AdjView<UInt32>(out), sources, predecessors: true)
                : ShortestPaths.dijkstra(AdjView<Int64>(out), sources, predecessors: true)
        }
        let tree = ShortestPaths.predecessors(g, dist: d, sources: sources, useWeights: true, pool: pool1)
        return (d, folded, tree)
    }

    @Test(arguments: weightedShapes)
    func foldedEqualsTightEdgePass(shape: Shape) throws {
        var foldedRuns = 0
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            for sources in sourceSets(g.vertexCount) {
                let (d, folded, tree) = both(g, sources)
                if let folded {
                    foldedRuns += 1
                    #expect(folded == tree, "\(shape) directed=\(directed) sources=\(sources)")
                }
                let noPred = try ShortestPaths.run(g, sources: sources, options: .init(computePredecessors: false), pool: pool1)
                #expect(noPred.distances.map(\.bitPattern) == d.map(\.bitPattern))
                #expect(noPred.predecessors.allSatisfy { $0 == -1 })
            }
        }
        // With uniform [0,1) weights there are no ties, so the fast path must be taken.
        if shape.name.hasSuffix("+w01") && shape.edges.vertexCount > 0 { #expect(foldedRuns > 0, "\(shape)") }
    }

    @Test func zeroWeightTiesFallBackOrFold() throws {
        // Vertex 3 is reached at distance 1 by 0 -1-> 3 (1 hop) and by 0 -1-> 1 -0-> 2 -0-> 3
        // (3 hops); 4 hangs off 3 through a zero edge, so hops of 3 feeds 4's predecessor.
        let g = try GraphBuilder.build(sources: [0, 0, 1, 2, 3, 2] as [Int64], targets: [1, 3, 2, 3, 4, 4],
                                       weights: [1, 1, 0, 0, 0, 0])
        let r = try ShortestPaths.run(g, source: 0)
        #expect(r.distances == [0, 1, 1, 1, 1])
        #expect(ShortestPathsVerifier.verify(g, sources: [0], result: r) == nil)
        let (_, folded, tree) = both(g, [0])
        #expect(r.predecessors == tree)
        if let folded { #expect(folded == tree) }
    }

    @Test func int64IndexWidthAgrees() throws {
        let e = midShape.edges
        let g32 = try e.graph(directed: true, pool: pool1)
        let g64 = try e.graph(directed: true, forceWideIndices: true, pool: pool1)
        #expect(g64.outgoing.indexWidth == .int64)
        let a = try ShortestPaths.run(g32, sources: [3, 17], pool: pool1)
        let b = try ShortestPaths.run(g64, sources: [3, 17], pool: pool1)
        #expect(a == b)
        #expect(ShortestPathsVerifier.verify(g64, sources: [3, 17], result: b) == nil)
    }

    @Test func indexedRadixHeapDecreaseKeyPopsInKeyOrder() {
        let n = 500
        var heap = IndexedRadixHeap(capacity: n)
        defer { heap.deallocate() }
        var rng = SplitMix64(seed: 7)
        var key = [Double](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        var last = 0.0
        var popped: [Double] = []
        for round in 0..<3000 {
            let v = Int(rng.next() % UInt64(n))
            if !done[v] {
                let k = last + Double(rng.next() % 1000) / 8.0
                if key[v] == .infinity { key[v] = k; heap.push(k.bitPattern, v) }
                else if k < key[v] { key[v] = k; heap.decrease(v, k.bitPattern) }
                #expect(heap.contains(v))
            }
            if round % 3 == 0, let e = heap.pop() {
                #expect(e.key == key[e.item].bitPattern && !done[e.item])
                done[e.item] = true; last = Double(bitPattern: e.key); popped.append(last)
                #expect(!heap.contains(e.item))
            }
        }
        while let e = heap.pop() {
            #expect(e.key == key[e.item].bitPattern && !done[e.item])
            done[e.item] = true; popped.append(Double(bitPattern: e.key))
        }
        #expect(heap.isEmpty && popped == popped.sorted())
        #expect(done.indices.allSatisfy { done[$0] == (key[$0] != .infinity) })
    }

    /// Keys that differ from `last` in every byte position (8-bit digit levels), equal
    /// keys, and decrease-key across levels (including from +infinity's level).
    @Test func indexedRadixHeapAllDigitLevels() {
        let n = 2000
        var heap = IndexedRadixHeap(capacity: n)
        defer { heap.deallocate() }
        var rng = SplitMix64(seed: 11)
        var key = [UInt64](repeating: .max, count: n)
        var done = [Bool](repeating: false, count: n)
        var last: UInt64 = 0
        var popped: [UInt64] = []
        for round in 0..<20000 {
            let v = Int(rng.next() % UInt64(n))
            if !done[v] {
                // A random offset with its highest bit in a random position (or 0).
                let bits = rng.next() % 66
                let off: UInt64 = bits == 0 ? 0 : rng.next() >> (64 - Swift.min(bits, 62))
                let k = last &+ Swift.min(off, (UInt64(1) << 62) - last / 2)
                if key[v] == .max { key[v] = k; heap.push(k, v) }
                else if k < key[v] { key[v] = k; heap.decrease(v, k) }
                #expect(heap.contains(v))
            }
            if round % 2 == 0, let e = heap.pop() {
                #expect(e.key == key[e.item] && !done[e.item] && e.key >= last)
                done[e.item] = true; last = e.key; popped.append(e.key)
                #expect(!heap.contains(e.item))
            }
        }
        while let e = heap.pop() {
            #expect(e.key == key[e.item] && !done[e.item])
            done[e.item] = true; popped.append(e.key)
        }
        #expect(heap.isEmpty && popped == popped.sorted())
        #expect(done.indices.allSatisfy { done[$0] == (key[$0] != .max) })
    }
}
