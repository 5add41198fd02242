/// `type: read` — reads a data file (Parquet, CSV/TSV, Avro: whatever ``DataFiles`` supports).
///
/// Params: `path` (relative to `work_dir`; default: the step's first input, when it is a
/// file path), `format` (`auto` by extension, `parquet`, `csv`, `tsv`, `avro`), `columns`
/// (list or `a,b,c`), `limit` (first N rows), and for CSV `delimiter`, `header`,
/// `skip_rows`, `null_values`. When the first input names a *step*, its table is used
/// instead of a file (then only `columns` and `limit` apply). Produces the table.
///
/// A file written by an earlier `command` step must be ordered with `depends_on`.
public struct ReadStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["path"] + WorkflowFiles.readOptionKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "read" }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: ReadStep.keys)
        _ = parse(&p)
        return p.issues
    }

    private func parse(_ p: inout StepParameters) -> (String?, WorkflowFiles.ReadOptions) {
        let path = p.string("path")
        if path == nil && p.step.inputs.isEmpty {
            p.fail("needs 'path' or an input (a file path or a step)", key: nil)
        }
        if let path, (try? WorkflowFiles.resolveFormat("auto", path: path)) == nil, !p.has("format") {
            p.fail("cannot tell the format of '\(path)' from its extension; set 'format'", key: "path")
        }
        return (path, WorkflowFiles.ReadOptions.parse(&p))
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: ReadStep.keys)
        let (path, options) = parse(&p)
        try p.check()
        try context.cancellation.check()
        var table: Table
        if let path {
            table = try WorkflowFiles.read(context.resolve(path), options: options)
        } else if let first = context.definition.inputs.first, let t = context.inputs[first],
                  !(first.contains("/") || first.contains(".")) || !fileExists(context.resolve(first)) {
            // The output of an upstream step.
            table = t
            if let cols = options.columns { table = try table.select(cols) }
            if let limit = options.limit, limit < table.numRows { table = table.head(limit) }
        } else if let first = context.definition.inputs.first {
            table = try WorkflowFiles.read(context.resolve(first), options: options)
        } else {
            throw .invalidArgument("step '\(context.stepName)': nothing to read")
        }
        context.reportProgress(rows: table.numRows)
        return StepOutput(table: table)
    }
}
