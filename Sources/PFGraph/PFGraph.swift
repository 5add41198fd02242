import PFColumnar

/// Namespace marker for the PFGraph module.
public enum PFGraphModule {
    /// Module name, for diagnostics.
    public static let name = "PFGraph"
}
