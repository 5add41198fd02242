import PFColumnar

extension WorkflowDefinition {
    /// Keys allowed at the top level.
    public static let topLevelKeys = ["name", "description", "variables", "config", "steps"]
    /// Keys allowed under `config`.
    public static let configKeys = ["max_parallel", "stop_on_failure", "default_retries", "default_timeout",
                                    "default_pool", "default_backoff", "work_dir"]
    /// Keys allowed in a step.
    public static let stepKeys = ["name", "type", "description", "inputs", "output", "params", "depends_on",
                                  "retries", "backoff", "timeout", "pool", "when"]
    /// Keys allowed in a `backoff` mapping.
    public static let backoffKeys = ["initial", "factor", "max", "jitter"]
    /// Keys allowed in a `when` mapping.
    public static let whenKeys = ["var", "equals", "not_equals"]

    /// Builds a definition from a parsed tree (YAML or JSON). Throws only when the root is
    /// not a mapping; every other problem is recorded in ``loadIssues``.
    public init(tree: ConfigValue, variables overrides: [String: String] = [:]) throws(PFError) {
        self.init()
        guard let top = tree.entries else {
            throw .invalidArgument("a workflow must be a mapping with 'name' and 'steps' (got a \(tree.typeName) at \(tree.location.map { "line \($0.line)" } ?? "top level"))")
        }
        var loader = Loader()
        loader.checkKeys(top, allowed: WorkflowDefinition.topLevelKeys, context: "workflow")
        // Variables first: everything else is substituted with them.
        if let vars = tree["variables"] {
            if let entries = vars.entries {
                for e in entries {
                    if let t = e.value.scalarText { variables[e.key] = t } else {
                        loader.issue("variable '\(e.key)' must be a scalar, not a \(e.value.typeName)", e.value.location)
                    }
                }
            } else if !vars.isNull {
                loader.issue("'variables' must be a mapping, not a \(vars.typeName)", vars.location)
            }
        }
        for (k, v) in overrides { variables[k] = v }
        loader.variables = variables

        if let n = tree["name"] { name = loader.string(n, "name") ?? name }
        if let c = tree["config"] { config = loader.config(c) }
        loader.defaultBackoff = config.defaultBackoff
        if let s = tree["steps"] {
            if let items = s.items {
                steps = items.map { loader.step($0) }
            } else {
                loader.issue("'steps' must be a list, not a \(s.typeName)", s.location)
            }
        } else {
            loader.issue("the workflow has no 'steps'", tree.location)
        }
        loadIssues = loader.issues
    }
}

/// Reads typed fields out of a tree, collecting issues instead of throwing.
private struct Loader {
    var issues: [ValidationIssue] = []
    var variables: [String: String] = [:]
    var step: String?
    var defaultBackoff = BackoffPolicy()

    mutating func issue(_ message: String, _ location: SourceLocation?) {
        issues.append(ValidationIssue(message, at: location, step: step))
    }

    mutating func checkKeys(_ entries: [ConfigEntry], allowed: [String], context: String) {
        for e in entries where !allowed.contains(e.key) {
            issue("unknown key '\(e.key)' in \(context)" + Suggestion.hint(e.key, allowed)
                  + "; valid keys: " + allowed.joined(separator: ", "), e.keyLocation ?? e.value.location)
        }
    }

    mutating func substitute(_ text: String, _ location: SourceLocation?) -> String {
        let (s, problems) = VariableSubstitution.substitute(text, variables)
        for p in problems { issue(p, location) }
        return s
    }

    /// Substitutes variables in every string of a tree.
    mutating func substituteTree(_ v: ConfigValue) -> ConfigValue {
        switch v.kind {
        case .string(let s): return ConfigValue(.string(substitute(s, v.location)), location: v.location)
        case .array(let items): return ConfigValue(.array(items.map { substituteTree($0) }), location: v.location)
        case .object(let entries):
            return ConfigValue(.object(entries.map {
                ConfigEntry(key: $0.key, keyLocation: $0.keyLocation, value: substituteTree($0.value))
            }), location: v.location)
        default: return v
        }
    }

