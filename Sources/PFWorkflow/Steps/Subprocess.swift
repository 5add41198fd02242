import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a child process with posix_spawn, capturing its output through pipes and a poll
/// loop, and terminating it (SIGTERM, then SIGKILL) when a token is cancelled.
enum Subprocess {
    /// Serialises pipe creation and spawning (see ``run``).
    static let spawnLock = PthreadMutex()

    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    /// glibc >= 2.29 `posix_spawn_file_actions_addchdir_np` (not in the Swift overlay).
    nonisolated(unsafe) static let addChdir: AddChdir? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(sym, to: AddChdir.self)
    }()
    struct Result {
        var exitCode: Int32?
        var signal: Int32?
        var stdout: String
        var stderr: String
        var cancelledReason: String?
        var succeeded: Bool { exitCode == 0 }
        var statusDescription: String {
            if let exitCode { return "exited with status \(exitCode)" }
            if let signal { return "was killed by signal \(signal) (\(signalName(signal)))" }
            return "ended"
        }
    }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGHUP: return "SIGHUP"
        case SIGINT: return "SIGINT"
        case SIGQUIT: return "SIGQUIT"
        case SIGILL: return "SIGILL"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGPIPE: return "SIGPIPE"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(s)"
        }
    }

    /// Keeps the last `limit` bytes written.
    struct TailBuffer {
        let limit: Int
        var bytes: [UInt8] = []
        var dropped = 0
        mutating func append(_ p: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: p)
            if bytes.count > 2 * limit {
                let cut = bytes.count - limit
                bytes.removeFirst(cut)
                dropped += cut
            }
        }
        var text: String {
            var b = bytes
            var d = dropped
            if b.count > limit { d += b.count - limit; b.removeFirst(b.count - limit) }
            let body = String(decoding: b, as: UTF8.self)
            return d > 0 ? "[... \(d) bytes truncated]\n" + body : body
        }
    }

    static func run(argv: [String], environment: [String: String], cwd: String, token: CancellationToken,
                    gracePeriod: Double, captureLimit: Int) throws(PFError) -> Result {
        // Pipes are created close-on-exec under a process-wide lock, so a child spawned
        // concurrently by another step never inherits this step's pipe ends.
        spawnLock.lock()
        var spawnLocked = true
        defer { if spawnLocked { spawnLock.unlock() } }
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw .io("pipe failed: \(errnoText())") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw .io("pipe failed: \(errnoText())")
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var argv = argv
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if !cwd.isEmpty && cwd != "." {
            if let addchdir = addChdir {
                _ = addchdir(&actions, cwd)
            } else {
                argv = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", cwd] + argv
            }
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, s) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // Environment: inherited, then overridden.
        var envList: [String] = []
        var overridden = Set<String>()
        do {
            var e = environ
            while let entry = e.pointee {
                let s = String(cString: entry)
                let key = s.split(separator: "=", maxSplits: 1).first.map(String.init) ?? s
                if environment[key] == nil { envList.append(s) } else { overridden.insert(key) }
                e += 1
            }
        }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { envList.append("\(k)=\(v)") }

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envList.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = cArgs.withUnsafeBufferPointer { a in
            cEnv.withUnsafeBufferPointer { e in
                posix_spawnp(&pid, argv[0], &actions, &attr,
                             UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!))
            }
        }
        close(outPipe[1]); close(errPipe[1])
        spawnLock.unlock()
        spawnLocked = false
        guard rc == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw .io("cannot start '\(argv[0])': \(String(cString: strerror(rc)))" + (cwd != "." ? " (cwd '\(cwd)')" : ""))
        }

        var out = TailBuffer(limit: captureLimit), err = TailBuffer(limit: captureLimit)
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var open = [true, true]
        var status: Int32 = 0
        var exited = false
        var termSentAt: Double?
        var killed = false
        var cancelReason: String?
        var buffer = [UInt8](repeating: 0, count: 16384)
        var exitedAt: Double?
        while true {
            if !exited {
                let w = waitpid(pid, &status, WNOHANG)
                if w == pid { exited = true; exitedAt = monotonicSeconds() }
            }
            if !open[0] && !open[1] && exited { break }
            // After the child exits, give inherited pipe holders (background grandchildren) a moment.
            if exited, let t = exitedAt, monotonicSeconds() - t > 0.2 { break }
            if token.isCancelled && !exited {
                if termSentAt == nil {
                    cancelReason = token.reason ?? "cancelled"
                    kill(-pid, SIGTERM)
                    kill(pid, SIGTERM)
                    termSentAt = monotonicSeconds()
                } else if !killed, monotonicSeconds() - termSentAt! >= gracePeriod {
                    kill(-pid, SIGKILL)
                    kill(pid, SIGKILL)
                    killed = true
                }
            }
            for k in 0..<2 { fds[k].fd = open[k] ? (k == 0 ? outPipe[0] : errPipe[0]) : -1; fds[k].revents = 0 }
            let n = poll(&fds, 2, 10)
            if n < 0 && errno != EINTR { break }
            if n <= 0 { continue }
            for k in 0..<2 where open[k] && fds[k].revents != 0 {
                let r = buffer.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if r > 0 {
                    buffer.withUnsafeBytes { b in
                        let slice = UnsafeRawBufferPointer(rebasing: b[0..<r])
                        if k == 0 { out.append(slice) } else { err.append(slice) }
                    }
                } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[k] = false
                }
            }
        }
        close(outPipe[0]); close(errPipe[0])
        if !exited {
            // Pipes closed but the child has not exited: wait, still honouring cancellation.
            while waitpid(pid, &status, WNOHANG) == 0 {
                if token.isCancelled {
                    if termSentAt == nil {
                        cancelReason = token.reason ?? "cancelled"
                        kill(-pid, SIGTERM); kill(pid, SIGTERM); termSentAt = monotonicSeconds()
                    } else if !killed, monotonicSeconds() - termSentAt! >= gracePeriod {
                        kill(-pid, SIGKILL); kill(pid, SIGKILL); killed = true
                    }
                }
                sleepSeconds(0.005)
            }
        }
        var result = Result(exitCode: nil, signal: nil, stdout: out.text, stderr: err.text, cancelledReason: cancelReason)
        if status & 0x7f == 0 { result.exitCode = (status >> 8) & 0xff } else { result.signal = status & 0x7f }
        return result
    }
}
