/// The resolution of a time, timestamp or duration value.
public enum TimeUnit: Sendable, Hashable, CaseIterable {
    case second, millisecond, microsecond, nanosecond

    /// Units per second (1, 1_000, 1_000_000, 1_000_000_000).
    public var perSecond: Int64 {
        switch self {
        case .second: return 1
        case .millisecond: return 1_000
        case .microsecond: return 1_000_000
        case .nanosecond: return 1_000_000_000
        }
    }

    /// Short name: s, ms, us, ns.
    public var abbreviation: String {
        switch self {
        case .second: return "s"
        case .millisecond: return "ms"
        case .microsecond: return "us"
        case .nanosecond: return "ns"
        }
    }
}
