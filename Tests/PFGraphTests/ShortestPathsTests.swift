import Testing
import PFColumnar
@testable import PFGraph

@Suite struct ShortestPathsTests {
    @Test(arguments: weightedShapes + allShapes)
    func matchesVerifier(shape: Shape) throws {
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            for sources in sourceSets(g.vertexCount) {
                let d = try ShortestPaths.run(g, sources: sources, pool: pool1)
                #expect(ShortestPathsVerifier.verify(g, sources: sources, result: d) == nil, "\(shape) dijkstra")
                for delta in [nil, 0.3, 2.0] as [Double?] {
                    let ds = try ShortestPaths.run(g, sources: sources,
                                                   options: .init(algorithm: .deltaStepping(delta: delta)), pool: pool4)
                    #expect(ds == d, "\(shape) delta=\(String(describing: delta))")
                }
                let u = try ShortestPaths.run(g, sources: sources, options: .init(weighted: false), pool: pool1)
                #expect(ShortestPathsVerifier.verify(g, sources: sources, weighted: false, result: u) == nil)
            }
        }
    }

    @Test func zeroWeightCyclesGiveAcyclicPredecessors() throws {
        // 0 -1-> 1, 1 <-0-> 2 (zero-weight cycle), 2 -0-> 3
        let g = try GraphBuilder.build(sources: [0, 1, 2, 2, 3] as [Int64], targets: [1, 2, 1, 3, 2],
                                       weights: [1, 0, 0, 0, 0])
        let r = try ShortestPaths.run(g, source: 0)
        #expect(r.distances == [0, 1, 1, 1])
        #expect(r.predecessors == [-1, 0, 1, 2])
        #expect(ShortestPathsVerifier.verify(g, sources: [0], result: r) == nil)
    }

    @Test func threadIndependentMid() throws {
        for directed in [true, false] {
            let g = try midShape.edges.graph(directed: directed, pool: pool1)
            let a = try ShortestPaths.run(g, source: 3, pool: pool1)
            let b = try ShortestPaths.run(g, source: 3, options: .init(algorithm: .deltaStepping(delta: nil)), pool: pool4)
            let c = try ShortestPaths.run(g, source: 3, options: .init(algorithm: .deltaStepping(delta: nil)), pool: pool1)
            #expect(a == b && b == c)
            #expect(ShortestPathsVerifier.verify(g, sources: [3], result: a) == nil)
        }
    }

    @Test func errors() throws {
        let g = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1, 0], weights: [1, -0.5])
        #expect(throws: PFError.invalidArgument("shortest paths need non-negative weights; edge 1 -> 0 has weight -0.5")) {
            _ = try ShortestPaths.run(g, source: 0)
        }
        let h = try GraphBuilder.build(sources: [0] as [Int64], targets: [1], weights: [1])
        #expect(throws: PFError.self) { _ = try ShortestPaths.run(h, source: 2) }
        #expect(throws: PFError.self) {
            _ = try ShortestPaths.run(h, source: 0, options: .init(algorithm: .deltaStepping(delta: 0)))
        }
    }
}
