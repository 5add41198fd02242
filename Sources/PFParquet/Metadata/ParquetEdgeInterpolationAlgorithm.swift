import PFColumnar

/// Edge interpolation of GEOGRAPHY values (`EdgeInterpolationAlgorithm`).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetEdgeInterpolationAlgorithm: Sendable, Hashable {
    /// Thrift value 0.
    case spherical
    /// Thrift value 1.
    case vincenty
    /// Thrift value 2.
    case thomas
    /// Thrift value 3.
    case andoyer
    /// Thrift value 4.
    case karney
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .spherical
        case 1: self = .vincenty
        case 2: self = .thomas
        case 3: self = .andoyer
        case 4: self = .karney
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .spherical: return 0
        case .vincenty: return 1
        case .thomas: return 2
        case .andoyer: return 3
        case .karney: return 4
        case .unknown(let v): return v
        }
    }
}

extension ParquetEdgeInterpolationAlgorithm: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .spherical: return "SPHERICAL"
        case .vincenty: return "VINCENTY"
        case .thomas: return "THOMAS"
        case .andoyer: return "ANDOYER"
        case .karney: return "KARNEY"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetEdgeInterpolationAlgorithm` enum field.
    public mutating func readEdgeInterpolationAlgorithm(_ type: ThriftCompactType) throws -> ParquetEdgeInterpolationAlgorithm {
        ParquetEdgeInterpolationAlgorithm(thriftValue: try readI32(type))
    }
}
