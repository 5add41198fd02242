#if canImport(Glibc)
import Glibc
#endif

/// Writing to standard output and error without Foundation.
enum CLIOutput {
    /// Writes one line to standard error, prefixed with `pframe: error:`.
    static func error(_ message: String) {
        let line = message.hasPrefix("Error:") || message.hasPrefix("pframe") ? message : "pframe: error: \(message)"
        writeErr(line.hasSuffix("\n") ? line : line + "\n")
    }

    /// Writes text to standard error.
    static func writeErr(_ s: String) {
        s.withCString { p in _ = write(2, p, strlen(p)) }
    }
}
