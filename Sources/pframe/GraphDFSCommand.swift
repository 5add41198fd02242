import ArgumentParser
import ParquetFrame

/// `pframe graph dfs EDGES --source V`: depth-first pre-order.
struct GraphDFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfs", abstract: "Depth-first search: visited vertices in pre-order (vertex, order, predecessor).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Option(name: .long, help: "Source vertex.") var source: String
    @Option(name: .customLong("max-depth"), help: "Maximum depth in the DFS tree.") var maxDepth: Int?
    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        if let maxDepth, maxDepth < 0 { throw ValidationError("--max-depth must be >= 0") }
    }

    func run() throws {
        try global.apply()
        let g = try input.load()
        try output.emit(try g.dfs(source: try parseVertex(source, in: g), maxDepth: maxDepth))
    }
}
