/// `type: graph.bfs` — breadth-first search: columns `vertex, distance, predecessor`
/// (distance and predecessor null when unreached).
///
/// Params: `source` (a vertex id or a list of ids; required), `max_depth`, plus the graph
/// settings `src`, `dst`, `weight`, `directed` when the input is not a `graph.build` step.
public struct GraphBFSStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["source", "max_depth"] + GraphSettings.paramKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "graph.bfs" }

    private func parse(_ p: inout StepParameters) -> ([ConfigValue], Int?) {
        let sources = p.scalarList("source") ?? []
        if !p.has("source") { p.fail("parameter 'source' is required (a vertex id or a list)") }
        return (sources, p.int("max_depth"))
    }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: GraphBFSStep.keys)
        GraphStepSupport.checkInputs(&p)
        _ = parse(&p)
        _ = GraphSettings.parse(&p, table: nil)
        return p.issues
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: GraphBFSStep.keys)
        let (sources, depth) = parse(&p)
        return try GraphStepSupport.run(context, &p) { (g) throws(PFError) -> Table in
            try g.bfs(sources: GraphStepSupport.vertexIDs(sources, graph: g), maxDepth: depth)
        }
    }
}
