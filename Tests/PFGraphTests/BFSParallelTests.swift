import Testing
import PFColumnar
@testable import PFGraph

/// BFS on graphs large enough that the parallel (atomic) top-down and bottom-up paths
/// run in several chunks, and the Arrow columns built from the kernel's memory.
@Suite struct BFSParallelTests {
    /// Every direction strategy, single and multi-source (duplicates included), with and
    /// without a depth limit: the verifier (independent serial BFS plus the predecessor
    /// rule) accepts the result, and 1 and 4 threads agree exactly.
    @Test func parallelPathsMatchVerifierAndSerial() throws {
        let shapes = [midShape,
                      Shape(name: "uniform", edges: GraphGenerators.uniform(vertices: 40_000, edges: 400_000, seed: 5))]
        for shape in shapes {
            for directed in [true, false] {
                let g = try shape.edges.graph(directed: directed, pool: pool4)
                let V = g.vertexCount
                for sources in [[0], [V / 2, 3, V / 2, V - 1]] {
                    for dir in [BFS.Direction.auto, .topDown, .bottomUp] {
                        for maxDepth in [nil, 2] as [Int?] {
                            let opts = BFS.Options(maxDepth: maxDepth, direction: dir)
                            let a = try BFS.run(g, sources: sources, options: opts, pool: pool4)
                            let b = try BFS.run(g, sources: sources, options: opts, pool: pool1)
                            let what = "\(shape) directed=\(directed) \(sources) \(dir) \(String(describing: maxDepth))"
                            #expect(a == b, "\(what)")
                            #expect(BFSVerifier.verify(g, sources: sources, maxDepth: maxDepth, result: a) == nil, "\(what)")
                        }
                    }
                }
            }
        }
    }

    /// Without predecessors every predecessor is -1 and distances are unchanged.
    @Test func noPredecessors() throws {
        let g = try midShape.edges.graph(directed: true, pool: pool4)
        for dir in [BFS.Direction.auto, .topDown, .bottomUp] {
            let full = try BFS.run(g, source: 0, options: .init(direction: dir), pool: pool4)
            let bare = try BFS.run(g, source: 0, options: .init(direction: dir, computePredecessors: false), pool: pool4)
            #expect(bare.distances == full.distances)
            #expect(bare.predecessors.allSatisfy { $0 == -1 })
        }
    }

    /// The table's columns equal the kernel's arrays (nulls where -1), with the right
    /// null counts, for dense and mapped ids, a vertex count that is not a multiple of
    /// 64, and duplicate sources.
    @Test func arrowColumnsMatchKernel() throws {
        let e = GraphGenerators.rmat(scale: 10, edgeFactor: 4, seed: 3, pool: pool1)
        let n = 1000  // not a multiple of 64; vertices past the generator's ids are isolated
        let src = e.sources.map { Optional($0) }, dst = e.targets.map { Optional($0) }
        for (mapped, pool) in [(false, pool1), (true, pool1), (false, pool4), (true, pool4)] {
            let shift: Int64 = mapped ? 1_000_003 : 0
            let s = try int64Column(src.map { $0.map { $0 % Int64(n) + shift } })
            let t = try int64Column(dst.map { $0.map { $0 % Int64(n) + shift } })
            let gf = mapped ? try GraphFrame.from(sources: [s], targets: [t], pool: pool)
                            : try GraphFrame.from(sources: [s], targets: [t], numVertices: n, pool: pool)
            let sources = [5, 17, 5]
            let table = try gf.bfs(indices: sources, pool: pool)
            let k = try BFS.run(gf.graph, sources: sources, pool: pool1)
            let ids = (0..<gf.graph.vertexCount).map { i -> Int64 in
                if case .int(let x) = gf.id(at: i) { return x } else { return -1 }
            }
            let dist = try table.column(named: "distance").flatMap { try Int64Values($0) }
            let pred = try table.column(named: "predecessor").flatMap { try Int64Values($0) }
            let vert = try table.column(named: "vertex").flatMap { try Int64Values($0) }
            #expect(vert == ids.map { Optional($0) })
            #expect(dist == k.distances.map { $0 < 0 ? nil : $0 })
            #expect(pred == k.predecessors.map { $0 < 0 ? nil : ids[Int($0)] })
            let dc = try table.column(named: "distance"), pc = try table.column(named: "predecessor")
            #expect(dc.reduce(0) { $0 + $1.nullCount } == k.distances.filter { $0 < 0 }.count)
            #expect(pc.reduce(0) { $0 + $1.nullCount } == k.predecessors.filter { $0 < 0 }.count)
        }
    }
}

/// The values of an int64 column, nil where null.
private func Int64Values(_ a: ArrayData) throws -> [Int64?] {
    let v = try PrimitiveArray<Int64>(a)
    return (0..<a.length).map { v[$0] }
}

private func int64Column(_ v: [Int64?]) throws -> ArrayData {
    let b = PrimitiveBuilder<Int64>(type: .int64)
    for x in v { b.append(x) }
    return try b.finish()
}
