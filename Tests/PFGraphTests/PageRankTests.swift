import Testing
import PFColumnar
@testable import PFGraph

@Suite struct PageRankTests {
    @Test(arguments: allShapes + weightedShapes.filter { $0.name.hasSuffix("w01") })
    func pageRankMatchesReference(shape: Shape) throws {
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            let V = g.vertexCount
            var variants: [PageRank.Options] = [
                .init(tolerance: 1e-12, maxIterations: 1000),
                .init(alpha: 0.5, tolerance: 1e-12, maxIterations: 1000, dangling: .uniform),
            ]
            if V > 0 {
                let pers = (0..<V).map { Double(($0 * 7) % 5) }
                variants.append(.init(tolerance: 1e-12, maxIterations: 1000,
                                      personalization: pers.reduce(0, +) > 0 ? pers : nil))
                variants.append(.init(tolerance: 1e-12, maxIterations: 1000, dangling: .custom((0..<V).map { $0 == 0 ? 1 : 0 })))
                variants.append(.init(tolerance: 1e-12, maxIterations: 1000, weighted: false))
            }
            for opt in variants {
                let r = try PageRank.run(g, options: opt, pool: pool1)
                #expect(r.converged || V == 0)
                #expect(PageRankVerifier.verify(g, options: opt, result: r) == nil, "\(shape) directed=\(directed)")
                if V > 0 { #expect(abs(r.scores.reduce(0, +) - 1) < 1e-9) }
            }
        }
    }

    @Test func threadIndependent() throws {
        for directed in [true, false] {
            let g = try midShape.edges.graph(directed: directed, pool: pool1)
            let a = try PageRank.run(g, options: .init(tolerance: 1e-10), pool: pool1)
            let b = try PageRank.run(g, options: .init(tolerance: 1e-10), pool: pool4)
            #expect(a == b)
            #expect(PageRankVerifier.verify(g, options: .init(tolerance: 1e-10), result: a) == nil)
        }
    }

    @Test func knownValues() throws {
        // networkx: nx.pagerank(nx.DiGraph([(0,1),(1,2),(2,0),(2,1)]))  (3-cycle plus 2->1)
        // Solved exactly: x0 = a*x2/2 + (1-a)/3, x1 = a*(x0 + x2/2) + (1-a)/3, x2 = a*x1 + (1-a)/3.
        let g = try GraphBuilder.build(sources: [0, 1, 2, 2] as [Int64], targets: [1, 2, 0, 1])
        let r = try PageRank.run(g, options: .init(tolerance: 1e-14, maxIterations: 10_000))
        let a = 0.85, c = (1 - a) / 3
        // Substitute: x2 = a*x1 + c; x0 = a*x2/2 + c; x1 = a*x0 + a*x2/2 + c.
        // Solve numerically by fixed point for the check.
        var x = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        for _ in 0..<10_000 { x = [a * x[2] / 2 + c, a * (x[0] + x[2] / 2) + c, a * x[1] + c] }
        for i in 0..<3 { #expect(abs(r.scores[i] - x[i]) < 1e-12) }
        // Multi-edges count with multiplicity: doubling 2->1 shifts rank to 1.
        let g2 = try GraphBuilder.build(sources: [0, 1, 2, 2, 2] as [Int64], targets: [1, 2, 0, 1, 1])
        let r2 = try PageRank.run(g2)
        #expect(r2.scores[1] > r.scores[1])
    }

    @Test func nonConvergenceReported() throws {
        let g = try GraphGenerators.rmat(scale: 6, edgeFactor: 4, seed: 3, pool: pool1).graph(directed: true)
        let r = try PageRank.run(g, options: .init(tolerance: 1e-15, maxIterations: 3))
        #expect(!r.converged && r.iterations == 3)
    }

    @Test func errors() throws {
        let g = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1, 0], weights: [1, -2])
        #expect(throws: PFError.invalidArgument("PageRank needs non-negative weights; edge 1 -> 0 has weight -2.0")) {
            _ = try PageRank.run(g)
        }
        #expect(throws: PFError.self) { _ = try PageRank.run(g, options: .init(alpha: 1.5)) }
        #expect(throws: PFError.invalidArgument("personalization must have a positive sum")) {
            _ = try PageRank.run(g, options: .init(personalization: [0, 0], weighted: false))
        }
        #expect(throws: PFError.invalidArgument("personalization has 1 values for 2 vertices")) {
            _ = try PageRank.run(g, options: .init(personalization: [1], weighted: false))
        }
    }
}
