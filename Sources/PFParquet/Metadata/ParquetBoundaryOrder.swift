import PFColumnar

/// Ordering of page min/max values in a column index (`BoundaryOrder`).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetBoundaryOrder: Sendable, Hashable {
    /// Thrift value 0.
    case unordered
    /// Thrift value 1.
    case ascending
    /// Thrift value 2.
    case descending
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .unordered
        case 1: self = .ascending
        case 2: self = .descending
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .unordered: return 0
        case .ascending: return 1
        case .descending: return 2
        case .unknown(let v): return v
        }
    }
}

extension ParquetBoundaryOrder: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .unordered: return "UNORDERED"
        case .ascending: return "ASCENDING"
        case .descending: return "DESCENDING"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetBoundaryOrder` enum field.
    public mutating func readBoundaryOrder(_ type: ThriftCompactType) throws -> ParquetBoundaryOrder {
        ParquetBoundaryOrder(thriftValue: try readI32(type))
    }
}