    mutating func string(_ v: ConfigValue, _ key: String) -> String? {
        switch v.kind {
        case .string(let s): return substitute(s, v.location)
        case .int, .double, .bool: return v.scalarText
        default:
            issue("'\(key)' must be a string, not a \(v.typeName)", v.location)
            return nil
        }
    }

    /// A non-negative integer, also accepted as a string after substitution (`"${n}"`).
    mutating func int(_ v: ConfigValue, _ key: String, min: Int = 0) -> Int? {
        var value = v.intValue
        if value == nil, let s = v.stringValue { value = Int64(substitute(s, v.location)) }
        guard let value, value >= Int64(min), value <= Int64(Int32.max) else {
            issue("'\(key)' must be an integer >= \(min), got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", v.location)
            return nil
        }
        return Int(value)
    }

    /// A non-negative number of seconds (also as a string after substitution).
    mutating func seconds(_ v: ConfigValue, _ key: String) -> Double? {
        var value = v.doubleValue
        if value == nil, let s = v.stringValue { value = Double(substitute(s, v.location)) }
        guard let value, value >= 0, value.isFinite else {
            issue("'\(key)' must be a number >= 0, got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", v.location)
            return nil
        }
        return value
    }

    mutating func bool(_ v: ConfigValue, _ key: String) -> Bool? {
        if let b = v.boolValue { return b }
        if let s = v.stringValue {
            switch substitute(s, v.location).lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: break
            }
        }
        issue("'\(key)' must be true or false, got \(v.scalarText.map { "'\($0)'" } ?? "a \(v.typeName)")", v.location)
        return nil
    }

    mutating func pool(_ v: ConfigValue, _ key: String) -> PoolKind? {
        guard let s = string(v, key) else { return nil }
        guard let p = PoolKind(rawValue: s) else {
            issue("'\(key)' must be 'cpu' or 'io', got '\(s)'", v.location)
            return nil
        }
        return p
    }

    mutating func stringList(_ v: ConfigValue, _ key: String) -> ([String], [SourceLocation?]) {
        if v.isNull { return ([], []) }
        if v.stringValue != nil, let s = string(v, key) { return ([s], [v.location]) }
        guard let items = v.items else {
            issue("'\(key)' must be a list of strings, not a \(v.typeName)", v.location)
            return ([], [])
        }
        var out: [String] = [], locs: [SourceLocation?] = []
        for item in items {
            if let s = string(item, key) { out.append(s); locs.append(item.location) }
        }
        return (out, locs)
    }

    mutating func backoff(_ v: ConfigValue, base: BackoffPolicy) -> BackoffPolicy? {
        guard let entries = v.entries else {
            issue("'backoff' must be a mapping with initial, factor, max, jitter", v.location)
            return nil
        }
        checkKeys(entries, allowed: WorkflowDefinition.backoffKeys, context: "backoff")
        var b = base
        if let x = v["initial"], let s = seconds(x, "initial") { b.initial = s }
        if let x = v["factor"], let s = seconds(x, "factor") {
            if s < 1 { issue("'factor' must be >= 1, got \(s)", x.location) } else { b.factor = s }
        }
        if let x = v["max"], let s = seconds(x, "max") { b.max = s }
        if let x = v["jitter"], let s = seconds(x, "jitter") {
            if s > 1 { issue("'jitter' must be between 0 and 1, got \(s)", x.location) } else { b.jitter = s }
        }
        return b
    }

    mutating func config(_ v: ConfigValue) -> WorkflowConfig {
        var c = WorkflowConfig()
        guard let entries = v.entries else {
            if !v.isNull { issue("'config' must be a mapping, not a \(v.typeName)", v.location) }
            return c
        }
        checkKeys(entries, allowed: WorkflowDefinition.configKeys, context: "config")
        if let x = v["max_parallel"] { c.maxParallel = int(x, "max_parallel", min: 1) }
        if let x = v["stop_on_failure"], let b = bool(x, "stop_on_failure") { c.stopOnFailure = b }
        if let x = v["default_retries"], let n = int(x, "default_retries") { c.defaultRetries = n }
        if let x = v["default_timeout"] { c.defaultTimeout = x.isNull ? nil : seconds(x, "default_timeout") }
        if let x = v["default_pool"], let p = pool(x, "default_pool") { c.defaultPool = p }
        if let x = v["default_backoff"], let b = backoff(x, base: c.defaultBackoff) { c.defaultBackoff = b }
        if let x = v["work_dir"], let s = string(x, "work_dir") { c.workDir = s }
        return c
    }

    mutating func when(_ v: ConfigValue) -> StepCondition? {
        switch v.kind {
        case .bool(let b): return .truthy(b ? "true" : "false")
        case .string, .int, .double, .null: return .truthy(string(v, "when") ?? "")
        case .object(let entries):
            checkKeys(entries, allowed: WorkflowDefinition.whenKeys, context: "when")
            guard let varNode = v["var"], let name = string(varNode, "var") else {
                issue("'when' mapping needs 'var' (and 'equals' or 'not_equals')", v.location)
                return nil
            }
            if variables[name] == nil {
                issue("'when' refers to unknown variable '\(name)'" + Suggestion.hint(name, variables.keys.sorted()), varNode.location)
            }
            if let e = v["equals"], let s = string(e, "equals") { return .equals(variable: name, value: s) }
            if let e = v["not_equals"], let s = string(e, "not_equals") { return .notEquals(variable: name, value: s) }
            issue("'when' mapping needs 'equals' or 'not_equals'", v.location)
            return nil
        case .array:
            issue("'when' must be a string, a boolean or a mapping {var, equals}", v.location)
            return nil
        }
    }

    mutating func step(_ v: ConfigValue) -> StepDefinition {
        var s = StepDefinition(name: "", type: "")
        s.location = v.location
        guard let entries = v.entries else {
            issue("a step must be a mapping with 'name' and 'type', not a \(v.typeName)", v.location)
            return s
        }
        step = v["name"]?.scalarText
        defer { step = nil }
        checkKeys(entries, allowed: WorkflowDefinition.stepKeys, context: "step" + (step.map { " '\($0)'" } ?? ""))
        for e in entries { s.locations[e.key] = e.value.location ?? e.keyLocation }
        if let x = v["name"], let n = string(x, "name") { s.name = n } else if v["name"] == nil {
            issue("a step has no 'name'", v.location)
        }
        if let x = v["type"], let t = string(x, "type") { s.type = t } else if v["type"] == nil {
            issue("step '\(s.name)' has no 'type'", v.location)
        }
        if let x = v["inputs"] {
            let (list, locs) = stringList(x, "inputs")
            s.inputs = list
            for (i, l) in locs.enumerated() { if let l { s.locations["inputs[\(i)]"] = l } }
        }
        if let x = v["depends_on"] {
            let (list, locs) = stringList(x, "depends_on")
            s.dependsOn = list
            for (i, l) in locs.enumerated() { if let l { s.locations["depends_on[\(i)]"] = l } }
        }
        if let x = v["output"], !x.isNull { s.output = string(x, "output") }
        if let x = v["params"] {
            if x.entries != nil { s.params = substituteTree(x) } else if !x.isNull {
                issue("'params' must be a mapping, not a \(x.typeName)", x.location)
            }
        }
        if let x = v["retries"] { s.retries = int(x, "retries") }
        if let x = v["backoff"] { s.backoff = backoff(x, base: defaultBackoff) }
        if let x = v["timeout"], !x.isNull { s.timeout = seconds(x, "timeout") }
        if let x = v["pool"] { s.pool = pool(x, "pool") }
        if let x = v["when"] { s.when = when(x) }
        return s
    }
}
