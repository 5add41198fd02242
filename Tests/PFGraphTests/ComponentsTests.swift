import Testing
import PFColumnar
@testable import PFGraph

@Suite struct ComponentsTests {
    @Test(arguments: allShapes) func weakAndStrongMatchVerifier(shape: Shape) throws {
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            let w = ConnectedComponents.weak(g, pool: pool4)
            #expect(ComponentsVerifier.verifyWeak(g, result: w) == nil, "\(shape) directed=\(directed)")
            let s = ConnectedComponents.strong(g)
            #expect(ComponentsVerifier.verifyStrong(g, result: s) == nil, "\(shape) directed=\(directed)")
            if !directed { #expect(s == w) }
        }
    }

    @Test func knownComponents() throws {
        // 0->1->2->0 cycle, 2->3, 3->4->3, 5 isolated.
        let g = try GraphBuilder.build(sources: [0, 1, 2, 2, 3, 4] as [Int64], targets: [1, 2, 0, 3, 4, 3],
                                       options: .init(numVertices: 6))
        #expect(ConnectedComponents.weak(g).labels == [0, 0, 0, 0, 0, 5])
        let s = ConnectedComponents.strong(g)
        #expect(s.labels == [0, 0, 0, 3, 3, 5] && s.componentCount == 3)
        #expect(s.componentSizes.map { $0.size } == [3, 2, 1])
    }

    @Test func threadIndependentMid() throws {
        let g = try midShape.edges.with(GeneratorExtras(components: 4, seed: 1)).graph(directed: true, pool: pool1)
        let a = ConnectedComponents.weak(g, pool: pool1), b = ConnectedComponents.weak(g, pool: pool4)
        #expect(a == b)
        #expect(a.componentCount >= 4)
        #expect(ComponentsVerifier.verifyWeak(g, result: b) == nil)
        #expect(ComponentsVerifier.verifyStrong(g, result: ConnectedComponents.strong(g)) == nil)
    }

    /// A ring (the giant set after sampling) whose vertices also point at leaves that have
    /// no out-edges: the leaves are only joined through edges leaving giant vertices, so
    /// every skipping rule (undirected rows, directed with and without the in-CSC) is hit.
    @Test func giantSkippingKeepsEdgesLeavingTheGiantSet() throws {
        let ring = 5000, leaves = 3000
        var src: [Int64] = [], dst: [Int64] = []
        var rng = SplitMix64(seed: 7)
        for i in 0..<ring {
            src.append(Int64(i)); dst.append(Int64((i + 1) % ring))
            for _ in 0..<3 where rng.next() % 4 == 0 {
                src.append(Int64(i)); dst.append(Int64(ring + Int(rng.next() % UInt64(leaves))))
            }
        }
        for _ in 0..<500 {  // small leaf-only components
            src.append(Int64(ring + Int(rng.next() % UInt64(leaves))))
            dst.append(Int64(ring + Int(rng.next() % UInt64(leaves))))
        }
        for directed in [true, false] {
            let g = try GraphBuilder.build(sources: src, targets: dst,
                                           options: .init(directed: directed, numVertices: ring + leaves))
            let before = ConnectedComponents.weak(g, pool: pool4)
            #expect(ComponentsVerifier.verifyWeak(g, result: before) == nil, "directed=\(directed), no in-CSC")
            _ = g.incoming(pool: pool1)
            for pool in [pool1, pool4] {
                let after = ConnectedComponents.weak(g, pool: pool)
                #expect(ComponentsVerifier.verifyWeak(g, result: after) == nil, "directed=\(directed), in-CSC")
                #expect(after == before)
            }
            #expect(before.labels[ring...].contains(0), "some leaves join the ring")
            #expect(before.labels[ring...].contains { $0 >= Int64(ring) }, "some leaves stay apart")
        }
    }
}
