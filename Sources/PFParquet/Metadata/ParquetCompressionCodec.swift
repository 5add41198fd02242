import PFColumnar

/// Compression codec of a column chunk (`CompressionCodec` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetCompressionCodec: Sendable, Hashable {
    /// Thrift value 0.
    case uncompressed
    /// Thrift value 1.
    case snappy
    /// Thrift value 2.
    case gzip
    /// Thrift value 3.
    case lzo
    /// Thrift value 4.
    case brotli
    /// Thrift value 5.
    case lz4
    /// Thrift value 6.
    case zstd
    /// Thrift value 7.
    case lz4Raw
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 3: self = .lzo
        case 4: self = .brotli
        case 5: self = .lz4
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .uncompressed: return 0
        case .snappy: return 1
        case .gzip: return 2
        case .lzo: return 3
        case .brotli: return 4
        case .lz4: return 5
        case .zstd: return 6
        case .lz4Raw: return 7
        case .unknown(let v): return v
        }
    }
}

extension ParquetCompressionCodec: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .uncompressed: return "UNCOMPRESSED"
        case .snappy: return "SNAPPY"
        case .gzip: return "GZIP"
        case .lzo: return "LZO"
        case .brotli: return "BROTLI"
        case .lz4: return "LZ4"
        case .zstd: return "ZSTD"
        case .lz4Raw: return "LZ4_RAW"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetCompressionCodec` enum field.
    public mutating func readCompressionCodec(_ type: ThriftCompactType) throws -> ParquetCompressionCodec {
        ParquetCompressionCodec(thriftValue: try readI32(type))
    }
}
