import Testing
import PFColumnar
@testable import PFGraph

private func i64(_ v: [Int64?]) throws -> ArrayData {
    let b = PrimitiveBuilder<Int64>(type: .int64)
    for x in v { b.append(x) }
    return try b.finish()
}

private func i32(_ v: [Int32]) throws -> ArrayData {
    let b = PrimitiveBuilder<Int32>(type: .int32)
    for x in v { b.append(x) }
    return try b.finish()
}

private func u64(_ v: [UInt64]) throws -> ArrayData {
    let b = PrimitiveBuilder<UInt64>(type: .uint64)
    for x in v { b.append(x) }
    return try b.finish()
}

private func f64(_ v: [Double?]) throws -> ArrayData {
    let b = PrimitiveBuilder<Double>(type: .float64)
    for x in v { b.append(x) }
    return try b.finish()
}

private func utf8(_ v: [String?], large: Bool = false) throws -> ArrayData {
    if large {
        let b = LargeStringBuilder(type: .largeUtf8)
        for x in v { if let x { try b.append(x) } else { try b.appendNull() } }
        return try b.finish()
    }
    let b = StringBuilder(type: .utf8)
    for x in v { if let x { try b.append(x) } else { try b.appendNull() } }
    return try b.finish()
}

/// Column `name` of `t` as optional Int64 values.
private func ints(_ t: Table, _ name: String) throws -> [Int64?] {
    try t.column(named: name).flatMap { c in
        let a = try PrimitiveArray<Int64>(c)
        return (0..<c.length).map { a[$0] }
    }
}

private func doubles(_ t: Table, _ name: String) throws -> [Double?] {
    try t.column(named: name).flatMap { c in
        let a = try PrimitiveArray<Double>(c)
        return (0..<c.length).map { a[$0] }
    }
}

private func strs(_ t: Table, _ name: String) throws -> [String?] {
    try t.column(named: name).flatMap { c in
        let a = try StringArray(c)
        return (0..<c.length).map { a.string($0) }
    }
}

@Suite struct ArrowAdapterTests {
    @Test func denseInt32ChunkedBFS() throws {
        // 0 -> 1 -> 2, 0 -> 2, 3 isolated-ish: 3 -> 3 self-loop; chunked in two.
        let src = [try i32([0, 1]), try i32([0, 3])]
        let dst = [try i32([1, 2]), try i32([2, 3])]
        let g = try GraphFrame.from(sources: src, targets: dst, pool: pool1)
        #expect(g.graph.idMap == nil)
        #expect(g.idType == .int64)
        let t = try g.bfs(sources: [0], pool: pool1)
        #expect(t.columnNames == ["vertex", "distance", "predecessor"])
        #expect(try ints(t, "vertex") == [0, 1, 2, 3])
        #expect(try ints(t, "distance") == [0, 1, 1, nil])
        #expect(try ints(t, "predecessor") == [nil, 0, 0, nil])
    }

    @Test func mappedIdsReportOriginalIds() throws {
        let g = try GraphFrame.from(sources: [try i64([100, 7, 100])], targets: [try i64([7, 42, 42])], pool: pool1)
        #expect(g.graph.idMap != nil)
        let t = try g.bfs(sources: [100], pool: pool1)
        #expect(try ints(t, "vertex") == [7, 42, 100])
        #expect(try ints(t, "distance") == [1, 1, 0])
        #expect(try ints(t, "predecessor") == [100, 100, nil])
        let c = try g.components(pool: pool1)
        #expect(try ints(c, "component_id") == [7, 7, 7])
        let d = try g.dfs(source: 100)
        #expect(try ints(d, "vertex") == [100, 7, 42])
        #expect(try ints(d, "order") == [0, 1, 2])
        #expect(try ints(d, "predecessor") == [nil, 100, 7])
        #expect(throws: PFError.self) { try g.bfs(sources: [5], pool: pool1) }
        #expect(throws: PFError.self) { try g.bfs(sources: ["x"], pool: pool1) }
    }

    @Test func stringIdsAndWeights() throws {
        for large in [false, true] {
            let t = try Table(RecordBatch([
                ("a", try utf8(["b", "a", "c", "a"], large: large)),
                ("b", try utf8(["c", "b", "d", "d"], large: large)),
                ("w", try f64([1.0, 2.0, 0.5, 10.0])),
            ]))
            let g = try GraphFrame.from(table: t, src: "a", dst: "b", weight: "w", directed: true, pool: pool1)
            #expect(g.hasStringIds && g.idType == .utf8 && g.weightColumn == "w")
            let sp = try g.shortestPaths(sources: ["a"], pool: pool1)
            #expect(try strs(sp, "vertex") == ["a", "b", "c", "d"])
            #expect(try doubles(sp, "distance") == [0, 2, 3, 3.5])
            #expect(try strs(sp, "predecessor") == [nil, "a", "b", "c"])
            let hops = try g.shortestPaths(sources: ["a"], weighted: false, pool: pool1)
            #expect(try doubles(hops, "distance") == [0, 1, 2, 1])
            #expect(try strs(hops, "predecessor") == [nil, "a", "b", "a"])
            let sp2 = try g.shortestPaths(sources: ["c"], pool: pool1)
            #expect(try doubles(sp2, "distance") == [nil, nil, 0, 0.5])
            let pr = try g.pagerank(options: .init(tolerance: 1e-12), pool: pool1)
            let ranks = try doubles(pr.table, "rank").compactMap { $0 }
            #expect(abs(ranks.reduce(0, +) - 1) < 1e-12 && pr.converged)
            let n = try g.neighbors(of: "a")
            #expect(try strs(n, "neighbor") == ["b", "d"])
            #expect(try doubles(n, "weight") == [2.0, 10.0])
            #expect(try g.hasEdge("a", "d") && !(try g.hasEdge("d", "a")))
            let comps = try g.components(strong: true, pool: pool1)
            #expect(try strs(comps, "component_id") == ["a", "b", "c", "d"])
        }
    }

