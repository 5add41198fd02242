import ArgumentParser
import ParquetFrame

/// `pframe workflow ...`: run, validate and inspect YAML workflows.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "Run, validate and inspect DAG workflows (YAML).",
        discussion: """
        Step types: command, noop, read, write, graph.build, graph.pagerank, graph.bfs,
        graph.sssp, graph.components (python steps need the Python API: pf.Workflow).
        Examples:
          pframe workflow validate examples/pipeline.yaml
          pframe workflow run examples/pipeline.yaml -V rows=5000 --max-parallel 4
          pframe workflow run pipeline.yaml --resume 20250102T030405Z-1a2b3c
          pframe workflow graph examples/pipeline.yaml --format mermaid
          pframe workflow history --dir examples/work/.pframe-history --last 5
        """,
        subcommands: [WorkflowRunCommand.self, WorkflowValidateCommand.self, WorkflowGraphCommand.self,
                      WorkflowHistoryCommand.self])
}

/// Loading a workflow file for the CLI, with `-V key=value` overrides.
struct WorkflowFileOptions: ParsableArguments {
    @Argument(help: "Workflow YAML (or .json) file.") var file: String

    @Option(name: [.customShort("V"), .customLong("var")], parsing: .singleValue,
            help: "Set a variable (repeatable): -V key=value.")
    var variables: [String] = []

    /// The variables as a dictionary.
    func variableMap() throws -> [String: String] {
        var out: [String: String] = [:]
        for v in variables {
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                throw ValidationError("-V expects key=value, got '\(v)'")
            }
            out[String(v[..<eq])] = String(v[v.index(after: eq)...])
        }
        return out
    }

    /// The workflow bound to the CLI's registry (every built-in and data step type).
    func load() throws -> Workflow {
        let vars = try variableMap()
        let def: WorkflowDefinition
        if file.lowercased().hasSuffix(".json") {
            def = try WorkflowDefinition.load(json: try readTextFile(file), variables: vars)
        } else {
            def = try WorkflowDefinition.load(path: file, variables: vars)
        }
        return Workflow(def, registry: WorkflowSteps.standardRegistry())
    }
}

/// Prints validation issues; throws a runtime failure when there are any.
func reportIssues(_ issues: [ValidationIssue], file: String) throws {
    guard !issues.isEmpty else { return }
    var text = ""
    for i in issues { text += "\(file): \(i.description)\n" }
    CLIOutput.writeErr(text)
    throw CLIFailure("\(file): \(issues.count) problem\(issues.count == 1 ? "" : "s") found")
}
