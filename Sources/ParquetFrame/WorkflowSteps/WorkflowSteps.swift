/// The data step types of ParquetFrame workflows, written on the public
/// ``WorkflowStep`` protocol like any third-party step type.
///
/// | type | does |
/// |---|---|
/// | `read` | ``ReadStep``: read Parquet / CSV / TSV / Avro |
/// | `write` | ``WriteStep``: write Parquet / CSV atomically |
/// | `graph.build` | ``GraphBuildStep``: edge table → graph (see ``GraphStepCache``) |
/// | `graph.pagerank` | ``GraphPageRankStep`` |
/// | `graph.bfs` | ``GraphBFSStep`` |
/// | `graph.sssp` | ``GraphSSSPStep`` |
/// | `graph.components` | ``GraphComponentsStep`` |
///
/// ```swift
/// let registry = WorkflowSteps.standardRegistry()   // command, noop + the above
/// let wf = Workflow(try .load(path: "pipeline.yaml"), registry: registry)
/// ```
public enum WorkflowSteps {
    /// Every data step type.
    public static var all: [any WorkflowStep] {
        [ReadStep(), WriteStep(), GraphBuildStep(), GraphPageRankStep(), GraphBFSStep(), GraphSSSPStep(), GraphComponentsStep()]
    }

    /// Registers the data step types into `registry` and installs the default
    /// ``DataFilesOutputWriter`` / ``DataFilesInputReader`` (when none is installed yet), so
    /// a step's `output:` file is written atomically and file inputs are read.
    public static func registerStandard(into registry: StepRegistry) {
        for s in all { registry.register(s) }
        installDefaultIO()
    }

    /// The built-in types (`command`, `noop`) plus the data steps.
    public static func standardRegistry() -> StepRegistry {
        let r = StepRegistry.standard()
        registerStandard(into: r)
        return r
    }

    /// Installs the default file hooks of ``WorkflowIO`` unless some are already set.
    public static func installDefaultIO() {
        if WorkflowIO.defaultWriter == nil { WorkflowIO.defaultWriter = DataFilesOutputWriter() }
        if WorkflowIO.defaultReader == nil { WorkflowIO.defaultReader = DataFilesInputReader() }
    }
}
