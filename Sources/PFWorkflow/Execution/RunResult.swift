import PFColumnar

/// Final state of a step in a run.
public enum StepStatus: String, Sendable, Equatable {
    /// Never started (only seen while running).
    case pending
    /// Succeeded.
    case completed
    /// Failed after all attempts.
    case failed
    /// Not run: condition false, a dependency failed or was skipped, or scheduling stopped.
    case skipped
    /// Cancelled while running, or not started because the run was cancelled.
    case cancelled
    /// Not re-run on resume: it completed in the resumed run (see ``Workflow/run(options:token:)``).
    case reused
}

/// Final state of a run.
public enum RunStatus: String, Sendable, Equatable {
    /// Every step completed, was reused or was skipped by its condition.
    case succeeded
    /// A step failed.
    case failed
    /// The run was cancelled.
    case cancelled
}

/// What happened to one step.
public struct StepRecord: Sendable, Equatable {
    /// Step name.
    public var name: String
    /// Step type.
    public var type: String
    /// Final status.
    public var status: StepStatus = .pending
    /// Attempts made (0: never started).
    public var attempts: Int = 0
    /// Wall-clock start of the first attempt (seconds since the epoch).
    public var startedAt: Double?
    /// Wall-clock end of the last attempt.
    public var endedAt: Double?
    /// Seconds of each attempt.
    public var attemptDurations: [Double] = []
    /// Error of the last failed attempt, or the skip/cancel reason.
    public var error: String?
    /// Captured standard output (command steps; last 64 KiB).
    public var stdout: String?
    /// Captured standard error (command steps; last 64 KiB).
    public var stderr: String?
    /// Exit status text of a subprocess.
    public var exit: String?
    /// The `output` path (resolved), when the step has one.
    public var outputPath: String?
    /// Whether the output file was written by the run's ``OutputWriter``.
    public var outputWritten: Bool = false
    /// Rows produced.
    public var rows: Int?
    /// Whether the step produced an in-memory table.
    public var producedTable: Bool = false

    /// Creates a record.
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// The result of ``Workflow/run(options:token:)``.
public struct RunResult: Sendable {
    /// Unique run id (`20250102T030405Z-1a2b3c`).
    public var runID: String
    /// Workflow name.
    public var workflowName: String
    /// Overall status.
    public var status: RunStatus
    /// Wall-clock start / end (seconds since the epoch).
    public var startedAt: Double
    /// Wall-clock end.
    public var endedAt: Double
    /// One record per step, in definition order.
    public var steps: [StepRecord]
    /// Output tables of completed steps, by step name.
    public var outputs: [String: Table]
    /// The run record's path, when history was written.
    public var historyPath: String?
    /// The run this one resumed.
    public var resumedFrom: String?

    /// The record of a step.
    public func step(_ name: String) -> StepRecord? { steps.first { $0.name == name } }
}
