/// A progress notification from a running workflow, delivered to
/// ``RunOptions/onEvent`` on the scheduler's worker threads (serialise in the callback if
/// needed; keep it short — it runs on the step's thread).
public struct ProgressEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Equatable {
        /// An attempt started.
        case started
        /// An attempt failed and the step will be retried after ``ProgressEvent/delay``.
        case retrying
        /// The step succeeded.
        case completed
        /// The step failed (no attempts left).
        case failed
        /// The step was cancelled (run cancelled), or not started because of it.
        case cancelled
        /// The step was skipped (condition false, a dependency failed or was skipped, or
        /// scheduling stopped).
        case skipped
        /// A step reported rows processed so far.
        case progress
    }

    /// What happened.
    public var kind: Kind
    /// The step.
    public var step: String
    /// Attempt number (1-based; 0 for steps that never started).
    public var attempt: Int
    /// Seconds the attempt (or the step) took, when it ended.
    public var duration: Double?
    /// Rows produced or processed.
    public var rows: Int?
    /// Error or skip reason.
    public var message: String?
    /// Wait before the next attempt (retrying only), seconds.
    public var delay: Double?

    /// Creates an event.
    public init(kind: Kind, step: String, attempt: Int, duration: Double? = nil, rows: Int? = nil,
                message: String? = nil, delay: Double? = nil) {
        self.kind = kind
        self.step = step
        self.attempt = attempt
        self.duration = duration
        self.rows = rows
        self.message = message
        self.delay = delay
    }

    /// The event as a JSON object: `{"event":"completed","step":"a","attempt":1,...}`.
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("event"); w.string(kind.rawValue)
        w.key("step"); w.string(step)
        w.key("attempt"); w.int(attempt)
        if let duration { w.key("duration_s"); w.double(duration) }
        if let rows { w.key("rows"); w.int(rows) }
        if let message { w.key("message"); w.string(message) }
        if let delay { w.key("delay_s"); w.double(delay) }
        w.endObject()
        return w.text
    }
}
