import PFColumnar

/// Legacy logical annotation (`ConvertedType` in parquet.thrift).
///
/// Values outside the known range decode to `unknown(raw)` so that files written by newer
/// writers still load; readers reject them only when they actually need the value.
public enum ParquetConvertedType: Sendable, Hashable {
    /// Thrift value 0.
    case utf8
    /// Thrift value 1.
    case map
    /// Thrift value 2.
    case mapKeyValue
    /// Thrift value 3.
    case list
    /// Thrift value 4.
    case `enum`
    /// Thrift value 5.
    case decimal
    /// Thrift value 6.
    case date
    /// Thrift value 7.
    case timeMillis
    /// Thrift value 8.
    case timeMicros
    /// Thrift value 9.
    case timestampMillis
    /// Thrift value 10.
    case timestampMicros
    /// Thrift value 11.
    case uint8
    /// Thrift value 12.
    case uint16
    /// Thrift value 13.
    case uint32
    /// Thrift value 14.
    case uint64
    /// Thrift value 15.
    case int8
    /// Thrift value 16.
    case int16
    /// Thrift value 17.
    case int32
    /// Thrift value 18.
    case int64
    /// Thrift value 19.
    case json
    /// Thrift value 20.
    case bson
    /// Thrift value 21.
    case interval
    /// A value this version does not know.
    case unknown(Int32)

    /// Creates the case for a Thrift enum value.
    public init(thriftValue: Int32) {
        switch thriftValue {
        case 0: self = .utf8
        case 1: self = .map
        case 2: self = .mapKeyValue
        case 3: self = .list
        case 4: self = .`enum`
        case 5: self = .decimal
        case 6: self = .date
        case 7: self = .timeMillis
        case 8: self = .timeMicros
        case 9: self = .timestampMillis
        case 10: self = .timestampMicros
        case 11: self = .uint8
        case 12: self = .uint16
        case 13: self = .uint32
        case 14: self = .uint64
        case 15: self = .int8
        case 16: self = .int16
        case 17: self = .int32
        case 18: self = .int64
        case 19: self = .json
        case 20: self = .bson
        case 21: self = .interval
        default: self = .unknown(thriftValue)
        }
    }

    /// The Thrift enum value.
    public var thriftValue: Int32 {
        switch self {
        case .utf8: return 0
        case .map: return 1
        case .mapKeyValue: return 2
        case .list: return 3
        case .`enum`: return 4
        case .decimal: return 5
        case .date: return 6
        case .timeMillis: return 7
        case .timeMicros: return 8
        case .timestampMillis: return 9
        case .timestampMicros: return 10
        case .uint8: return 11
        case .uint16: return 12
        case .uint32: return 13
        case .uint64: return 14
        case .int8: return 15
        case .int16: return 16
        case .int32: return 17
        case .int64: return 18
        case .json: return 19
        case .bson: return 20
        case .interval: return 21
        case .unknown(let v): return v
        }
    }
}

extension ParquetConvertedType: CustomStringConvertible {
    /// The parquet.thrift spelling (e.g. `BYTE_ARRAY`), or `UNKNOWN(n)`.
    public var description: String {
        switch self {
        case .utf8: return "UTF8"
        case .map: return "MAP"
        case .mapKeyValue: return "MAP_KEY_VALUE"
        case .list: return "LIST"
        case .`enum`: return "ENUM"
        case .decimal: return "DECIMAL"
        case .date: return "DATE"
        case .timeMillis: return "TIME_MILLIS"
        case .timeMicros: return "TIME_MICROS"
        case .timestampMillis: return "TIMESTAMP_MILLIS"
        case .timestampMicros: return "TIMESTAMP_MICROS"
        case .uint8: return "UINT_8"
        case .uint16: return "UINT_16"
        case .uint32: return "UINT_32"
        case .uint64: return "UINT_64"
        case .int8: return "INT_8"
        case .int16: return "INT_16"
        case .int32: return "INT_32"
        case .int64: return "INT_64"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .interval: return "INTERVAL"
        case .unknown(let v): return "UNKNOWN(\(v))"
        }
    }
}

extension ThriftCompactReader {
    /// Reads a `ParquetConvertedType` enum field.
    public mutating func readConvertedType(_ type: ThriftCompactType) throws -> ParquetConvertedType {
        ParquetConvertedType(thriftValue: try readI32(type))
    }
}
