import Testing
import PFColumnar
@testable import PFGraph

@Suite struct GraphBuilderTests {
    @Test func directedCSRKeepsInputOrder() throws {
        let g = try GraphBuilder.build(sources: [2, 0, 2, 1, 2] as [Int64], targets: [1, 2, 0, 1, 1],
                                       options: .init(numVertices: 4))
        #expect(g.vertexCount == 4 && g.edgeCount == 5 && g.isDirected)
        #expect(g.outgoing.neighbors(of: 2) == [1, 0, 1])
        #expect(g.outgoing.neighbors(of: 0) == [2])
        #expect(g.outgoing.neighbors(of: 3) == [])
        #expect(g.selfLoopCount == 1)
        g.outgoing.withUnsafeOffsets { #expect(Array($0) == [0, 1, 2, 5, 5]) }
        // In-CSC: ascending source order.
        #expect(g.incoming.neighbors(of: 1) == [1, 2, 2])
        #expect(g.incoming.neighbors(of: 0) == [2])
        #expect(g.indexWidth == .uint32)
        g.outgoing.withUnsafeTargets { t in
            guard case .uint32(let b) = t else { Issue.record("expected uint32"); return }
            #expect(Array(b) == [2, 1, 1, 0, 1])
        }
    }

    @Test func undirectedStoresBothDirectionsSelfLoopOnce() throws {
        let g = try GraphBuilder.build(sources: [0, 1, 2] as [Int64], targets: [1, 1, 0],
                                       weights: [0.5, 2, 3], options: .init(directed: false))
        #expect(g.edgeCount == 3 && g.selfLoopCount == 1)
        #expect(g.outgoing.entryCount == 5)
        #expect(g.outgoing.neighbors(of: 0) == [1, 2])
        #expect(g.outgoing.neighbors(of: 1) == [0, 1])
        #expect(g.outgoing.weights(of: 1) == [0.5, 2])
        #expect(g.incoming === g.outgoing)
    }

    @Test func buffersAreAligned() throws {
        let g = try GraphGenerators.path(100).graph(directed: true)
        let (o, t, _) = g.outgoing.rawBuffers
        #expect(Int(bitPattern: o.baseAddress) % 64 == 0)
        #expect(Int(bitPattern: t.baseAddress) % 64 == 0)
        #expect(g.outgoing.byteCount == 101 * 8 + 99 * 4)
    }

    @Test func wideIndicesMatchNarrow() throws {
        let e = GraphGenerators.rmat(scale: 7, edgeFactor: 4, seed: 1, pool: pool1)
        let a = try e.graph(directed: true, pool: pool1)
        let b = try e.graph(directed: true, forceWideIndices: true, pool: pool1)
        #expect(b.indexWidth == .int64)
        for v in 0..<a.vertexCount {
            #expect(a.outgoing.neighbors(of: v) == b.outgoing.neighbors(of: v))
            #expect(a.incoming.neighbors(of: v) == b.incoming.neighbors(of: v))
        }
    }

    @Test func parallelBuildEqualsSerial() throws {
        let e = midShape.edges
        for directed in [true, false] {
            let a = try e.graph(directed: directed, buildIncoming: true, pool: pool1)
            let b = try e.graph(directed: directed, buildIncoming: true, pool: pool4)
            a.outgoing.withUnsafeTargets { ta in b.outgoing.withUnsafeTargets { tb in
                #expect((0..<ta.count).allSatisfy { ta[$0] == tb[$0] })
            } }
            a.incoming.withUnsafeOffsets { oa in b.incoming.withUnsafeOffsets { ob in
                #expect(Array(oa) == Array(ob))
            } }
            a.incoming.withUnsafeWeights { wa in b.incoming.withUnsafeWeights { wb in
                #expect(wa.map(Array.init) == wb.map(Array.init))
            } }
            // Stable: row order equals input edge order.
            var expected = [[Int]](repeating: [], count: e.vertexCount)
            for i in 0..<e.edgeCount {
                let u = Int(e.sources[i]), v = Int(e.targets[i])
                expected[u].append(v)
                if !directed && u != v { expected[v].append(u) }
            }
            #expect((0..<e.vertexCount).allSatisfy { a.outgoing.neighbors(of: $0) == expected[$0] })
        }
    }

    @Test func idMapSortedInt64() throws {
        let g = try GraphBuilder.build(sources: [100, -5, 7] as [Int64], targets: [7, 100, 1_000_000])
        #expect(g.vertexCount == 4)
        let map = try #require(g.idMap)
        #expect(map.keys == .int64([-5, 7, 100, 1_000_000]))
        #expect(map.index(of: 100) == 2 && map.index(of: 8) == nil)
        #expect(g.outgoing.neighbors(of: 2) == [1])
        #expect(map.int64Ids([3, -1]) == [1_000_000, nil])
    }

    @Test func denseIdsNeedNoMap() throws {
        let g = try GraphBuilder.build(sources: [0, 2] as [Int64], targets: [1, 3])
        #expect(g.idMap == nil && g.vertexCount == 4)
        let h = try GraphBuilder.build(sources: [0, 2] as [Int64], targets: [1, 5])
        #expect(h.idMap != nil && h.vertexCount == 4)
    }

    @Test func stringIds() throws {
        let g = try GraphBuilder.build(sourceIds: ["b", "é", "a"], targetIds: ["a", "b", "Z"],
                                       options: .init(directed: false))
        let map = try #require(g.idMap)
        #expect(map.keys == .string(["Z", "a", "b", "é"]))
        #expect(map.index(of: "b") == 2)
        #expect(g.outgoing.neighbors(of: 2) == [1, 3])
    }

    @Test func genericIntegerColumns() throws {
        let g = try GraphBuilder.build(sources: [UInt8(0), 1], targets: [Int16(1), 2])
        #expect(g.vertexCount == 3)
        #expect(throws: PFError.invalidArgument("source id at index 1 is 18446744073709551615: does not fit in Int64")) {
            _ = try GraphBuilder.build(sources: [UInt64(0), UInt64.max], targets: [1, 2] as [Int])
        }
    }

