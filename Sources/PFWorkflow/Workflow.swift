import PFColumnar

/// A loaded workflow bound to a step registry: validate it, render it, run it.
///
/// ```swift
/// let wf = Workflow(try .load(path: "etl.yaml", variables: ["input": "x.parquet"]))
/// let issues = wf.validate()            // all problems, with YAML lines
/// let result = try wf.run(options: RunOptions(), token: nil)
/// ```
public final class Workflow: Sendable {
    /// The definition (variables substituted).
    public let definition: WorkflowDefinition
    /// The step types available to this workflow.
    public let registry: StepRegistry
    /// The DAG of ``definition`` (built once; validation and every run share it).
    public let graph: WorkflowGraph

    /// Binds a definition to a registry (default: the built-in types).
    public init(_ definition: WorkflowDefinition, registry: StepRegistry = .standard()) {
        self.definition = definition
        self.registry = registry
        graph = WorkflowGraph(definition)
    }

    /// Every problem of the workflow (empty when it can run).
    public func validate() -> [ValidationIssue] { WorkflowValidator.validate(definition, registry: registry, graph: graph) }

    /// The DAG as Mermaid text.
    public func toMermaid() -> String { definition.toMermaid() }
    /// The DAG as Graphviz DOT text.
    public func toDot() -> String { definition.toDot() }

    /// Runs the workflow and returns what happened to every step.
    ///
    /// Validation runs first; any issue fails the call with ``PFError/invalidArgument(_:)``
    /// listing them all, and nothing runs. A failing step does not throw: the result's
    /// status is `failed` (or `cancelled`) and the records say why. The run record is
    /// written to the history directory unless ``RunOptions/writeHistory`` is false.
    ///
    /// **Resume** (``RunOptions/resumeRunID``): a step is *reused* — not run again — when it
    /// completed in that run and either its `output` file exists, or it produced no table
    /// (e.g. a `command` step). Steps that produced only an in-memory table, and every step
    /// that did not complete, run again. Reused outputs are read back with the
    /// ``InputReader`` when one is installed.
    public func run(options: RunOptions = RunOptions(), token: CancellationToken? = nil) throws(PFError) -> RunResult {
        let issues = validate()
        guard issues.isEmpty else {
            throw .invalidArgument("workflow '\(definition.name)' is invalid:\n" + issues.map(\.description).joined(separator: "\n"))
        }
        var impls: [any WorkflowStep] = []
        impls.reserveCapacity(definition.steps.count)
        var byType: [String: any WorkflowStep] = [:]  // one registry lookup per type
        for i in definition.steps.indices {
            let type = definition.steps[i].type
            if let impl = byType[type] { impls.append(impl); continue }
            guard let impl = registry.lookup(type) else { throw .invalidArgument("unknown step type '\(type)'") }
            byType[type] = impl
            impls.append(impl)
        }
        let historyDir = options.historyDir ?? RunHistory.defaultDirectory(workDir: definition.config.workDir)
        var reused: [Int: StepRecord] = [:]
        if let resume = options.resumeRunID {
            let previous = try RunHistory.load(runID: resume, from: historyDir)
            guard previous.workflow == definition.name else {
                throw .invalidArgument("run '\(resume)' belongs to workflow '\(previous.workflow)', not '\(definition.name)'")
            }
            for (i, s) in definition.steps.enumerated() {
                guard let r = previous.steps[s.name], r.status == .completed || r.status == .reused else { continue }
                let path = s.output.map { joinPath(definition.config.workDir, $0) }
                if let path, fileExists(path) { reused[i] = r } else if s.output == nil && !r.producedTable { reused[i] = r }
            }
        }
        let runToken = token ?? CancellationToken()
        let runID = RunHistory.newRunID()
        let started = wallClockSeconds()
        let scheduler = Scheduler(def: definition, graph: graph, impls: impls, options: options, token: runToken, reused: reused)
        scheduler.run()
        let records = scheduler.finalRecords
        let status: RunStatus
        if records.contains(where: { $0.status == .failed }) { status = .failed }
        else if runToken.isCancelled || records.contains(where: { $0.status == .cancelled }) { status = .cancelled }
        else { status = .succeeded }
        var result = RunResult(runID: runID, workflowName: definition.name, status: status, startedAt: started,
                               endedAt: wallClockSeconds(), steps: records,
                               outputs: scheduler.finalOutputs, historyPath: nil, resumedFrom: options.resumeRunID)
        if options.writeHistory {
            do throws(PFError) {
                result.historyPath = try RunHistory.write(result, to: historyDir)
            } catch {
                Log.warn("workflow '\(definition.name)': cannot write run history: \(error)")
            }
        }
        return result
    }
}
