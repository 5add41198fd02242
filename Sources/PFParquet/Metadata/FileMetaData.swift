/// The file footer (`FileMetaData` in parquet.thrift).
public struct FileMetaData: Sendable, Hashable {
    /// Format version — field 1 (required).
    public var version: Int32 = 1
    /// Flattened schema, root first — field 2 (required).
    public var schema: [SchemaElement] = []
    /// Number of rows — field 3 (required).
    public var numRows: Int64 = 0
    /// Row groups — field 4 (required).
    public var rowGroups: [RowGroup] = []
    /// Key/value metadata — field 5.
    public var keyValueMetadata: [ParquetKeyValue]?
    /// Writer identification — field 6.
    public var createdBy: String?
    /// Per-leaf statistics order — field 7.
    public var columnOrders: [ColumnOrder]?
    /// Encryption algorithm of a plaintext-footer encrypted file — field 8.
    public var encryptionAlgorithm: EncryptionAlgorithm?
    /// Footer signing key metadata — field 9.
    public var footerSigningKeyMetadata: [UInt8]?

    /// Creates an empty footer.
    public init() {}
}

extension FileMetaData: ThriftCodable {
    /// Decodes `FileMetaData`; missing required fields are a format error.
    public init(thrift r: inout ThriftCompactReader) throws {
        try self.init(thrift: &r) { r, t in try r.readStructList(t, RowGroup.self) }
    }

    /// Decodes `FileMetaData` with `rowGroups` decoding field 4 (called with the field's wire
    /// type; it throws a wire-type mismatch, before consuming anything, for a non-list).
    init(thrift r: inout ThriftCompactReader,
         rowGroups: (inout ThriftCompactReader, ThriftCompactType) throws -> [RowGroup]) throws {
        var m = FileMetaData()
        var hasVersion = false, hasSchema = false, hasRows = false, hasGroups = false
        try r.readStruct { r, f in
            switch f.id {
            case 1: m.version = try r.readI32(f.type); hasVersion = true
            case 2: m.schema = try r.readStructList(f.type, SchemaElement.self); hasSchema = true
            case 3: m.numRows = try r.readI64(f.type); hasRows = true
            case 4: m.rowGroups = try rowGroups(&r, f.type); hasGroups = true
            case 5: m.keyValueMetadata = try r.readStructList(f.type, ParquetKeyValue.self)
            case 6: m.createdBy = try r.readStringField(f.type)
            case 7: m.columnOrders = try r.readStructList(f.type, ColumnOrder.self)
            case 8: m.encryptionAlgorithm = try r.readStructField(f.type, EncryptionAlgorithm.self)
            case 9: m.footerSigningKeyMetadata = try r.readBinaryField(f.type)
            default: return false
            }
            return true
        }
        guard hasVersion, hasSchema, hasRows, hasGroups else {
            throw r.error("FileMetaData without one of version, schema, num_rows, row_groups")
        }
        self = m
    }

    /// Encodes `FileMetaData`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, version)
            w.writeStructListField(2, schema)
            w.writeI64Field(3, numRows)
            w.writeStructListField(4, rowGroups)
            if let v = keyValueMetadata { w.writeStructListField(5, v) }
            if let v = createdBy { w.writeStringField(6, v) }
            if let v = columnOrders { w.writeStructListField(7, v) }
            if let v = encryptionAlgorithm { w.writeStructField(8, v) }
            if let v = footerSigningKeyMetadata { w.writeBinaryField(9, v) }
        }
    }
}
