import PFColumnar

/// Encoding of page values or levels (`Encoding` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetEncoding: Sendable, Hashable {
    /// Thrift value 0.
    case plain
    /// Thrift value 1.
    case groupVarInt
    /// Thrift value 2.
    case plainDictionary
    /// Thrift value 3.
    case rle
    /// Thrift value 4.
    case bitPacked
    /// Thrift value 5.
    case deltaBinaryPacked
    /// Thrift value 6.
    case deltaLengthByteArray
    /// Thrift value 7.
    case deltaByteArray
    /// Thrift value 8.
    case rleDictionary
    /// Thrift value 9.
    case byteStreamSplit
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .plain
        case 1: self = .groupVarInt
        case 2: self = .plainDictionary
        case 3: self = .rle
        case 4: self = .bitPacked
        case 5: self = .deltaBinaryPacked
        case 6: self = .deltaLengthByteArray
        case 7: self = .deltaByteArray
        case 8: self = .rleDictionary
        case 9: self = .byteStreamSplit
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .plain: return 0
        case .groupVarInt: return 1
        case .plainDictionary: return 2
        case .rle: return 3
        case .bitPacked: return 4
        case .deltaBinaryPacked: return 5
        case .deltaLengthByteArray: return 6
        case .deltaByteArray: return 7
        case .rleDictionary: return 8
        case .byteStreamSplit: return 9
        case .unknown(let v): return v
        }
    }
}

extension ParquetEncoding: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .plain: return "PLAIN"
        case .groupVarInt: return "GROUP_VAR_INT"
        case .plainDictionary: return "PLAIN_DICTIONARY"
        case .rle: return "RLE"
        case .bitPacked: return "BIT_PACKED"
        case .deltaBinaryPacked: return "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: return "DELTA_BYTE_ARRAY"
        case .rleDictionary: return "RLE_DICTIONARY"
        case .byteStreamSplit: return "BYTE_STREAM_SPLIT"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetEncoding` enum field.
    public mutating func readEncoding(_ type: ThriftCompactType) throws -> ParquetEncoding {
        ParquetEncoding(thriftValue: try readI32(type))
    }
}
