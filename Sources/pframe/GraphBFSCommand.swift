import ArgumentParser
import ParquetFrame

/// `pframe graph bfs EDGES --source V`: hop distances and BFS predecessors.
struct GraphBFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bfs", abstract: "Breadth-first search: vertex, distance, predecessor.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Option(name: .long, help: "Source vertex (repeat for several sources).") var source: [String] = []
    @Option(name: .customLong("max-depth"), help: "Stop after this many hops.") var maxDepth: Int?
    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        if source.isEmpty { throw ValidationError("missing --source") }
        if let maxDepth, maxDepth < 0 { throw ValidationError("--max-depth must be >= 0") }
    }

    func run() throws {
        try global.apply()
        let g = try input.load()
        let sources = try source.map { try parseVertex($0, in: g) }
        try output.emit(try g.bfs(sources: sources, maxDepth: maxDepth))
    }
}
