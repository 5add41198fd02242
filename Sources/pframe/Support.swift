import ParquetFrame
import CArrowABI
#if canImport(Glibc)
import Glibc
#endif

/// Environment variable access.
enum Environment {
    static func get(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : s
    }
}

/// Runs a child process and waits for it (stdin/stdout/stderr inherited).
enum Subprocess {
    /// Returns the exit status (128 + signal when killed).
    static func run(_ argv: [String]) throws -> Int32 {
        fflush(nil)  // our buffered output must come before the child's
        var pid: pid_t = 0
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        let rc = posix_spawnp(&pid, argv[0], nil, nil, cargs, environ)
        guard rc == 0 else { throw CLIFailure("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw CLIFailure("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }
}

/// A heap-allocated `ArrowArrayStream`.
struct ArrowArrayStreamBox {
    let pointer: UnsafeMutablePointer<ArrowArrayStream>
    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: ArrowArrayStream())
    }
    func free() {
        pf_arrow_stream_release(pointer)
        pointer.deallocate()
    }
}
