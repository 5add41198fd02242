import PFColumnar

/// Options of ``ParquetWriter``. Defaults follow pyarrow's `write_table`.
public struct ParquetWriteOptions: Sendable {
    /// Data page format.
    public enum DataPageVersion: String, Sendable {
        case v1 = "1.0"
        case v2 = "2.0"
    }

    /// Compression codec of pages (default zstd).
    public var compression: ParquetCompressionCodec = .zstd
    /// Codec-specific level (nil: the default, 1 for zstd as in Arrow).
    public var compressionLevel: Int?
    /// Rows per row group (default 1 Mi rows, as pyarrow).
    public var rowGroupSize: Int = 1 << 20
    /// Target size of the encoded values of one data page in bytes (default 1 MiB).
    public var dataPageSize: Int = 1 << 20
    /// Dictionary-encode columns (default true; booleans never are).
    public var useDictionary: Bool = true
    /// Columns (top-level names or dotted leaf paths) to dictionary-encode when
    /// ``useDictionary`` is false; nil means none.
    public var dictionaryColumns: Set<String>?
    /// Largest dictionary page, in plain-encoded bytes, before a chunk falls back to PLAIN.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// Data page version (default 1.0).
    public var dataPageVersion: DataPageVersion = .v1
    /// Value encodings by column (top-level name or dotted leaf path); such columns are
    /// not dictionary-encoded.
    public var columnEncoding: [String: ParquetEncoding] = [:]
    /// Write min/max/null_count statistics (chunks and page headers).
    public var writeStatistics: Bool = true
    /// Extra key/value metadata for the file footer.
    public var keyValueMetadata: KeyValueMetadata = [:]
    /// Store the Arrow schema under `ARROW:schema` (default true).
    public var storeArrowSchema: Bool = true
    /// The `created_by` string of the footer.
    public var createdBy: String = "parquetframe version 0.1.0"

    /// Default options.
    public init() {}

    /// Parses a codec name: none/uncompressed, snappy, gzip, zstd, lz4 (LZ4_RAW), lz4_raw, brotli.
    public static func codec(named name: String) throws -> ParquetCompressionCodec {
        switch name.lowercased() {
        case "none", "uncompressed", "": return .uncompressed
        case "snappy": return .snappy
        case "gzip": return .gzip
        case "zstd": return .zstd
        case "lz4", "lz4_raw": return .lz4Raw
        case "brotli": return .brotli
        default:
            throw PFError.invalidArgument("unknown compression '\(name)' (expected none, snappy, gzip, zstd, lz4_raw or brotli)")
        }
    }

    /// Parses an encoding name as pyarrow spells it (PLAIN, DELTA_BINARY_PACKED, ...).
    public static func encoding(named name: String) throws -> ParquetEncoding {
        switch name.uppercased() {
        case "PLAIN": return .plain
        case "DELTA_BINARY_PACKED": return .deltaBinaryPacked
        case "DELTA_LENGTH_BYTE_ARRAY": return .deltaLengthByteArray
        case "DELTA_BYTE_ARRAY": return .deltaByteArray
        case "BYTE_STREAM_SPLIT": return .byteStreamSplit
        case "RLE":
            return .rle
        default:
            throw PFError.invalidArgument("unsupported column encoding '\(name)' (expected PLAIN, DELTA_BINARY_PACKED, "
                                          + "DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT or RLE)")
        }
    }

    /// Checks ranges.
    func validate() throws {
        guard rowGroupSize > 0 else { throw PFError.invalidArgument("row_group_size must be > 0, got \(rowGroupSize)") }
        guard dataPageSize > 0 else { throw PFError.invalidArgument("data_page_size must be > 0, got \(dataPageSize)") }
        guard dictionaryPageSizeLimit >= 0 else { throw PFError.invalidArgument("dictionary page size limit must be >= 0") }
        switch compression {
        case .uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .brotli: break
        default: throw PFError.invalidArgument("compression \(compression) cannot be used for writing")
        }
    }
}
