import ArgumentParser
import ParquetFrame

/// `pframe graph info EDGES`: vertex/edge counts, self-loops, multi-edges, degrees.
struct GraphInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Summary statistics of the graph in an edge file.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        try global.apply()
        let g = try input.load()
        if json { print(g.summaryJSON()); return }
        let s = g.graph.summary()
        let idType = g.hasStringIds ? "string" : (g.graph.idMap == nil ? "dense int64" : "int64 (mapped)")
        print("vertices:     \(s.vertexCount)")
        print("edges:        \(s.edgeCount) (\(s.isDirected ? "directed" : "undirected"))")
        print("weights:      \(g.weightColumn ?? "none")")
        print("vertex ids:   \(idType)")
        print("self-loops:   \(s.selfLoopCount)")
        print("multi-edges:  \(s.multiEdgeCount)")
        print("isolated:     \(s.isolatedCount)")
        print("\(s.isDirected ? "out-" : "")degree:   min \(s.minDegree), max \(s.maxDegree), mean \(s.meanDegree)")
        print("adjacency:    \(g.graph.byteCount) bytes")
    }
}
