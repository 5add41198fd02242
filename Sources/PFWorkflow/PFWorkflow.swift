import PFColumnar

/// Namespace marker for the PFWorkflow module.
public enum PFWorkflowModule {
    /// Module name, for diagnostics.
    public static let name = "PFWorkflow"
}
