import PFColumnar

/// Repetition of a schema field (`FieldRepetitionType` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetRepetition: Sendable, Hashable {
    /// Thrift value 0.
    case required
    /// Thrift value 1.
    case optional
    /// Thrift value 2.
    case repeated
    /// Thrift value 3.
    case vector
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .required
        case 1: self = .optional
        case 2: self = .repeated
        case 3: self = .vector
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .required: return 0
        case .optional: return 1
        case .repeated: return 2
        case .vector: return 3
        case .unknown(let v): return v
        }
    }
}

extension ParquetRepetition: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .required: return "REQUIRED"
        case .optional: return "OPTIONAL"
        case .repeated: return "REPEATED"
        case .vector: return "VECTOR"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetRepetition` enum field.
    public mutating func readRepetition(_ type: ThriftCompactType) throws -> ParquetRepetition {
        ParquetRepetition(thriftValue: try readI32(type))
    }
}