    @Test func errorsAreClear() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let nulls = message { _ = try GraphFrame.from(sources: [try i64([0, nil])], targets: [try i64([1, 2])], srcName: "s") }
        #expect(nulls.contains("'s'") && nulls.contains("row 1") && nulls.contains("null"))
        let mixed = message { _ = try GraphFrame.from(sources: [try i64([0])], targets: [try utf8(["a"])]) }
        #expect(mixed.contains("both"))
        let big = message { _ = try GraphFrame.from(sources: [try u64([UInt64.max])], targets: [try u64([1])]) }
        #expect(big.contains("int64"))
        let nan = message {
            _ = try GraphFrame.from(sources: [try i64([0, 1])], targets: [try i64([1, 0])],
                                    weights: [try f64([1, .nan])], weightName: "w")
        }
        #expect(nan.contains("'w'") && nan.contains("finite"))
        let nullW = message {
            _ = try GraphFrame.from(sources: [try i64([0, 1])], targets: [try i64([1, 0])], weights: [try f64([1, nil])])
        }
        #expect(nullW.contains("null"))
        let len = message { _ = try GraphFrame.from(sources: [try i64([0, 1])], targets: [try i64([1])]) }
        #expect(len.contains("values"))
        let neg = message {
            let g = try GraphFrame.from(sources: [try i64([0, 1])], targets: [try i64([1, 0])], weights: [try f64([1, -1])])
            _ = try g.shortestPaths(sources: [0])
        }
        #expect(neg.contains("non-negative"))
        let missing = message { _ = try GraphFrame.from(table: try Table(RecordBatch([("x", try i64([1]))]))) }
        #expect(!missing.isEmpty)
    }

    @Test func resultsMatchKernelsOnShapesAndThreads() throws {
        for shape in allShapes {
            for directed in [true, false] {
                let e = shape.edges
                let src = [try i64(e.sources.map { Optional($0) })], dst = [try i64(e.targets.map { Optional($0) })]
                let gf = try GraphFrame.from(sources: src, targets: dst, directed: directed,
                                             numVertices: e.vertexCount, pool: pool1)
                let gf4 = try GraphFrame.from(sources: src, targets: dst, directed: directed,
                                              numVertices: e.vertexCount, pool: pool4)
                guard gf.graph.vertexCount > 0 else { continue }
                let a = try gf.bfs(indices: [0], pool: pool1), b = try gf4.bfs(indices: [0], pool: pool4)
                #expect(a.equals(b), "\(shape)")
                let k = try BFS.run(gf.graph, source: 0, pool: pool1)
                #expect(try ints(a, "distance") == k.distances.map { $0 < 0 ? nil : $0 })
                #expect(try ints(a, "predecessor") == k.predecessors.map { $0 < 0 ? nil : $0 })
                #expect(try gf.components(pool: pool1).equals(try gf4.components(pool: pool4)))
                #expect(try gf.pagerank(pool: pool1).table.equals(try gf4.pagerank(pool: pool4).table))
                #expect(try gf.shortestPaths(indices: [0], pool: pool1)
                    .equals(try gf4.shortestPaths(indices: [0], algorithm: .deltaStepping(delta: nil), pool: pool4)))
                let d = try gf.dfs(index: 0)
                #expect(try ints(d, "vertex") == (try DFS.run(gf.graph, source: 0)).order.map { $0 })
            }
        }
    }

    @Test func summaryJSONAndEdgesTable() throws {
        let g = try GraphFrame.from(sources: [try i64([0, 1, 1, 2])], targets: [try i64([1, 2, 2, 2])],
                                    weights: [try f64([1, 2, 3, 4])], directed: false, weightName: "cost\"x")
        let j = g.summaryJSON(pool: pool1)
        #expect(j.hasPrefix("{\"vertices\":3,\"edges\":4,\"directed\":false,\"weighted\":true,\"weight_column\":\"cost\\\"x\""))
        #expect(j.contains("\"self_loops\":1") && j.contains("\"multi_edges\":1") && j.contains("\"id_type\":\"dense\""))
        let e = try g.edgesTable()
        #expect(e.numRows == 7)
        #expect(e.columnNames == ["src", "dst", "cost\"x"])
        #expect(try g.verticesTable().numRows == 3)
    }
}
