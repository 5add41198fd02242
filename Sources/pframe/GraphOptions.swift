import ArgumentParser
import ParquetFrame

/// The edge file and how to read it, shared by the `pframe graph` subcommands.
struct GraphInputOptions: ParsableArguments {
    @Argument(help: "Edge file (.parquet, .csv, .tsv, .avro).") var edges: String
    @Option(name: .long, help: "Source-vertex column.") var src = "src"
    @Option(name: .long, help: "Target-vertex column.") var dst = "dst"
    @Option(name: .long, help: "Edge-weight column (numeric; default: unweighted).") var weight: String?
    @Flag(name: .long, help: "Treat edges as undirected.") var undirected = false

    /// Reads the edge file and builds the graph.
    func load() throws -> GraphFrame {
        let columns = [src, dst] + (weight.map { [$0] } ?? [])
        let table = try DataFiles.read(edges, columns: columns)
        let clock = ContinuousClock()
        var g: GraphFrame?
        let elapsed = try clock.measure {
            g = try GraphFrame.from(table: table, src: src, dst: dst, weight: weight, directed: !undirected)
        }
        guard let g else { throw CLIFailure("graph build failed") }
        Log.info("graph built in \(elapsed): \(g.graph.vertexCount) vertices, \(g.graph.edgeCount) edges")
        return g
    }
}

/// Where results go, shared by the algorithm subcommands.
struct GraphOutputOptions: ParsableArguments {
    @Option(name: .long, help: "Print at most N rows (default 20); with -o, write only the first N rows.")
    var top: Int?
    @Option(name: [.customShort("o"), .long], help: "Write the result table to this file (.parquet, .csv or .tsv).")
    var output: String?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be >= 0") }
    }

    /// Prints or writes `table`.
    func emit(_ table: Table) throws {
        if let output {
            let t = top.map { table.head($0) } ?? table
            try GraphResultWriter.write(t, to: output)
            CLIOutput.writeErr("wrote \(t.numRows) rows to \(output)\n")
        } else {
            print(TablePreview.render(table, maxRows: top ?? 20))
        }
    }
}

/// Parses a vertex given on the command line: an integer for integer-id graphs, the
/// text itself for string-id graphs.
func parseVertex(_ text: String, in g: GraphFrame) throws -> VertexID {
    if g.hasStringIds { return .string(text) }
    guard let v = Int64(text) else {
        throw ValidationError("vertex '\(text)' is not an integer (the graph has integer ids)")
    }
    return .int(v)
}
