import PFColumnar

/// Physical (storage) type of a Parquet leaf column (`Type` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetPhysicalType: Sendable, Hashable {
    /// Thrift value 0.
    case boolean
    /// Thrift value 1.
    case int32
    /// Thrift value 2.
    case int64
    /// Thrift value 3.
    case int96
    /// Thrift value 4.
    case `float`
    /// Thrift value 5.
    case `double`
    /// Thrift value 6.
    case byteArray
    /// Thrift value 7.
    case fixedLenByteArray
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .boolean
        case 1: self = .int32
        case 2: self = .int64
        case 3: self = .int96
        case 4: self = .`float`
        case 5: self = .`double`
        case 6: self = .byteArray
        case 7: self = .fixedLenByteArray
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .boolean: return 0
        case .int32: return 1
        case .int64: return 2
        case .int96: return 3
        case .`float`: return 4
        case .`double`: return 5
        case .byteArray: return 6
        case .fixedLenByteArray: return 7
        case .unknown(let v): return v
        }
    }
}

extension ParquetPhysicalType: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .`float`: return "FLOAT"
        case .`double`: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetPhysicalType` enum field.
    public mutating func readPhysicalType(_ type: ThriftCompactType) throws -> ParquetPhysicalType {
        ParquetPhysicalType(thriftValue: try readI32(type))
    }
}