    @Test func errors() throws {
        #expect(throws: PFError.invalidArgument("sources has 2 values but targets has 1")) {
            _ = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1] as [Int64])
        }
        #expect(throws: PFError.invalidArgument("target id at index 1 is 5: ids must be < numVertices (3)")) {
            _ = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1, 5], options: .init(numVertices: 3))
        }
        #expect(throws: PFError.invalidArgument("source id at index 0 is -1: ids must be non-negative")) {
            _ = try GraphBuilder.build(sources: [-1, 1] as [Int64], targets: [1, 0], options: .init(numVertices: 3))
        }
        #expect(throws: PFError.invalidArgument("source id at index 0 is -1: ids must be non-negative")) {
            _ = try GraphBuilder.build(sources: [-1, 1] as [Int64], targets: [1, 0], options: .init(idMode: .dense))
        }
        #expect(throws: PFError.invalidArgument("weight at index 1 is nan: weights must be finite")) {
            _ = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1, 0], weights: [1, .nan])
        }
        #expect(throws: PFError.invalidArgument("weights has 1 values but there are 2 edges")) {
            _ = try GraphBuilder.build(sources: [0, 1] as [Int64], targets: [1, 0], weights: [1])
        }
        #expect(throws: PFError.self) {
            _ = try GraphBuilder.build(sources: [0] as [Int64], targets: [1], options: .init(numVertices: -1))
        }
    }

    @Test func emptyGraph() throws {
        let g = try GraphBuilder.build(sources: [] as [Int64], targets: [])
        #expect(g.vertexCount == 0 && g.edgeCount == 0)
        let h = try GraphBuilder.build(sources: [] as [Int64], targets: [], options: .init(numVertices: 3))
        #expect(h.vertexCount == 3 && h.outgoing.neighbors(of: 2) == [])
    }
}
