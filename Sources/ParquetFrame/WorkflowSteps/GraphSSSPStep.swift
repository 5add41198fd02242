/// `type: graph.sssp` — single-source shortest paths: columns `vertex, distance,
/// predecessor` (distance float64, null when unreachable).
///
/// Params: `source` (a vertex id or a list: distance from the nearest; required),
/// `weighted` (default true: use the weight column when the graph has one; false counts
/// hops), `algorithm` (`dijkstra`, default, or `delta_stepping`), plus the graph settings
/// `src`, `dst`, `weight`, `directed` when the input is not a `graph.build` step.
public struct GraphSSSPStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["source", "weighted", "algorithm"] + GraphSettings.paramKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "graph.sssp" }

    private func parse(_ p: inout StepParameters) -> ([ConfigValue], Bool, ShortestPaths.Algorithm) {
        let sources = p.scalarList("source") ?? []
        if !p.has("source") { p.fail("parameter 'source' is required (a vertex id or a list)") }
        let weighted = p.bool("weighted") ?? true
        let a = p.choice("algorithm", ["dijkstra", "delta_stepping"], default: "dijkstra")
        return (sources, weighted, a == "dijkstra" ? .dijkstra : .deltaStepping(delta: nil))
    }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: GraphSSSPStep.keys)
        GraphStepSupport.checkInputs(&p)
        _ = parse(&p)
        _ = GraphSettings.parse(&p, table: nil)
        return p.issues
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: GraphSSSPStep.keys)
        let (sources, weighted, algorithm) = parse(&p)
        return try GraphStepSupport.run(context, &p) { (g) throws(PFError) -> Table in
            try g.shortestPaths(sources: GraphStepSupport.vertexIDs(sources, graph: g), weighted: weighted, algorithm: algorithm)
        }
    }
}
