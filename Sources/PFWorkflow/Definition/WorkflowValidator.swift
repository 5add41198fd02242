/// Checks a workflow before anything runs and collects *all* problems:
/// load issues (unknown keys with suggestions, wrong types, bad `${var}` references),
/// missing or duplicate step names, unknown step types (listing the registered ones),
/// parameter problems reported by each step type, unknown `depends_on` / `inputs`
/// references, input files that neither exist nor are produced by a step, and cycles
/// (`a -> b -> c -> a`). Messages carry the YAML line when known.
public enum WorkflowValidator {
    /// Every issue of `def` against the types of `registry` (empty: valid).
    public static func validate(_ def: WorkflowDefinition, registry: StepRegistry) -> [ValidationIssue] {
        validate(def, registry: registry, graph: nil)
    }

    /// ``validate(_:registry:)`` reusing the definition's graph when the caller has it
    /// (`nil`: built here).
    public static func validate(_ def: WorkflowDefinition, registry: StepRegistry, graph: WorkflowGraph?) -> [ValidationIssue] {
        var issues = def.loadIssues
        var seen: [String: SourceLocation?] = [:]
        let names = def.steps.map(\.name).filter { !$0.isEmpty }
        let nameSet = Set(names)
        let outputs = Set(def.steps.compactMap(\.output))
        let types = registry.typeNames
        for s in def.steps {
            if !s.name.isEmpty {
                if let first = seen[s.name] {
                    issues.append(ValidationIssue("duplicate step name '\(s.name)'" + (first.map { " (first defined at line \($0.line))" } ?? ""),
                                                  at: s.location(of: "name"), step: s.name))
                } else {
                    seen[s.name] = s.location(of: "name")
                }
            }
            if !s.type.isEmpty {
                if let impl = registry.lookup(s.type) {
                    issues.append(contentsOf: impl.validate(step: s))
                } else if s.type == "python" {
                    issues.append(ValidationIssue("step '\(s.name)': python steps need the Python driver (pf.Workflow.run)",
                                                  at: s.location(of: "type"), step: s.name))
                } else {
                    issues.append(ValidationIssue("step '\(s.name)' has unknown type '\(s.type)'" + Suggestion.hint(s.type, types)
                                                  + "; registered types: " + types.joined(separator: ", "),
                                                  at: s.location(of: "type"), step: s.name))
                }
            }
            for (k, d) in s.dependsOn.enumerated() {
                if d == s.name {
                    issues.append(ValidationIssue("cycle: \(s.name) -> \(s.name)", at: s.location(of: "depends_on[\(k)]"), step: s.name))
                } else if !nameSet.contains(d) {
                    issues.append(ValidationIssue("step '\(s.name)' depends on unknown step '\(d)'" + Suggestion.hint(d, names),
                                                  at: s.location(of: "depends_on[\(k)]"), step: s.name))
                }
            }
            for (k, input) in s.inputs.enumerated() {
                if input == s.name {
                    issues.append(ValidationIssue("cycle: \(s.name) -> \(s.name)", at: s.location(of: "inputs[\(k)]"), step: s.name))
                    continue
                }
                if nameSet.contains(input) || outputs.contains(input) { continue }
                let looksLikePath = input.contains("/") || input.contains(".")
                if looksLikePath {
                    if !fileExists(joinPath(def.config.workDir, input)) {
                        issues.append(ValidationIssue("step '\(s.name)': input file '\(input)' does not exist (relative to work_dir '\(def.config.workDir)') and no step outputs it",
                                                      at: s.location(of: "inputs[\(k)]"), step: s.name))
                    }
                } else {
                    issues.append(ValidationIssue("step '\(s.name)' has unknown input '\(input)': not a step name" + Suggestion.hint(input, names)
                                                  + " (file paths need a '/' or an extension)",
                                                  at: s.location(of: "inputs[\(k)]"), step: s.name))
                }
            }
        }
        let graph = graph ?? WorkflowGraph(def)
        for cycle in graph.cycles() where cycle.count > 1 {
            let text = (cycle + [cycle[0]]).map { graph.names[$0] }.joined(separator: " -> ")
            issues.append(ValidationIssue("cycle: \(text)", at: def.steps[cycle[0]].location, step: graph.names[cycle[0]]))
        }
        return issues
    }
}
