/// Sort order of min/max statistics (`ColumnOrder` union in parquet.thrift).
public enum ColumnOrder: Sendable, Hashable {
    /// Order defined by the logical/physical type (member 1).
    case typeDefined
    /// IEEE 754 total order for floating point (member 2).
    case ieee754TotalOrder
    /// Chronological order of INT96 timestamps (member 3).
    case int96TimestampOrder
    /// A member this version does not know: statistics must be ignored.
    case unrecognized(Int16)
}

extension ColumnOrder: ThriftCodable {
    /// Decodes the union.
    public init(thrift r: inout ThriftCompactReader) throws {
        var result: ColumnOrder = .unrecognized(0)
        try r.readStruct { r, f in
            try r.skipValue(f.type, inContainer: false)
            switch f.id {
            case 1: result = .typeDefined
            case 2: result = .ieee754TotalOrder
            case 3: result = .int96TimestampOrder
            default: result = .unrecognized(f.id)
            }
            return true
        }
        self = result
    }

    /// Encodes the union.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            switch self {
            case .typeDefined: w.writeEmptyStructField(1)
            case .ieee754TotalOrder: w.writeEmptyStructField(2)
            case .int96TimestampOrder: w.writeEmptyStructField(3)
            case .unrecognized(let id): if id > 0 { w.writeEmptyStructField(id) }
            }
        }
    }
}
