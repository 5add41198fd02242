/// Typed access to a step's `params`, collecting every problem with its YAML line.
///
/// A step type parses its parameters once with this helper in both
/// ``WorkflowStep/validate(step:)`` (returning ``issues``) and ``WorkflowStep/run(_:)``
/// (calling ``check()``), so validation and execution can never disagree.
public struct StepParameters {
    /// The step whose parameters are read.
    public let step: StepDefinition
    /// The problems found so far.
    public private(set) var issues: [ValidationIssue] = []
    private let kind: String

    /// Starts reading `step.params`; reports keys not in `allowed` (with a suggestion).
    public init(_ step: StepDefinition, allowed: [String]) {
        self.step = step
        self.kind = step.type
        for e in step.params.entries ?? [] where !allowed.contains(e.key) {
            issues.append(ValidationIssue(
                "unknown \(step.type) parameter '\(e.key)'" + Suggestion.hint(e.key, allowed)
                    + "; valid: " + allowed.joined(separator: ", "),
                at: e.keyLocation ?? step.location(of: "params"), step: step.name))
        }
    }

    /// Where `key` is written (its value, else the params block, else the step).
    public func location(of key: String) -> SourceLocation? {
        step.params[key]?.location ?? step.location(of: "params")
    }

    /// Records a problem about `key`.
    public mutating func fail(_ message: String, key: String? = nil) {
        issues.append(ValidationIssue("step '\(step.name)' (\(kind)): " + message,
                                      at: key.map { location(of: $0) } ?? step.location(of: "params"), step: step.name))
    }

    /// Whether `key` is given (and not null).
    public func has(_ key: String) -> Bool { step.params[key].map { !$0.isNull } ?? false }

    /// A string parameter (numbers and booleans are accepted as their text).
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let v = step.params[key], !v.isNull else {
            if required { fail("parameter '\(key)' is required", key: nil) }
            return nil
        }
        if case .array = v.kind { fail("'\(key)' must be a string, not a list", key: key); return nil }
        if case .object = v.kind { fail("'\(key)' must be a string, not a mapping", key: key); return nil }
        return v.scalarText
    }

    /// A string parameter restricted to `choices`.
    public mutating func choice(_ key: String, _ choices: [String], default value: String) -> String {
        guard let s = string(key) else { return value }
        guard choices.contains(s.lowercased()) else {
            fail("'\(key)' must be one of \(choices.joined(separator: ", ")), got '\(s)'" + Suggestion.hint(s, choices), key: key)
            return value
        }
        return s.lowercased()
    }

    /// An integer parameter `>= min` (also written as a string, e.g. `"${n}"`).
    public mutating func int(_ key: String, min: Int = 0) -> Int? {
        guard let v = step.params[key], !v.isNull else { return nil }
        let n = v.intValue ?? v.stringValue.flatMap { Int64($0) }
        guard let n, n >= Int64(min), n <= Int64(Int32.max) else {
            fail("'\(key)' must be an integer >= \(min), got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", key: key)
            return nil
        }
        return Int(n)
    }

    /// A finite number parameter in `range`.
    public mutating func double(_ key: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) -> Double? {
        guard let v = step.params[key], !v.isNull else { return nil }
        let d = v.doubleValue ?? v.stringValue.flatMap { Double($0) }
        guard let d, d.isFinite, range.contains(d) else {
            fail("'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound), got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", key: key)
            return nil
        }
        return d
    }

    /// A boolean parameter (`true`/`false`, also as strings `yes`/`no`/`1`/`0`).
    public mutating func bool(_ key: String) -> Bool? {
        guard let v = step.params[key], !v.isNull else { return nil }
        if let b = v.boolValue { return b }
        switch v.scalarText?.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            fail("'\(key)' must be true or false, got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", key: key)
            return nil
        }
    }

    /// A list of strings, written as a YAML list or a comma-separated string.
    public mutating func stringList(_ key: String) -> [String]? {
        guard let v = step.params[key], !v.isNull else { return nil }
        if let items = v.items {
            var out: [String] = []
            for item in items {
                guard let t = item.scalarText, item.items == nil, item.entries == nil else {
                    fail("'\(key)' must be a list of strings", key: key); return nil
                }
                out.append(t)
            }
            return out
        }
        if let s = v.scalarText {
            return s.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        }
        fail("'\(key)' must be a list of strings or a comma-separated string", key: key)
        return nil
    }

    /// A list of scalars (a single scalar counts as a list of one).
    public mutating func scalarList(_ key: String) -> [ConfigValue]? {
        guard let v = step.params[key], !v.isNull else { return nil }
        if let items = v.items {
            for item in items where item.scalarText == nil || item.isNull {
                fail("'\(key)' must hold scalars (vertex ids)", key: key); return nil
            }
            return items
        }
        if v.entries != nil { fail("'\(key)' must be a scalar or a list of scalars", key: key); return nil }
        return [v]
    }

    /// Throws ``PFError/invalidArgument(_:)`` listing the issues, when there are any.
    public func check() throws(PFError) {
        guard !issues.isEmpty else { return }
        throw .invalidArgument(issues.map(\.description).joined(separator: "; "))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
