import PFColumnar

/// Which worker pool runs a step: `cpu` (sized by the thread setting) or `io` (a larger,
/// fixed number of threads for steps that mostly wait: subprocesses, network, disks).
public enum PoolKind: String, Sendable, Equatable, CaseIterable {
    case cpu
    case io
}

/// Workflow-wide settings (`config:` in YAML).
public struct WorkflowConfig: Sendable, Equatable {
    /// Most steps running at once (`max_parallel`; default: the CPU thread count).
    public var maxParallel: Int?
    /// Stop starting steps after the first failure (`stop_on_failure`, default true).
    /// When false, independent branches continue and dependents of a failed step are skipped.
    public var stopOnFailure: Bool = true
    /// Retries of a failing step when the step does not say (`default_retries`, default 0).
    public var defaultRetries: Int = 0
    /// Timeout of one attempt in seconds (`default_timeout`; nil: none).
    public var defaultTimeout: Double?
    /// Pool of steps that do not say (`default_pool`, default `cpu`).
    public var defaultPool: PoolKind = .cpu
    /// Backoff of steps that do not say (`default_backoff`).
    public var defaultBackoff = BackoffPolicy()
    /// Directory relative paths resolve against (`work_dir`, default ".").
    public var workDir: String = "."

    /// Creates the default configuration.
    public init() {}
}

/// One step of a workflow (an item of `steps:`).
public struct StepDefinition: Sendable, Equatable {
    /// Unique name.
    public var name: String
    /// Registered step type (`command`, `noop`, `python`, ...).
    public var type: String
    /// Names of other steps (their output tables are passed in) or file paths.
    public var inputs: [String] = []
    /// File the step's output table is written to (atomically), relative to `work_dir`.
    public var output: String?
    /// Free-form parameters for the step type (a mapping; variables substituted).
    public var params: ConfigValue = .emptyObject
    /// Steps that must finish first (besides those named in `inputs`).
    public var dependsOn: [String] = []
    /// Retries after a failed attempt (nil: the workflow default).
    public var retries: Int?
    /// Wait between attempts (nil: the workflow default).
    public var backoff: BackoffPolicy?
    /// Timeout of one attempt in seconds (nil: the workflow default).
    public var timeout: Double?
    /// Worker pool (nil: the workflow default).
    public var pool: PoolKind?
    /// Run condition (nil: always).
    public var when: StepCondition?
    /// Where the step is written (nil when built in code).
    public var location: SourceLocation?
    /// Where each key's value is written, for messages (`"type"`, `"inputs[0]"`, ...).
    public var locations: [String: SourceLocation] = [:]

    /// Creates a step.
    public init(name: String, type: String, inputs: [String] = [], output: String? = nil,
                params: ConfigValue = .emptyObject, dependsOn: [String] = []) {
        self.name = name
        self.type = type
        self.inputs = inputs
        self.output = output
        self.params = params
        self.dependsOn = dependsOn
    }

    /// The location recorded for `key`, else the step's.
    public func location(of key: String) -> SourceLocation? { locations[key] ?? location }
}

/// A workflow: named steps forming a DAG, variables and settings.
///
/// Build one from YAML (``load(yaml:variables:)``, ``load(path:variables:)``), from a
/// JSON/dictionary tree (``load(json:variables:)``, ``init(tree:variables:)``) or in code.
/// Loading never stops at the first problem: structural issues are kept in ``loadIssues``
/// and reported with everything else by ``Workflow/validate()``.
public struct WorkflowDefinition: Sendable {
    /// Workflow name (`name`; default "workflow").
    public var name: String = "workflow"
    /// Variables after overrides (`variables`), substituted into strings as `${name}`.
    public var variables: [String: String] = [:]
    /// Settings.
    public var config = WorkflowConfig()
    /// Steps in file order.
    public var steps: [StepDefinition] = []
    /// Problems found while loading (unknown keys, wrong types, bad variable references).
    public var loadIssues: [ValidationIssue] = []

    /// Creates an empty workflow.
    public init(name: String = "workflow", steps: [StepDefinition] = []) {
        self.name = name
        self.steps = steps
    }

    /// Loads a YAML document; `variables` override those of the file.
    public static func load(yaml: String, variables: [String: String] = [:]) throws(PFError) -> WorkflowDefinition {
        try WorkflowDefinition(tree: try YAMLParser.parse(yaml), variables: variables)
    }

    /// Loads a YAML file; `variables` override those of the file.
    public static func load(path: String, variables: [String: String] = [:]) throws(PFError) -> WorkflowDefinition {
        try load(yaml: try readTextFile(path), variables: variables)
    }

    /// Loads a JSON document with the same structure as the YAML form.
    public static func load(json: String, variables: [String: String] = [:]) throws(PFError) -> WorkflowDefinition {
        try WorkflowDefinition(tree: try JSONParser.parse(json), variables: variables)
    }
}
