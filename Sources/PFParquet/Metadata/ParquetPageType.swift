import PFColumnar

/// Kind of page (`PageType` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetPageType: Sendable, Hashable {
    /// Thrift value 0.
    case dataPage
    /// Thrift value 1.
    case indexPage
    /// Thrift value 2.
    case dictionaryPage
    /// Thrift value 3.
    case dataPageV2
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .dataPage
        case 1: self = .indexPage
        case 2: self = .dictionaryPage
        case 3: self = .dataPageV2
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .dataPage: return 0
        case .indexPage: return 1
        case .dictionaryPage: return 2
        case .dataPageV2: return 3
        case .unknown(let v): return v
        }
    }
}

extension ParquetPageType: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .dataPage: return "DATA_PAGE"
        case .indexPage: return "INDEX_PAGE"
        case .dictionaryPage: return "DICTIONARY_PAGE"
        case .dataPageV2: return "DATA_PAGE_V2"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetPageType` enum field.
    public mutating func readPageType(_ type: ThriftCompactType) throws -> ParquetPageType {
        ParquetPageType(thriftValue: try readI32(type))
    }
}
