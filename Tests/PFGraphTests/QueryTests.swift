import Testing
import PFColumnar
@testable import PFGraph

@Suite struct QueryTests {
    @Test func degrees() throws {
        let d = try GraphBuilder.build(sources: [0, 0, 1, 2, 2] as [Int64], targets: [1, 1, 2, 2, 0])
        #expect(d.degrees(.out) == [2, 1, 2])
        #expect(d.degrees(.in) == [1, 2, 2])
        #expect(d.degrees(.total) == [3, 3, 4])
        let u = try GraphBuilder.build(sources: [0, 0, 1, 2, 2] as [Int64], targets: [1, 1, 2, 2, 0],
                                       options: .init(directed: false))
        // networkx MultiGraph degree: {0: 3, 1: 3, 2: 4}
        #expect(u.degrees(.total) == [3, 3, 4])
        #expect(u.degrees(.out) == [3, 3, 3])
    }

    @Test func neighborsAndHasEdge() throws {
        let g = try GraphBuilder.build(sources: [0, 0, 1, 3] as [Int64], targets: [3, 1, 2, 0])
        #expect(try g.outNeighbors(of: 0) == [3, 1])
        #expect(try g.inNeighbors(of: 0) == [3])
        #expect(try g.hasEdge(0, 1) && !g.hasEdge(1, 0))
        #expect(!g.outgoing.isSorted)
        let s = try GraphGenerators.grid2D(rows: 3, cols: 3).graph(directed: true)
        #expect(s.outgoing.isSorted)
        #expect(try s.hasEdge(4, 7) && !s.hasEdge(4, 3) && !s.hasEdge(8, 0))
        #expect(throws: PFError.invalidArgument("vertex 9 is out of range 0..<9")) { _ = try s.hasEdge(9, 0) }
        // hasEdge agrees with a scan on a random graph.
        let r = try GraphGenerators.rmat(scale: 6, edgeFactor: 4, seed: 2, pool: pool1).graph(directed: false)
        for u in 0..<r.vertexCount {
            let nb = Set(r.outgoing.neighbors(of: u))
            for v in 0..<r.vertexCount { #expect(try r.hasEdge(u, v) == nb.contains(v)) }
        }
    }

    @Test func inducedSubgraph() throws {
        for directed in [true, false] {
            let e = GraphGenerators.uniform(vertices: 60, edges: 200, seed: 4)
                .with(GeneratorExtras(selfLoops: 5, multiEdges: 5, weights: .uniform01, seed: 3))
            let g = try e.graph(directed: directed)
            let pick = [50, 3, 7, 3, 20, 41, 59, 0, 33]
            let sub = try g.inducedSubgraph(pick)
            #expect(sub.parentVertex == [0, 3, 7, 20, 33, 41, 50, 59])
            // Every edge between selected vertices, with multiplicity and weight.
            for (i, pu) in sub.parentVertex.enumerated() {
                let exp = zip(g.outgoing.neighbors(of: Int(pu)), g.outgoing.weights(of: Int(pu)) ?? [])
                    .compactMap { v, w in sub.parentVertex.firstIndex(of: Int64(v)).map { ($0, w) } }
                let got = zip(sub.graph.outgoing.neighbors(of: i), sub.graph.outgoing.weights(of: i) ?? [])
                #expect(got.map { $0.0 }.sorted() == exp.map { $0.0 }.sorted())
                #expect(got.map { $0.1 }.sorted() == exp.map { $0.1 }.sorted())
            }
            #expect(sub.graph.isDirected == directed)
        }
        let g = try GraphGenerators.path(3).graph(directed: true)
        #expect(throws: PFError.self) { _ = try g.inducedSubgraph([5]) }
    }

    @Test func summary() throws {
        let g = try GraphBuilder.build(sources: [0, 0, 1, 2, 2, 1] as [Int64], targets: [1, 1, 2, 2, 0, 0],
                                       options: .init(directed: false, numVertices: 4))
        let s = g.summary()
        #expect(s.vertexCount == 4 && s.edgeCount == 6 && s.selfLoopCount == 1)
        #expect(s.multiEdgeCount == 2)   // {0,1} three times
        #expect(s.isolatedCount == 1)
        // networkx MultiGraph degrees: 0:4, 1:4, 2:4, 3:0
        #expect(s.degreeHistogram == [.init(degree: 0, count: 1), .init(degree: 4, count: 3)])
        #expect(s.minDegree == 0 && s.maxDegree == 4 && s.meanDegree == 3)
        let d = try GraphBuilder.build(sources: [0, 0, 1, 1] as [Int64], targets: [1, 1, 0, 0])
        #expect(d.summary().multiEdgeCount == 2)
    }

    @Test func generatorsAreDeterministic() throws {
        let a = GraphGenerators.rmat(scale: 10, edgeFactor: 4, seed: 5, pool: pool1)
        let b = GraphGenerators.rmat(scale: 10, edgeFactor: 4, seed: 5, pool: pool4)
        #expect(a == b)
        #expect(a != GraphGenerators.rmat(scale: 10, edgeFactor: 4, seed: 6, pool: pool1))
        #expect(a.edgeCount == 4096 && a.vertexCount == 1024)
        // Power law: the max degree is far above the mean.
        let g = try a.graph(directed: false)
        #expect(g.summary().maxDegree > 40)
        let u = GraphGenerators.uniform(vertices: 50, edges: 100, seed: 1)
        #expect(try u.graph(directed: false).summary().multiEdgeCount == 0)
        #expect(GraphGenerators.complete(5, directed: true).edgeCount == 20)
        let x = GraphGenerators.star(4).with(GeneratorExtras(components: 2, selfLoops: 1, multiEdges: 2,
                                                             isolatedVertices: 3, weights: .integer(max: 5)))
        #expect(x.vertexCount == 11 && x.edgeCount == 9)
        #expect(x.weights?.allSatisfy { $0 >= 1 && $0 <= 5 && $0 == $0.rounded() } == true)
    }
}
