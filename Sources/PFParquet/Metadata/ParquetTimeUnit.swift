/// Unit of TIME and TIMESTAMP logical types (the `TimeUnit` union of parquet.thrift).
public enum ParquetTimeUnit: Sendable, Hashable {
    /// Milliseconds (union member 1).
    case millis
    /// Microseconds (union member 2).
    case micros
    /// Nanoseconds (union member 3).
    case nanos
    /// A union member this version does not know (its field id).
    case unknown(Int16)
}

extension ParquetTimeUnit: ThriftCodable {
    /// Decodes the `TimeUnit` union.
    public init(thrift r: inout ThriftCompactReader) throws {
        var unit: ParquetTimeUnit?
        try r.readStruct { r, f in
            switch f.id {
            case 1: try r.skipStructField(f.type); unit = .millis
            case 2: try r.skipStructField(f.type); unit = .micros
            case 3: try r.skipStructField(f.type); unit = .nanos
            default: try r.skipValue(f.type, inContainer: false); unit = .unknown(f.id)
            }
            return true
        }
        guard let u = unit else { throw r.error("TimeUnit union has no member set") }
        self = u
    }

    /// Encodes the `TimeUnit` union.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            switch self {
            case .millis: w.writeEmptyStructField(1)
            case .micros: w.writeEmptyStructField(2)
            case .nanos: w.writeEmptyStructField(3)
            case .unknown(let id): w.writeEmptyStructField(id)
            }
        }
    }
}
