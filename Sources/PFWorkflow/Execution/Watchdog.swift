#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread per run that cancels attempt tokens whose deadline passed (timeouts).
/// Started only when some step has a timeout.
final class Watchdog: @unchecked Sendable {
    private let lock = PthreadMutex()
    private let cond = PthreadCondition()
    private var entries: [Int: (deadline: Double, token: CancellationToken, seconds: Double)] = [:]
    private var nextID = 0
    private var stopping = false
    private var thread: pthread_t?
    private let clock: any WorkflowClock

    init(clock: any WorkflowClock) {
        self.clock = clock
        thread = startThread { [self] in loop() }
    }

    /// Cancels `token` after `seconds`; returns an id for ``disarm(_:)``.
    func arm(seconds: Double, token: CancellationToken) -> Int {
        lock.lock()
        nextID += 1
        let id = nextID
        entries[id] = (clock.now() + seconds, token, seconds)
        cond.signal()
        lock.unlock()
        return id
    }

    func disarm(_ id: Int) {
        lock.lock()
        entries[id] = nil
        lock.unlock()
    }

    func stop() {
        lock.lock()
        stopping = true
        cond.signal()
        lock.unlock()
        if let t = thread { pthread_join(t, nil) }
        thread = nil
    }

    private func loop() {
        lock.lock()
        while !stopping {
            let now = clock.now()
            var next = Double.infinity
            for (id, e) in entries {
                if e.deadline <= now {
                    e.token.cancel(reason: "timed out after \(JSONWriter.formatDouble(e.seconds))s")
                    entries[id] = nil
                } else {
                    next = min(next, e.deadline)
                }
            }
            // Wake at the next deadline; also poll periodically in case the clock is not real time.
            cond.wait(lock, seconds: min(max(next - now, 0.001), 0.05))
        }
        lock.unlock()
    }
}
