import ParquetFrame
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Live progress of a run on standard error: one line per event, or — when stderr is a
/// terminal — an in-place status line (retries and failures are kept as lines).
final class WorkflowProgressDisplay: Sendable {
    private struct State {
        var running: [String] = []
        var done = 0
        var failed = 0
        var skipped = 0
        var cancelled = 0
        var lastLength = 0
    }

    private let total: Int
    private let tty: Bool
    private let quiet: Bool
    private let start = monotonicSeconds()
    private let state = Mutex(State())

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
        tty = isatty(2) != 0
    }

    /// Handles one event (called on worker threads).
    func handle(_ e: ProgressEvent) {
        if quiet { return }
        state.withLock { s in
            switch e.kind {
            case .started: if !s.running.contains(e.step) { s.running.append(e.step) }
            case .completed: s.running.removeAll { $0 == e.step }; s.done += 1
            case .failed: s.running.removeAll { $0 == e.step }; s.failed += 1
            case .cancelled: s.running.removeAll { $0 == e.step }; s.cancelled += 1
            case .skipped: s.skipped += 1
            case .retrying, .progress: break
            }
            let t = monotonicSeconds() - start
            if tty {
                var text = ""
                let permanent = e.kind == .failed || e.kind == .retrying || e.kind == .cancelled
                if permanent || e.kind == .completed {
                    text += "\r\u{1B}[K" + line(e, t) + "\n"
                }
                let status = "[\(fmt(t))s] \(s.done)/\(total) done, \(s.failed) failed, \(s.skipped) skipped"
                    + (s.cancelled > 0 ? ", \(s.cancelled) cancelled" : "")
                    + (s.running.isEmpty ? "" : " | running: " + s.running.prefix(4).joined(separator: ", ")
                       + (s.running.count > 4 ? ", …" : ""))
                text += "\r\u{1B}[K" + String(status.prefix(200))
                CLIOutput.writeErr(text)
            } else {
                CLIOutput.writeErr(line(e, t) + "\n")
            }
        }
    }

    /// Ends the status line (TTY mode).
    func finish() {
        if tty && !quiet { CLIOutput.writeErr("\r\u{1B}[K") }
    }

    private func line(_ e: ProgressEvent, _ t: Double) -> String {
        var s = "[\(fmt(t))s] \(e.kind.rawValue.padded(9)) \(e.step)"
        if e.attempt > 1 || e.kind == .retrying { s += " (attempt \(e.attempt))" }
        if let d = e.duration, e.kind != .progress { s += " in \(fmt(d))s" }
        if let r = e.rows { s += " rows=\(r)" }
        if let d = e.delay { s += " retry in \(fmt(d))s" }
        if let m = e.message { s += ": \(m)" }
        return s
    }
}

/// Seconds with 3 decimals.
func fmt(_ x: Double) -> String {
    let ms = Int((x * 1000).rounded())
    let frac = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

extension String {
    /// The string padded with spaces to `width`.
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
