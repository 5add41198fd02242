import PFColumnar

/// `type: noop` — does nothing; for tests and benchmarks.
///
/// Params: `sleep_ms` (sleep that long, polling cancellation), `fail_times` (fail the first
/// N attempts, then succeed), `hang: true` (block until cancelled, e.g. by a timeout),
/// `rows` (rows to report as produced). Passes its first input table through.
public struct NoopStep: WorkflowStep {
    /// Creates the step type.
    public init() {}

    public var typeName: String { "noop" }

    static let keys = ["sleep_ms", "fail_times", "hang", "rows"]

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        for e in step.params.entries ?? [] {
            if !NoopStep.keys.contains(e.key) {
                out.append(ValidationIssue("unknown noop parameter '\(e.key)'" + Suggestion.hint(e.key, NoopStep.keys),
                                           at: e.keyLocation ?? step.location(of: "params"), step: step.name))
            } else if e.key != "hang" && (NoopStep.int(e.value) ?? -1) < 0 {
                out.append(ValidationIssue("noop parameter '\(e.key)' must be an integer >= 0",
                                           at: e.value.location ?? step.location(of: "params"), step: step.name))
            }
        }
        return out
    }

    /// An integer parameter, also written as a string (`"${n}"`).
    static func int(_ v: ConfigValue) -> Int64? { v.intValue ?? v.stringValue.flatMap { Int64($0) } }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        let p = context.params
        if p.entries?.isEmpty ?? true {
            return StepOutput(table: context.definition.inputs.first.flatMap { context.inputs[$0] })
        }
        if let failTimes = p["fail_times"].flatMap(NoopStep.int), Int64(context.attempt) <= failTimes {
            throw .io("noop: planned failure \(context.attempt) of \(failTimes)")
        }
        if p["hang"]?.boolValue == true {
            while !context.cancellation.isCancelled { sleepSeconds(0.001) }
            throw .cancelled(context.cancellation.reason ?? "cancelled")
        }
        if let ms = p["sleep_ms"].flatMap(NoopStep.int), ms > 0 {
            let end = monotonicSeconds() + Double(ms) / 1000
            while monotonicSeconds() < end {
                try context.cancellation.check()
                sleepSeconds(min(0.001, end - monotonicSeconds()))
            }
        }
        let table = context.definition.inputs.first.flatMap { context.inputs[$0] }
        if let rows = p["rows"].flatMap(NoopStep.int) { return StepOutput(table: table, rows: Int(rows)) }
        return StepOutput(table: table)
    }
}
