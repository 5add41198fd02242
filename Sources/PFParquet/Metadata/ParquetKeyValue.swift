/// A key/value metadata entry (`KeyValue` in parquet.thrift).
public struct ParquetKeyValue: Sendable, Hashable {
    /// Key — field 1 (required).
    public var key: String
    /// Optional value — field 2.
    public var value: String?

    /// Creates an entry.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

extension ParquetKeyValue: ThriftCodable {
    /// Decodes a `KeyValue`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var key: String?, value: String?
        try r.readStruct { r, f in
            switch f.id {
            case 1: key = try r.readStringField(f.type)
            case 2: value = try r.readStringField(f.type)
            default: return false
            }
            return true
        }
        guard let k = key else { throw r.error("KeyValue without required field 'key'") }
        self.init(key: k, value: value)
    }

    /// Encodes a `KeyValue`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeStringField(1, key)
            if let v = value { w.writeStringField(2, v) }
        }
    }
}
