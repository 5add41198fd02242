import Synchronization

/// The step types a workflow can use, by `type:` name. Thread-safe.
///
/// ``standard()`` holds the built-in `command` and `noop` types; other modules (I/O, graph
/// kernels, the Python driver) register theirs with ``register(_:)`` — the scheduler does
/// not change.
public final class StepRegistry: Sendable {
    private let types = Mutex<[String: any WorkflowStep]>([:])

    /// An empty registry.
    public init() {}

    /// A registry with the built-in types (`command`, `noop`).
    public static func standard() -> StepRegistry {
        let r = StepRegistry()
        r.register(CommandStep())
        r.register(NoopStep())
        return r
    }

    /// Adds or replaces a step type.
    public func register(_ step: any WorkflowStep) {
        types.withLock { $0[step.typeName] = step }
    }

    /// Removes a step type.
    public func unregister(_ typeName: String) {
        _ = types.withLock { $0.removeValue(forKey: typeName) }
    }

    /// The step type named `typeName`, nil when not registered.
    public func lookup(_ typeName: String) -> (any WorkflowStep)? {
        types.withLock { $0[typeName] }
    }

    /// Registered type names, sorted.
    public var typeNames: [String] { types.withLock { $0.keys.sorted() } }

    /// A copy with the same types (to add per-run types without touching the original).
    public func copy() -> StepRegistry {
        let r = StepRegistry()
        let all = types.withLock { $0 }
        r.types.withLock { $0 = all }
        return r
    }
}
