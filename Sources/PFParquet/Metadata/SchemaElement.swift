/// One node of the flattened Parquet schema (`SchemaElement` in parquet.thrift).
///
/// Leaves have `type` set; groups have `numChildren` set. The list in ``FileMetaData``
/// is a depth-first traversal whose first element is the root.
public struct SchemaElement: Sendable, Hashable {
    /// Physical type (leaves only) — field 1.
    public var type: ParquetPhysicalType?
    /// Byte length for FIXED_LEN_BYTE_ARRAY — field 2.
    public var typeLength: Int32?
    /// Repetition (absent on the root) — field 3.
    public var repetitionType: ParquetRepetition?
    /// Field name — field 4 (required).
    public var name: String
    /// Number of children (groups only) — field 5.
    public var numChildren: Int32?
    /// Legacy converted type — field 6.
    public var convertedType: ParquetConvertedType?
    /// Decimal scale — field 7.
    public var scale: Int32?
    /// Decimal precision — field 8.
    public var precision: Int32?
    /// Field id from the original schema — field 9.
    public var fieldId: Int32?
    /// Logical type annotation — field 10.
    public var logicalType: ParquetLogicalType?
    /// Number of slots for VECTOR repetition — field 11.
    public var vectorLength: Int32?

    /// Creates an element with the given name and nothing else set.
    public init(name: String) { self.name = name }
}

extension SchemaElement: ThriftCodable {
    /// Decodes a `SchemaElement`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var e = SchemaElement(name: "")
        var hasName = false
        try r.readStruct { r, f in
            switch f.id {
            case 1: e.type = try r.readPhysicalType(f.type)
            case 2: e.typeLength = try r.readI32(f.type)
            case 3: e.repetitionType = try r.readRepetition(f.type)
            case 4: e.name = try r.readStringField(f.type); hasName = true
            case 5: e.numChildren = try r.readI32(f.type)
            case 6: e.convertedType = try r.readConvertedType(f.type)
            case 7: e.scale = try r.readI32(f.type)
            case 8: e.precision = try r.readI32(f.type)
            case 9: e.fieldId = try r.readI32(f.type)
            case 10: e.logicalType = try r.readStructField(f.type, ParquetLogicalType.self)
            case 11: e.vectorLength = try r.readI32(f.type)
            default: return false
            }
            return true
        }
        guard hasName else { throw r.error("SchemaElement without required field 'name'") }
        self = e
    }

    /// Encodes a `SchemaElement`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            if let v = type { w.writeI32Field(1, v.thriftValue) }
            if let v = typeLength { w.writeI32Field(2, v) }
            if let v = repetitionType { w.writeI32Field(3, v.thriftValue) }
            w.writeStringField(4, name)
            if let v = numChildren { w.writeI32Field(5, v) }
            if let v = convertedType { w.writeI32Field(6, v.thriftValue) }
            if let v = scale { w.writeI32Field(7, v) }
            if let v = precision { w.writeI32Field(8, v) }
            if let v = fieldId { w.writeI32Field(9, v) }
            if let v = logicalType { w.writeStructField(10, v) }
            if let v = vectorLength { w.writeI32Field(11, v) }
        }
    }
}
