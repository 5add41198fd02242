extension WorkflowDefinition {
    /// The DAG as a Mermaid flowchart (`flowchart TD`), one node per step labelled
    /// `name` and type, one edge per dependency.
    public func toMermaid() -> String {
        let g = WorkflowGraph(self)
        var out = "flowchart TD\n"
        for (i, s) in steps.enumerated() {
            let label = "\(s.name)<br/>(\(s.type))".replacingOccurrences("\"", "#quot;")
            out += "    s\(i)[\"\(label)\"]\n"
        }
        for (i, ds) in g.dependencies.enumerated() {
            for d in ds { out += "    s\(d) --> s\(i)\n" }
        }
        return out
    }

    /// The DAG in Graphviz DOT (`digraph`), nodes named by step, labelled with the type.
    public func toDot() -> String {
        let g = WorkflowGraph(self)
        func esc(_ s: String) -> String { s.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"") }
        func q(_ s: String) -> String { "\"" + esc(s) + "\"" }
        var out = "digraph \(q(name)) {\n    rankdir=TB;\n    node [shape=box];\n"
        for s in steps { out += "    \(q(s.name)) [label=\"\(esc(s.name))\\n(\(esc(s.type)))\"];\n" }
        for (i, ds) in g.dependencies.enumerated() {
            for d in ds { out += "    \(q(steps[d].name)) -> \(q(steps[i].name));\n" }
        }
        out += "}\n"
        return out
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
