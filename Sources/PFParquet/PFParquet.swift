import PFColumnar

/// Namespace marker for the PFParquet module.
public enum PFParquetModule {
    /// Module name, for diagnostics.
    public static let name = "PFParquet"
}
