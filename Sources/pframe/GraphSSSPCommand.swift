import ArgumentParser
import ParquetFrame

/// `pframe graph sssp EDGES --source V`: shortest-path distances.
struct GraphSSSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sssp",
        abstract: "Shortest paths (Dijkstra or delta-stepping): vertex, distance, predecessor.",
        discussion: "With --weight, distances sum the (non-negative) weights; without, they count hops.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Option(name: .long, help: "Source vertex (repeat for several sources).") var source: [String] = []
    @Option(name: .long, help: "dijkstra or delta.") var algorithm = "dijkstra"
    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        if source.isEmpty { throw ValidationError("missing --source") }
        if algorithm != "dijkstra" && algorithm != "delta" {
            throw ValidationError("--algorithm must be dijkstra or delta")
        }
    }

    func run() throws {
        try global.apply()
        let g = try input.load()
        let sources = try source.map { try parseVertex($0, in: g) }
        let algo: ShortestPaths.Algorithm = algorithm == "dijkstra" ? .dijkstra : .deltaStepping(delta: nil)
        try output.emit(try g.shortestPaths(sources: sources, weighted: input.weight != nil, algorithm: algo))
    }
}
