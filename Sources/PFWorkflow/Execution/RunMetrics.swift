#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timings the scheduler reports about one run (pass one in ``RunOptions/metrics``).
///
/// `engineSeconds` is the scheduler's own wall time: from the start of the scheduler's
/// setup (per-step records, dependency counters, the initial ready queues) to the moment
/// its last worker thread has been joined after the last step finished. It includes
/// worker-thread start and join, every dispatch, the steps themselves, progress
/// callbacks and the cascade of skips. It excludes what happens before the scheduler is
/// created (definition parsing, variable substitution, validation, graph construction,
/// step-type lookup, loading a resumed run) and after it returns (building the
/// ``RunResult``, writing the history record, encoding the result as JSON).
public final class RunMetrics: @unchecked Sendable {
    private let lock = PthreadMutex()
    private var _engineSeconds: Double = 0
    private var _workerThreads: Int = 0

    /// Creates an empty set of metrics.
    public init() {}

    /// Scheduler wall time of the last run that used this object (see the type's doc).
    public var engineSeconds: Double {
        lock.lock(); defer { lock.unlock() }
        return _engineSeconds
    }

    /// Worker threads the scheduler started for the last run (not counting the calling
    /// thread, which works for the dedicated pool, see ``RunOptions/dedicatedStepTypes``).
    public var workerThreads: Int {
        lock.lock(); defer { lock.unlock() }
        return _workerThreads
    }

    func record(engineSeconds: Double, workerThreads: Int) {
        lock.lock(); defer { lock.unlock() }
        _engineSeconds = engineSeconds
        _workerThreads = workerThreads
    }
}
