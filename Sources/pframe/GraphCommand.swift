import ArgumentParser
import ParquetFrame

/// `pframe graph ...`: graph analytics over edge files.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Graph analytics over edge tables (BFS, PageRank, components, ...).",
        subcommands: [])
}
