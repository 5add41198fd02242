#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time source of the scheduler: monotonic time and the sleep between retries.
///
/// Inject a fake clock in tests to observe the exact backoff waits without waiting.
/// Timeouts of running steps are measured with ``now()`` as well.
public protocol WorkflowClock: Sendable {
    /// Monotonic time in seconds (arbitrary origin).
    func now() -> Double
    /// Sleeps `seconds`, returning early (false) when `token` is cancelled.
    func sleep(seconds: Double, token: CancellationToken) -> Bool
}

/// The real clock: `CLOCK_MONOTONIC`, sleeping in short slices so cancellation is prompt.
public struct SystemClock: WorkflowClock {
    /// Creates the clock.
    public init() {}

    public func now() -> Double { monotonicSeconds() }

    public func sleep(seconds: Double, token: CancellationToken) -> Bool {
        let end = now() + seconds
        while true {
            if token.isCancelled { return false }
            let left = end - now()
            if left <= 0 { return true }
            sleepSeconds(min(left, 0.01))
        }
    }
}

/// Monotonic time in seconds.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Wall-clock time in seconds since the Unix epoch.
public func wallClockSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Sleeps the calling thread.
func sleepSeconds(_ s: Double) {
    guard s > 0 else { return }
    var req = timespec(tv_sec: Int(s), tv_nsec: Int((s - Double(Int(s))) * 1e9))
    var rem = timespec()
    while nanosleep(&req, &rem) != 0 && errno == EINTR { req = rem }
}
