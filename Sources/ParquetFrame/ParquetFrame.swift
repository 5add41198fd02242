/// ParquetFrame: the umbrella module. `import ParquetFrame` gives the whole public Swift API.
@_exported import PFColumnar
@_exported import PFParquet
@_exported import PFFormats
@_exported import PFGraph
@_exported import PFWorkflow

/// Library-wide facts.
public enum ParquetFrameInfo {
    /// The library version (semantic versioning).
    public static let version = "0.1.0"

    /// Capability bits (as in the C ABI): 1 I/O, 2 graph, 4 workflow — set as each core lands.
    public static let capabilities: Int32 = 7
}
