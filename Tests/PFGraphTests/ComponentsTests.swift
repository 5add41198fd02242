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
}
