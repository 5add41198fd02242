import ArgumentParser
import ParquetFrame

/// `pframe graph components EDGES`: weakly or strongly connected components.
struct GraphComponentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Connected components: vertex, component_id (the smallest vertex id of the component).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: GraphInputOptions
    @Flag(name: .long, help: "Strongly connected components (default: weak).") var strong = false
    @OptionGroup var output: GraphOutputOptions

    func run() throws {
        try global.apply()
        let g = try input.load()
        let r = strong ? ConnectedComponents.strong(g.graph) : ConnectedComponents.weak(g.graph)
        CLIOutput.writeErr("\(r.componentCount) \(strong ? "strongly" : "weakly") connected components\n")
        try output.emit(try g.components(strong: strong))
    }
}
