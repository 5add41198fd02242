import Testing
import PFColumnar
@testable import PFGraph

@Suite struct BFSTests {
    @Test(arguments: allShapes) func bfsMatchesVerifier(shape: Shape) throws {
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            for sources in sourceSets(g.vertexCount) {
                for dir in [BFS.Direction.auto, .topDown, .bottomUp] {
                    for maxDepth in [nil, 2] as [Int?] {
                        let r = try BFS.run(g, sources: sources, options: .init(maxDepth: maxDepth, direction: dir), pool: pool1)
                        let problem = BFSVerifier.verify(g, sources: sources, maxDepth: maxDepth, result: r)
                        #expect(problem == nil, "\(shape) directed=\(directed) sources=\(sources) \(dir) depth=\(String(describing: maxDepth))")
                    }
                }
            }
        }
    }

    @Test func bfsThreadIndependentAndSwitchesDirection() throws {
        for directed in [true, false] {
            let g = try midShape.edges.graph(directed: directed, pool: pool1)
            let a = try BFS.run(g, sources: [1, 77], pool: pool1)
            let b = try BFS.run(g, sources: [1, 77], pool: pool4)
            #expect(a == b)
            #expect(a.bottomUpSteps > 0 && a.topDownSteps > 0)
            let td = try BFS.run(g, sources: [1, 77], options: .init(direction: .topDown), pool: pool4)
            #expect(td == a)
            #expect(BFSVerifier.verify(g, sources: [1, 77], result: a) == nil)
        }
    }

    @Test func bfsErrors() throws {
        let g = try GraphGenerators.path(3).graph(directed: true)
        #expect(throws: PFError.invalidArgument("BFS source at index 0 is 3: must be in 0..<3")) {
            _ = try BFS.run(g, source: 3)
        }
    }

    @Test func verifierCatchesWrongAnswer() throws {
        let g = try GraphGenerators.grid2D(rows: 4, cols: 4).graph(directed: false)
        var r = try BFS.run(g, source: 0)
        r.distances[5] += 1
        #expect(BFSVerifier.verify(g, sources: [0], result: r) != nil)
        var r2 = try BFS.run(g, source: 0)
        r2.predecessors[5] = 0
        #expect(BFSVerifier.verify(g, sources: [0], result: r2) != nil)
    }
}

@Suite struct DFSTests {
    @Test(arguments: allShapes) func dfsMatchesVerifier(shape: Shape) throws {
        for directed in [true, false] {
            let g = try shape.edges.graph(directed: directed, pool: pool1)
            var sets: [[Int]?] = sourceSets(g.vertexCount).map { $0 }
            sets.append(nil)
            for sources in sets {
                for maxDepth in [nil, 0, 3] as [Int?] {
                    let r = try DFS.run(g, sources: sources, options: .init(maxDepth: maxDepth))
                    #expect(DFSVerifier.verify(g, sources: sources, maxDepth: maxDepth, result: r) == nil,
                            "\(shape) directed=\(directed)")
                }
            }
        }
    }

    @Test func dfsKnownOrder() throws {
        // networkx: G = nx.Graph([(0,1),(0,2),(1,3),(2,3),(3,4)]); list(nx.dfs_preorder_nodes(G, 0))
        let g = try GraphBuilder.build(sources: [0, 0, 1, 2, 3] as [Int64], targets: [1, 2, 3, 3, 4],
                                       options: .init(directed: false))
        let r = try DFS.run(g, source: 0)
        #expect(r.order == [0, 1, 3, 2, 4])
        #expect(r.predecessors == [-1, 0, 3, 1, 3])
        let lim = try DFS.run(g, source: 0, options: .init(maxDepth: 1))
        #expect(lim.order == [0, 1, 2])
    }

    @Test func dfsLongPathDoesNotOverflow() throws {
        let n = 2_000_000
        let g = try GraphGenerators.path(n).graph(directed: false, pool: pool4)
        let r = try DFS.run(g, source: 0)
        #expect(r.order.count == n)
        #expect(r.order.last == Int64(n - 1))
        #expect(r.depths[n - 1] == Int64(n - 1))
        #expect(r.predecessors[n - 1] == Int64(n - 2))
    }
}
