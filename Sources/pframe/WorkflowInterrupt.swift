import ParquetFrame
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler (an atomic store is async-signal-safe).
private let interruptFlag = Atomic<Bool>(false)

/// Graceful Ctrl-C for `pframe workflow run`: the first SIGINT cancels the run's token
/// (running steps are cancelled, nothing new starts, the history records it); a second
/// SIGINT kills the process as usual.
///
/// The signal handler only sets a flag and restores the default action; a watcher thread
/// polls the flag and cancels the token outside the handler (cancelling takes a lock,
/// which a signal handler must not).
final class WorkflowInterrupt: @unchecked Sendable {
    private let token: CancellationToken
    private let done = Atomic<Bool>(false)
    private var thread: pthread_t?

    /// Installs the handler and starts the watcher.
    init(token: CancellationToken) {
        self.token = token
        interruptFlag.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in
            interruptFlag.store(true, ordering: .relaxed)
            signal(SIGINT, SIG_DFL)
        }
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, { arg in
            guard let arg else { return nil }
            let me = Unmanaged<WorkflowInterrupt>.fromOpaque(arg).takeRetainedValue()
            me.watch()
            return nil
        }, box)
        if rc == 0 { thread = tid } else { Unmanaged<WorkflowInterrupt>.fromOpaque(box).release() }
    }

    /// Whether Ctrl-C was pressed.
    var interrupted: Bool { interruptFlag.load(ordering: .relaxed) }

    private func watch() {
        while !done.load(ordering: .relaxed) {
            if interruptFlag.load(ordering: .relaxed) {
                CLIOutput.writeErr("\npframe: interrupted: cancelling the run (Ctrl-C again to kill)\n")
                token.cancel(reason: "interrupted (SIGINT)")
                return
            }
            usleep(20_000)
        }
    }

    /// Stops the watcher and restores the default SIGINT action.
    func stop() {
        done.store(true, ordering: .relaxed)
        if let thread { pthread_join(thread, nil) }
        signal(SIGINT, SIG_DFL)
    }
}
