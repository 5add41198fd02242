/// The one public error type of ParquetFrame.
///
/// Every failure that can be caused by input data, arguments or the environment is
/// reported with one of these cases; the message always says *what* went wrong and,
/// where it applies, *where* (file, byte offset, row, column).
public enum PFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file-system or OS failure (open, read, write, rename...).
    case io(String)
    /// Malformed input: `what` describes the problem, `offset` the byte offset
    /// (or -1 when not meaningful).
    case format(String, offset: Int64)
    /// Valid input that uses a feature ParquetFrame does not support.
    case unsupported(String)
    /// A caller passed an argument that cannot be used.
    case invalidArgument(String)
    /// The operation was cancelled.
    case cancelled(String)
    /// An internal invariant failed (a bug).
    case internalError(String)

    /// Shorthand for a format error without an offset.
    public static func format(_ what: String) -> PFError { .format(what, offset: -1) }

    public var description: String {
        switch self {
        case .io(let m): return "I/O error: \(m)"
        case .format(let m, let off):
            return off >= 0 ? "format error at byte \(off): \(m)" : "format error: \(m)"
        case .unsupported(let m): return "unsupported: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .cancelled(let m): return "cancelled: \(m)"
        case .internalError(let m): return "internal error: \(m)"
        }
    }

    /// A stable numeric code, shared with the C ABI (`PF_ERR_*`).
    public var code: Int32 {
        switch self {
        case .invalidArgument: return 1
        case .io: return 2
        case .format: return 3
        case .unsupported: return 4
        case .cancelled: return 5
        case .internalError: return 6
        }
    }
}
