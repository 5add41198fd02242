/// One problem found while loading or validating a workflow.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public var message: String
    /// Where (nil when the definition did not come from a document, e.g. built in code).
    public var location: SourceLocation?
    /// The step concerned, if any.
    public var step: String?

    /// Creates an issue.
    public init(_ message: String, at location: SourceLocation? = nil, step: String? = nil) {
        self.message = message
        self.location = location
        self.step = step
    }

    /// `line 12: message` (or just the message without a location).
    public var description: String {
        if let location { return "line \(location.line): \(message)" }
        return message
    }
}

/// Validation failed: all issues, one per line in ``description``.
public struct WorkflowValidationError: Error, Sendable, CustomStringConvertible {
    /// The issues found (never empty).
    public var issues: [ValidationIssue]
    /// Creates the error.
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
