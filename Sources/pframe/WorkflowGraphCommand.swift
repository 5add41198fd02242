import ArgumentParser
import ParquetFrame

/// `pframe workflow graph FILE --format mermaid|dot`: the DAG as text.
struct WorkflowGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the workflow's DAG as a Mermaid flowchart or Graphviz DOT.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: WorkflowFileOptions
    @Option(name: .long, help: "mermaid or dot.") var format: String = "mermaid"

    func validate() throws {
        if !["mermaid", "dot"].contains(format.lowercased()) {
            throw ValidationError("--format must be mermaid or dot, got '\(format)'")
        }
    }

    func run() throws {
        try global.apply()
        let wf = try input.load()
        let text = format.lowercased() == "dot" ? wf.toDot() : wf.toMermaid()
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
