import ArgumentParser
import ParquetFrame

/// `pframe workflow validate FILE`: every problem with its line; exit 1 when invalid.
struct WorkflowValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a workflow and list every problem with its line (exit 1 when invalid).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: WorkflowFileOptions

    func run() throws {
        try global.apply()
        let wf = try input.load()
        try reportIssues(wf.validate(), file: input.file)
        let n = wf.definition.steps.count
        print("\(input.file): workflow '\(wf.definition.name)' is valid (\(n) step\(n == 1 ? "" : "s"))")
    }
}
