import Synchronization

/// A thread-safe cancellation flag that steps poll.
///
/// Cancelling a token cancels every token created with it as `parent` (the scheduler gives
/// each attempt a child of the run's token, so a timeout cancels one attempt while a run
/// cancellation reaches all of them). Cancelling is idempotent; the first reason wins.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    private let reasonBox = Mutex<String?>(nil)
    private let parent: CancellationToken?

    /// Creates a token, optionally linked to a parent.
    public init(parent: CancellationToken? = nil) { self.parent = parent }

    /// True once this token or an ancestor is cancelled. Cheap: poll it often.
    public var isCancelled: Bool {
        if flag.load(ordering: .acquiring) { return true }
        return parent?.isCancelled ?? false
    }

    /// Cancels the token (and its children).
    public func cancel(reason: String = "cancelled") {
        reasonBox.withLock { if $0 == nil { $0 = reason } }
        flag.store(true, ordering: .releasing)
    }

    /// Why the token (or its nearest cancelled ancestor) was cancelled; nil when not cancelled.
    public var reason: String? {
        if flag.load(ordering: .acquiring) { return reasonBox.withLock { $0 } ?? "cancelled" }
        return parent?.reason
    }

    /// True when this token itself (not an ancestor) was cancelled.
    public var isCancelledLocally: Bool { flag.load(ordering: .acquiring) }

    /// Throws ``PFError/cancelled(_:)`` when cancelled.
    public func check() throws(PFError) {
        if isCancelled { throw .cancelled(reason ?? "cancelled") }
    }
}

import PFColumnar
