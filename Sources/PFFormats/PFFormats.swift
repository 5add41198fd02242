import PFColumnar

/// Namespace marker for the PFFormats module.
public enum PFFormatsModule {
    /// Module name, for diagnostics.
    public static let name = "PFFormats"
}
