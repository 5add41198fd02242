/// `type: graph.pagerank` — PageRank over the input graph: columns `vertex, rank`.
///
/// Params: `alpha` (damping, default 0.85), `tol` (default 1e-6), `max_iter` (default 100),
/// `weighted` (default: true when the graph has weights), plus the graph settings `src`,
/// `dst`, `weight`, `directed` when the input is not a `graph.build` step. Fails when
/// PageRank does not converge and `require_convergence` is true (default false).
public struct GraphPageRankStep: WorkflowStep {
    /// Parameter names.
    public static let keys = ["alpha", "tol", "max_iter", "weighted", "require_convergence"] + GraphSettings.paramKeys

    /// Creates the step type.
    public init() {}

    public var typeName: String { "graph.pagerank" }

    private struct Config { var alpha = 0.85, tol = 1e-6, maxIter = 100, weighted: Bool?, requireConvergence = false }

    private func parse(_ p: inout StepParameters) -> Config {
        var c = Config()
        if let v = p.double("alpha", in: 0...1) { c.alpha = v }
        if let v = p.double("tol", in: 0...1) { c.tol = v }
        if let v = p.int("max_iter") { c.maxIter = v }
        c.weighted = p.bool("weighted")
        if let v = p.bool("require_convergence") { c.requireConvergence = v }
        return c
    }

    public func validate(step: StepDefinition) -> [ValidationIssue] {
        var p = StepParameters(step, allowed: GraphPageRankStep.keys)
        GraphStepSupport.checkInputs(&p)
        _ = parse(&p)
        _ = GraphSettings.parse(&p, table: nil)
        return p.issues
    }

    public func run(_ context: StepContext) throws(PFError) -> StepOutput {
        var p = StepParameters(context.definition, allowed: GraphPageRankStep.keys)
        let c = parse(&p)
        let name = context.stepName
        return try GraphStepSupport.run(context, &p) { (g) throws(PFError) -> Table in
            let r = try g.pagerank(options: .init(alpha: c.alpha, tolerance: c.tol, maxIterations: c.maxIter,
                                                  weighted: c.weighted ?? g.graph.isWeighted))
            if !r.converged {
                if c.requireConvergence { throw .invalidArgument("PageRank did not converge in \(r.iterations) iterations") }
                Log.warn("workflow step '\(name)': PageRank did not converge in \(r.iterations) iterations")
            }
            return r.table
        }
    }
}
