import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `type: command` — runs a subprocess (posix_spawn, no shell unless asked for).
///
/// Params:
/// - `args`: the program and its arguments, e.g. `[python3, script.py, "${input}"]`
///   (searched in `PATH`); or `shell`: a string run with `/bin/sh -c`.
/// - `env`: a mapping of extra environment variables (the parent's environment is inherited).
/// - `cwd`: working directory (relative to the workflow's `work_dir`; default `work_dir`).
/// - `grace_period`: seconds between SIGTERM and SIGKILL on timeout/cancel (default 2).
///
/// Standard output and error are captured (the last 64 KiB of each) into the run history.
/// A non-zero exit status or a death by signal fails the attempt. On timeout or
/// cancellation the process group gets SIGTERM, then SIGKILL after the grace period.
/// Produces no table.
public struct CommandStep: WorkflowStep {
    /// Bytes of each stream kept in the history.
    public static let captureLimit = 64 * 1024

    /// Creates the step type.
    public init() {}

    public var typeName: String { "command" }

    static let keys = ["args", "shell", "env", "cwd", "grace_period"]

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        let p = step.params
        let at = step.location(of: "params")
        for e in p.entries ?? [] where !CommandStep.keys.contains(e.key) {
            out.append(ValidationIssue("unknown command parameter '\(e.key)'" + Suggestion.hint(e.key, CommandStep.keys)
                                       + "; valid: " + CommandStep.keys.joined(separator: ", "),
                                       at: e.keyLocation ?? at, step: step.name))
        }
        switch (p["args"], p["shell"]) {
        case (nil, nil):
            out.append(ValidationIssue("command step '\(step.name)' needs 'args' (a list) or 'shell' (a string) in params",
                                       at: at, step: step.name))
        case (.some, .some):
            out.append(ValidationIssue("command step '\(step.name)' has both 'args' and 'shell'; use one", at: at, step: step.name))
        case (.some(let a), nil):
            if (a.items?.isEmpty ?? true) || a.items!.contains(where: { $0.scalarText == nil }) {
                out.append(ValidationIssue("'args' must be a non-empty list of strings", at: a.location ?? at, step: step.name))
            }
        case (nil, .some(let s)):
            if s.stringValue == nil { out.append(ValidationIssue("'shell' must be a string", at: s.location ?? at, step: step.name)) }
        }
        if let env = p["env"], env.entries == nil || env.entries!.contains(where: { $0.value.scalarText == nil }) {
            out.append(ValidationIssue("'env' must be a mapping of names to strings", at: env.location ?? at, step: step.name))
        }
        if let cwd = p["cwd"], cwd.stringValue == nil {
            out.append(ValidationIssue("'cwd' must be a string", at: cwd.location ?? at, step: step.name))
        }
        if let g = p["grace_period"], (g.doubleValue ?? -1) < 0 {
            out.append(ValidationIssue("'grace_period' must be a number >= 0", at: g.location ?? at, step: step.name))
        }
        return out
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        let p = context.params
        var argv: [String]
        if let shell = p["shell"]?.stringValue {
            argv = ["/bin/sh", "-c", shell]
        } else {
            argv = (p["args"]?.items ?? []).compactMap(\.scalarText)
        }
        guard !argv.isEmpty else { throw .invalidArgument("command step '\(context.stepName)' has no args") }
        var env: [String: String] = [:]
        for e in p["env"]?.entries ?? [] { env[e.key] = e.value.scalarText ?? "" }
        let cwd = p["cwd"]?.stringValue.map { context.resolve($0) } ?? context.workDir
        let grace = p["grace_period"]?.doubleValue ?? 2
        let result = try Subprocess.run(argv: argv, environment: env, cwd: cwd, token: context.cancellation,
                                        gracePeriod: grace, captureLimit: CommandStep.captureLimit)
        context.recordOutput(stdout: result.stdout, stderr: result.stderr)
        context.exitDescription = result.statusDescription
        if let reason = result.cancelledReason {
            throw .cancelled("\(reason); command terminated (\(result.statusDescription))")
        }
        if !result.succeeded {
            throw .io("command '\(argv[0])' \(result.statusDescription)")
        }
        return .none
    }
}
