/// `type: graph.build` — builds a graph from an edge table and checks it.
///
/// Params: `src` (default `src`), `dst` (default `dst`), `weight` (a float column;
/// default none: unweighted), `directed` (default true). One input: the edge table (a step
/// or a file). Output: the edge table restricted to those columns, with the settings in
/// its schema metadata, so algorithm steps that take this step as input need no params
/// (see ``GraphStepCache`` for how the built graph is shared).
public struct GraphBuildStep: WorkflowStep {
    /// Parameter names.
    public static let keys = GraphSettings.paramKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "graph.build" }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: GraphBuildStep.keys)
        GraphStepSupport.checkInputs(&p)
        _ = GraphSettings.parse(&p, table: nil)
        return p.issues
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: GraphBuildStep.keys)
        let edges = try GraphStepSupport.edges(context)
        // Explicit params only: a build step starts from its own settings.
        var s = GraphSettings()
        if let v = p.string("src") { s.src = v }
        if let v = p.string("dst") { s.dst = v }
        if p.has("weight") { s.weight = p.string("weight").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = p.bool("directed") { s.directed = v }
        try p.check()
        try context.cancellation.check()
        let annotated = try s.annotate(edges)
        let g = try GraphStepCache.graph(annotated, s)
        Log.info("workflow step '\(context.stepName)': graph with \(g.graph.vertexCount) vertices, \(g.graph.edgeCount) edges")
        context.reportProgress(rows: annotated.numRows)
        return StepOutput(table: annotated)
    }
}
