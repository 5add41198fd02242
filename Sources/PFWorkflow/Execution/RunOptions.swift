import PFColumnar

/// How to run a workflow.
public struct RunOptions: Sendable {
    /// Most steps at once; nil: the workflow's `max_parallel`, else the CPU thread count.
    public var maxParallel: Int?
    /// CPU pool threads; nil: `ThreadPool.shared.threadCount` (the thread setting).
    public var cpuThreads: Int?
    /// IO pool threads (default 16).
    public var ioThreads: Int = 16
    /// Where run records go; nil: `<work_dir>/.pframe-history`.
    public var historyDir: String?
    /// Write a run record (default true).
    public var writeHistory: Bool = true
    /// Re-run the failed/cancelled run with this id, reusing its completed steps.
    public var resumeRunID: String?
    /// Time source and retry sleeper (inject a fake in tests).
    public var clock: any WorkflowClock = SystemClock()
    /// Seed of the backoff jitter (per step and attempt, so results do not depend on timing).
    public var seed: UInt64 = 0x5EED
    /// Progress callback, called on worker threads.
    public var onEvent: (@Sendable (ProgressEvent) -> Void)?
    /// Output writer for steps with `output` (nil: ``WorkflowIO/defaultWriter``).
    public var outputWriter: (any OutputWriter)?
    /// Reader for file inputs (nil: ``WorkflowIO/defaultReader``).
    public var inputReader: (any InputReader)?
    /// Keep every step's output table in ``RunResult/outputs`` (default true).
    public var keepOutputs: Bool = true

    /// Steps of these types run on a dedicated pool of ``dedicatedThreads`` worker threads
    /// instead of their `pool` (used for `python` steps, which serialize on the GIL anyway:
    /// one thread avoids handing the GIL between threads on every step). The thread that
    /// called ``Workflow/run(options:token:)`` is the pool's first worker, so with one
    /// dedicated thread those steps run on the caller's thread. Empty: off.
    public var dedicatedStepTypes: Set<String> = []
    /// Threads of the dedicated pool (at least 1; also bounded by the run's `max_parallel`).
    public var dedicatedThreads: Int = 1
    /// Receives the scheduler's own timings (see ``RunMetrics``).
    public var metrics: RunMetrics?

    /// Default options.
    public init() {}
}
