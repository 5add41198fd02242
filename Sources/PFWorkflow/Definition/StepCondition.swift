/// When a step runs (`when:`); a step whose condition is false is `skipped`, and so are
/// the steps that depend on it.
///
/// YAML forms:
/// - `when: "${run_graph}"` (any string, after variable substitution) or `when: true`:
///   runs when *truthy* — anything except `""`, `false`, `0`, `no`, `off`, `null`, `none`
///   (case-insensitive).
/// - `when: {var: mode, equals: full}`: runs when variable `mode` is `full`.
/// - `when: {var: mode, not_equals: quick}`: runs unless variable `mode` is `quick`.
public enum StepCondition: Sendable, Equatable {
    /// Truthiness of a (substituted) value.
    case truthy(String)
    /// Variable `name` equals `value`.
    case equals(variable: String, value: String)
    /// Variable `name` differs from `value`.
    case notEquals(variable: String, value: String)

    /// Values that count as false.
    public static let falseWords: Set<String> = ["", "false", "0", "no", "off", "null", "none"]

    /// True when `text` is truthy.
    public static func isTruthy(_ text: String) -> Bool { !falseWords.contains(text.lowercased()) }

    /// Evaluates the condition against the workflow's variables.
    public func evaluate(_ variables: [String: String]) -> Bool {
        switch self {
        case .truthy(let t): return StepCondition.isTruthy(t)
        case .equals(let v, let value): return variables[v] == value
        case .notEquals(let v, let value): return variables[v] != value
        }
    }
}
