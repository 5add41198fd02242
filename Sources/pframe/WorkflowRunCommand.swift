import ArgumentParser
import ParquetFrame

/// `pframe workflow run FILE`: runs a workflow with live progress; Ctrl-C stops it
/// gracefully. Exit code 1 when the run failed or was cancelled.
struct WorkflowRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a workflow (progress on stderr, summary on stdout; exit 1 unless it succeeded).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var input: WorkflowFileOptions
    @Option(name: .customLong("max-parallel"), help: "Most steps at once (default: the workflow's max_parallel, else the threads).")
    var maxParallel: Int?
    @Flag(name: .customLong("dry-run"), help: "Validate and print the execution order without running anything.")
    var dryRun = false
    @Option(name: .long, help: "Resume the failed/cancelled run with this id (its completed steps are reused).")
    var resume: String?
    @Option(name: .customLong("history-dir"), help: "Run records directory (default <work_dir>/.pframe-history).")
    var historyDir: String?
    @Flag(name: .long, help: "No progress lines.") var quiet = false
    @Flag(name: .long, help: "Print the run record as JSON on stdout instead of the summary.") var json = false

    func validate() throws {
        if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be >= 1") }
    }

    func run() throws {
        try global.apply()
        let wf = try input.load()
        try reportIssues(wf.validate(), file: input.file)
        if dryRun { return printPlan(wf) }
        // The working directory is created when missing, so outputs have somewhere to go.
        try makeDirectories(wf.definition.config.workDir)

        var options = RunOptions()
        options.maxParallel = maxParallel
        options.resumeRunID = resume
        options.historyDir = historyDir
        options.keepOutputs = false
        let display = WorkflowProgressDisplay(total: wf.definition.steps.count, quiet: quiet)
        options.onEvent = { display.handle($0) }
        let token = CancellationToken()
        let interrupt = WorkflowInterrupt(token: token)
        let result: RunResult
        do {
            result = try wf.run(options: options, token: token)
        } catch {
            interrupt.stop()
            display.finish()
            throw error
        }
        interrupt.stop()
        display.finish()
        if json {
            print(RunHistory.encode(result))
        } else {
            WorkflowRunCommand.printSummary(result)
        }
        switch result.status {
        case .succeeded: return
        case .cancelled: throw CLIFailure("workflow '\(result.workflowName)' was cancelled (run \(result.runID))")
        case .failed:
            let first = result.steps.first { $0.status == .failed }
            throw CLIFailure("workflow '\(result.workflowName)' failed" + (first.map { ": step '\($0.name)': \($0.error ?? "failed")" } ?? ""))
        }
    }

    /// The steps by topological level.
    func printPlan(_ wf: Workflow) {
        let g = WorkflowGraph(wf.definition)
        var level = [Int](repeating: 0, count: g.names.count)
        for i in g.topologicalOrder() ?? [] {
            for d in g.dependencies[i] { level[i] = max(level[i], level[d] + 1) }
        }
        print("workflow '\(wf.definition.name)': \(g.names.count) steps (dry run: nothing is executed)")
        let maxLevel = level.max() ?? -1
        if maxLevel >= 0 {
            for l in 0...maxLevel {
                let steps = level.indices.filter { level[$0] == l }.map { i -> String in
                    let s = wf.definition.steps[i]
                    return "\(s.name) (\(s.type)\(s.output.map { " -> \($0)" } ?? ""))"
                }
                print("  stage \(l + 1): " + steps.joined(separator: ", "))
            }
        }
    }

    static func printSummary(_ r: RunResult) {
        let nameWidth = max(4, r.steps.map(\.name.count).max() ?? 4)
        let typeWidth = max(4, r.steps.map(\.type.count).max() ?? 4)
        print("run \(r.runID) of '\(r.workflowName)': \(r.status.rawValue) in \(fmt(r.endedAt - r.startedAt))s"
              + (r.resumedFrom.map { " (resumed from \($0))" } ?? ""))
        print("  " + "step".padded(nameWidth) + "  " + "type".padded(typeWidth) + "  status     attempts  seconds  rows")
        for s in r.steps {
            let secs = s.attemptDurations.reduce(0, +)
            var line = "  " + s.name.padded(nameWidth) + "  " + s.type.padded(typeWidth) + "  " + s.status.rawValue.padded(9)
                + "  " + String(s.attempts).padded(8) + "  " + fmt(secs).padded(7) + "  " + (s.rows.map(String.init) ?? "-")
            if let e = s.error, s.status != .completed { line += "  (\(e))" }
            print(line)
        }
        if let h = r.historyPath { print("history: \(h)") }
    }
}
