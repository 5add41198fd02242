/// `type: write` — writes its input table to a file, atomically.
///
/// Params: `path` (required, relative to `work_dir`), `format` (`auto` by extension,
/// `parquet`, `csv`, `tsv`); Parquet: `compression` (none, snappy, gzip, zstd, lz4_raw,
/// brotli; default zstd), `compression_level`, `row_group_size`, `data_page_size`,
/// `dictionary`; CSV: `delimiter`, `header`, `null_token`. Takes exactly one input (a step
/// or a file) and passes the table on, so later steps can depend on it.
public struct WriteStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["path"] + WorkflowFiles.writeOptionKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "write" }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: WriteStep.keys)
        _ = parse(&p)
        return p.issues
    }

    private func parse(_ p: inout StepParameters) -> (String?, WorkflowFiles.WriteOptions) {
        let path = p.string("path", required: true)
        if p.step.inputs.count != 1 {
            p.fail("needs exactly one input (the table to write), got \(p.step.inputs.count)", key: nil)
        }
        let options = WorkflowFiles.WriteOptions.parse(&p)
        if let path, options.format == "auto" {
            let f = try? WorkflowFiles.resolveFormat("auto", path: path)
            if f == nil || f == "avro" {
                p.fail("cannot write '\(path)': use a .parquet, .csv or .tsv name, or set 'format'", key: "path")
            }
        }
        return (path, options)
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: WriteStep.keys)
        let (path, options) = parse(&p)
        try p.check()
        guard let path, let input = context.definition.inputs.first, let table = context.inputs[input] else {
            throw .invalidArgument("step '\(context.stepName)': input '\(context.definition.inputs.first ?? "")' produced no table")
        }
        try context.cancellation.check()
        try WorkflowFiles.write(table, to: context.resolve(path), options: options)
        context.reportProgress(rows: table.numRows)
        return StepOutput(table: table)
    }
}
