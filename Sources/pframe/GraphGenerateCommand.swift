import ArgumentParser
import ParquetFrame

/// `pframe graph generate rmat|uniform ...`: seeded synthetic edge lists.
struct GraphGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a seeded edge list (Kronecker/R-MAT or uniform) as src,dst columns.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "rmat or uniform.") var kind: String
    @Option(name: .long, help: "2^scale vertices.") var scale = 10
    @Option(name: .customLong("edge-factor"), help: "Edges per vertex.") var edgeFactor = 16
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 1
    @Option(name: [.customShort("o"), .long], help: "Output file (.csv; .parquet once the writer lands).")
    var output: String

    func validate() throws {
        if kind != "rmat" && kind != "uniform" { throw ValidationError("kind must be rmat or uniform") }
        if scale < 0 || scale > 30 { throw ValidationError("--scale must be in 0...30") }
        if edgeFactor < 0 { throw ValidationError("--edge-factor must be >= 0") }
    }

    func run() throws {
        try global.apply()
        let V = 1 << scale
        let e = kind == "rmat"
            ? GraphGenerators.rmat(scale: scale, edgeFactor: edgeFactor, seed: seed)
            : GraphGenerators.uniform(vertices: V, edges: V * edgeFactor, seed: seed)
        let s = PrimitiveBuilder<Int64>(type: .int64, capacity: e.sources.count)
        let d = PrimitiveBuilder<Int64>(type: .int64, capacity: e.targets.count)
        s.append(contentsOf: e.sources)
        d.append(contentsOf: e.targets)
        let table = Table(try RecordBatch([("src", try s.finish()), ("dst", try d.finish())]))
        try GraphResultWriter.write(table, to: output)
        CLIOutput.writeErr("wrote \(table.numRows) edges over \(V) vertices to \(output)\n")
    }
}
