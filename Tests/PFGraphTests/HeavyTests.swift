import Testing
import PFColumnar
#if canImport(Glibc)
import Glibc
#endif
@testable import PFGraph

/// Large graphs; run with `PFGRAPH_HEAVY=1` (preferably in release).
@Suite(.enabled(if: getenv("PFGRAPH_HEAVY") != nil)) struct HeavyTests {
    @Test func dfsTenMillionPath() throws {
        let n = 10_000_000
        let g = try GraphGenerators.path(n).graph(directed: true, pool: pool4)
        let r = try DFS.run(g, source: 0)
        #expect(r.order.count == n && r.depths[n - 1] == Int64(n - 1))
    }

    @Test func rmatScale16AllKernels() throws {
        let e = GraphGenerators.rmat(scale: 16, edgeFactor: 16, seed: 1, pool: pool4)
            .with(GeneratorExtras(weights: .uniform01, seed: 2))
        for directed in [true, false] {
            let g = try e.graph(directed: directed, pool: pool4)
            let s = Int(e.sources[0])
            let b1 = try BFS.run(g, source: s, pool: pool1), b4 = try BFS.run(g, source: s, pool: pool4)
            #expect(b1 == b4 && BFSVerifier.verify(g, sources: [s], result: b4) == nil)
            let d = try ShortestPaths.run(g, source: s, pool: pool1)
            let ds = try ShortestPaths.run(g, source: s, options: .init(algorithm: .deltaStepping(delta: nil)), pool: pool4)
            #expect(d == ds && ShortestPathsVerifier.verify(g, sources: [s], result: ds) == nil)
            let p = try PageRank.run(g, options: .init(tolerance: 1e-12, maxIterations: 500), pool: pool4)
            #expect(PageRankVerifier.verify(g, options: .init(tolerance: 1e-12, maxIterations: 500), result: p) == nil)
            #expect(ComponentsVerifier.verifyWeak(g, result: ConnectedComponents.weak(g, pool: pool4)) == nil)
            #expect(ComponentsVerifier.verifyStrong(g, result: ConnectedComponents.strong(g)) == nil)
            #expect(DFSVerifier.verify(g, sources: [s], result: try DFS.run(g, source: s)) == nil)
        }
    }
}
