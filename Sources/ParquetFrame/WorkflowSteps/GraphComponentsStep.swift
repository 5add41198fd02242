/// `type: graph.components` — connected components: columns `vertex, component_id`
/// (the smallest vertex id of the component).
///
/// Params: `strong` (default false: weakly connected components), plus the graph settings
/// `src`, `dst`, `weight`, `directed` when the input is not a `graph.build` step.
public struct GraphComponentsStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["strong"] + GraphSettings.paramKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "graph.components" }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: GraphComponentsStep.keys)
        GraphStepSupport.checkInputs(&p)
        _ = p.bool("strong")
        _ = GraphSettings.parse(&p, table: nil)
        return p.issues
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: GraphComponentsStep.keys)
        let strong = p.bool("strong") ?? false
        return try GraphStepSupport.run(context, &p) { (g) throws(PFError) -> Table in try g.components(strong: strong) }
    }
}
