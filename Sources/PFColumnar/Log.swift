#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Minimal leveled logging to standard error, shared by the CLI and the native
/// library (`PARQUETFRAME_SWIFT_LOG` / `--log-level`).
public enum Log {
    /// Severity, most severe first.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case off = 0, error, warn, info, debug
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        /// Parses `off`, `error`, `warn`/`warning`, `info`, `debug` (case-insensitive).
        public init?(name: String) {
            switch name.lowercased() {
            case "off", "none": self = .off
            case "error": self = .error
            case "warn", "warning": self = .warn
            case "info": self = .info
            case "debug": self = .debug
            default: return nil
            }
        }
    }

    private static let current = Atomic<Int>(Level.warn.rawValue)

    /// The active level.
    public static var level: Level {
        get { Level(rawValue: current.load(ordering: .relaxed)) ?? .warn }
        set { current.store(newValue.rawValue, ordering: .relaxed) }
    }

    /// Writes `message` when `level` is enabled.
    public static func emit(_ level: Level, _ message: @autoclosure () -> String) {
        guard level != .off, level <= Log.level else { return }
        let name: String
        switch level {
        case .error: name = "ERROR"
        case .warn: name = "WARN"
        case .info: name = "INFO"
        case .debug: name = "DEBUG"
        case .off: return
        }
        let line = "parquetframe [swift] \(name): \(message())\n"
        line.withCString { p in _ = write(2, p, strlen(p)) }
    }

    public static func error(_ m: @autoclosure () -> String) { emit(.error, m()) }
    public static func warn(_ m: @autoclosure () -> String) { emit(.warn, m()) }
    public static func info(_ m: @autoclosure () -> String) { emit(.info, m()) }
    public static func debug(_ m: @autoclosure () -> String) { emit(.debug, m()) }
}
