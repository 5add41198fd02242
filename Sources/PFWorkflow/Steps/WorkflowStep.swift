import PFColumnar

/// A step type: the code behind `type: <name>` in a workflow.
///
/// Implementations are stateless values shared by all steps of that type and called from
/// the scheduler's worker threads, so they must be `Sendable`. Register them in a
/// ``StepRegistry``; the scheduler never needs to change for a new type.
public protocol WorkflowStep: Sendable {
    /// The `type:` name, e.g. `command`.
    var typeName: String { get }

    /// Checks a step's parameters before anything runs; returns the problems (empty: fine).
    /// Use `step.location(of: "params")` or the parameter node's location in issues.
    func validate(step: StepDefinition) -> [ValidationIssue]

    /// Runs one attempt. Throw ``PFError`` to fail it (``PFError/cancelled(_:)`` when it
    /// stopped because `context.cancellation` was cancelled). Long-running work should poll
    /// `context.cancellation` so timeouts and cancellation take effect.
    func run(_ context: StepContext) throws(PFError) -> StepOutput
}

extension WorkflowStep {
    /// No parameter checks by default.
    public func validate(step: StepDefinition) -> [ValidationIssue] { [] }
}

/// What a successful attempt produced.
public struct StepOutput: Sendable {
    /// The output table, passed to dependents in memory (and written to `output` if set).
    public var table: Table?
    /// Rows produced (defaults to the table's row count).
    public var rows: Int?

    /// Creates an output.
    public init(table: Table? = nil, rows: Int? = nil) {
        self.table = table
        self.rows = rows ?? table?.numRows
    }

    /// No table.
    public static let none = StepOutput()
}

/// Everything a step sees while it runs.
public final class StepContext: @unchecked Sendable {
    /// The step's name.
    public let stepName: String
    /// The step's definition (type, params, inputs, output...).
    public let definition: StepDefinition
    /// The step's position in the workflow's step list (definition order, 0-based).
    public let stepIndex: Int
    /// Output tables of the steps named in `inputs` (and of file inputs when an
    /// ``InputReader`` is installed), by input name.
    public let inputs: [String: Table]
    /// The step's parameters (variables substituted).
    public var params: ConfigValue { definition.params }
    /// Poll this; cancelled on timeout of this attempt or cancellation of the run.
    public let cancellation: CancellationToken
    /// 1 for the first attempt, 2 for the first retry...
    public let attempt: Int
    /// The workflow's working directory.
    public let workDir: String
    /// The workflow's variables.
    public let variables: [String: String]
    private let onProgress: (@Sendable (Int) -> Void)?
    /// Captured standard output / error recorded in the run history (set by the step).
    public var capturedStdout: String?
    /// Captured standard error (see ``capturedStdout``).
    public var capturedStderr: String?
    /// Exit status or signal description of a subprocess, recorded in history.
    public var exitDescription: String?

    /// Creates a context (the scheduler does this; public for testing steps directly).
    public init(stepName: String, definition: StepDefinition, stepIndex: Int = 0, inputs: [String: Table] = [:],
                cancellation: CancellationToken = CancellationToken(), attempt: Int = 1,
                workDir: String = ".", variables: [String: String] = [:],
                onProgress: (@Sendable (Int) -> Void)? = nil) {
        self.stepName = stepName
        self.definition = definition
        self.stepIndex = stepIndex
        self.inputs = inputs
        self.cancellation = cancellation
        self.attempt = attempt
        self.workDir = workDir
        self.variables = variables
        self.onProgress = onProgress
    }

    /// Reports rows processed so far (forwarded as a `progress` event).
    public func reportProgress(rows: Int) { onProgress?(rows) }

    /// Records a subprocess's captured output in the history.
    public func recordOutput(stdout: String?, stderr: String?) {
        capturedStdout = stdout
        capturedStderr = stderr
    }

    /// Resolves a path against the working directory.
    public func resolve(_ path: String) -> String { joinPath(workDir, path) }
}
