import PFColumnar

/// Namespace marker for the PFParquet module.
///
/// Layers, bottom up: `Thrift/` (compact protocol), `Metadata/` (parquet.thrift structs),
/// `Compression/` (codecs), `Encoding/` (value and level decoders/encoders), `Page/` (page
/// iteration over a column chunk), `File/` (mapped file, footer, schema tree, statistics).
/// Entry point: ``ParquetFile``.
public enum PFParquetModule {
    /// Module name, for diagnostics.
    public static let name = "PFParquet"
}
