import ArgumentParser
import ParquetFrame

/// `pframe graph pagerank EDGES`: PageRank, highest ranks first.
struct GraphPageRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagerank", abstract: "PageRank (networkx semantics): vertex, rank, sorted by rank.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Option(name: .long, help: "Damping factor.") var alpha = 0.85
    @Option(name: .long, help: "Tolerance (stop when the L1 change < V * tol).") var tol = 1e-6
    @Option(name: .customLong("max-iter"), help: "Iteration cap.") var maxIter = 100
    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        if !(alpha >= 0 && alpha <= 1) { throw ValidationError("--alpha must be in [0, 1]") }
        if !(tol >= 0) { throw ValidationError("--tol must be >= 0") }
        if maxIter < 0 { throw ValidationError("--max-iter must be >= 0") }
    }

    func run() throws {
        try global.apply()
        let g = try input.load()
        let r = try g.pagerank(options: .init(alpha: alpha, tolerance: tol, maxIterations: maxIter,
                                              weighted: input.weight != nil))
        if !r.converged {
            CLIOutput.writeErr("pframe: warning: PageRank did not converge in \(r.iterations) iterations\n")
        }
        try output.emit(try sortedByRank(r.table, g))
    }

    /// The table ordered by descending rank (ties by vertex order).
    func sortedByRank(_ t: Table, _ g: GraphFrame) throws -> Table {
        let ranks = try t.column(named: "rank").flatMap { c in
            let a = try PrimitiveArray<Double>(c)
            return (0..<c.length).map { a[$0] ?? 0 }
        }
        let order = ranks.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] > ranks[$1] : $0 < $1 }
        let b = PrimitiveBuilder<Double>(type: .float64, capacity: order.count)
        for i in order { b.append(ranks[i]) }
        return Table(try RecordBatch([("vertex", g.idColumn(order.map { Int64($0) })), ("rank", try b.finish())]))
    }
}
