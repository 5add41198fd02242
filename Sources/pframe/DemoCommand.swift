import ArgumentParser
import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

/// `pframe demo`: the guided tour of what works today.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a table in Swift, show it, and hand it to Python (pyarrow) without copying.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Rows of the generated table.")
    var rows: Int = 1_000_000

    @Option(name: .long, help: "Python interpreter with parquetframe installed (default: $PARQUETFRAME_PYTHON).")
    var python: String?

    func run() throws {
        try global.apply()
        guard rows >= 0 else { throw ValidationError("--rows must be >= 0") }
        print("== 1. A table generated natively in Swift ==")
        let clock = ContinuousClock()
        var table: Table? = nil
        let elapsed = try clock.measure { table = try DemoTable.make(rows: rows, batchRows: 0) }
        guard let table else { return }
        print(TablePreview.render(table, maxRows: 8))
        print("generated \(table.numRows) rows × \(table.numColumns) columns in \(elapsed)\n")

        print("== 2. Through the Arrow C Stream interface (zero-copy) ==")
        let stream = ArrowArrayStreamBox()
        table.exportToC(stream.pointer)
        let back = try Table.importFromC(stream.pointer)
        let same = zip(table.batches[0].columns, back.batches[0].columns).allSatisfy {
            $0.buffers.last??.baseAddress == $1.buffers.last??.baseAddress
        }
        print("exported and re-imported: equal=\(back.equals(table)), same buffer addresses=\(same)\n")
        stream.free()

        print("== 3. Handed to Python ==")
        let py = python ?? Environment.get("PARQUETFRAME_PYTHON")
        if let py {
            let status = try Subprocess.run([py, "-m", "parquetframe.demo", "--rows", String(rows)])
            if status != 0 { throw CLIFailure("the Python demo exited with status \(status)") }
        } else {
            print("(set PARQUETFRAME_PYTHON or --python to run the Python part; `make demo` does this)")
        }

        print("\n== 4. A workflow: CSV -> Parquet -> graph -> PageRank/components ==")
        try runWorkflowDemo()
    }

    /// Runs `examples/pipeline.yaml` with its work directory under a new temporary directory.
    func runWorkflowDemo() throws {
        var candidates = ["examples/pipeline.yaml"]
        if let exe = CommandLine.arguments.first, let slash = exe.lastIndex(of: "/") {
            let dir = String(exe[..<slash])
            candidates += [dir + "/../../examples/pipeline.yaml", dir + "/../../../examples/pipeline.yaml"]
        }
        guard let file = candidates.first(where: { fileExists($0) }) else {
            print("(examples/pipeline.yaml not found: run `pframe demo` from the repository root)")
            return
        }
        var template = Array("/tmp/pframe-demo-XXXXXX".utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw CLIFailure("cannot create a temporary directory")
        }
        let def = try WorkflowDefinition.load(path: file, variables: ["work": dir])
        let wf = Workflow(def, registry: WorkflowSteps.standardRegistry())
        try reportIssues(wf.validate(), file: file)
        print("running \(file) (\(def.steps.count) steps) in \(dir)")
        var options = RunOptions()
        options.keepOutputs = true
        let result = try wf.run(options: options)
        WorkflowRunCommand.printSummary(result)
        if let ranks = result.outputs["pagerank"] {
            print("\nPageRank (first rows):")
            print(TablePreview.render(ranks, maxRows: 5))
        }
        if result.status != .succeeded { throw CLIFailure("the demo workflow \(result.status.rawValue)") }
    }
}
