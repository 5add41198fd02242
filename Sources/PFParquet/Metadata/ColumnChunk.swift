/// One column chunk of a row group (`ColumnChunk` in parquet.thrift).
public struct ColumnChunk: Sendable, Hashable {
    /// External file holding the data — field 1 (not supported for reading).
    public var filePath: String?
    /// Deprecated offset of the metadata — field 2.
    public var fileOffset: Int64 = 0
    /// Column metadata — field 3 (absent when encrypted with a column key).
    public var metaData: ColumnMetaData?
    /// Offset of the OffsetIndex — field 4.
    public var offsetIndexOffset: Int64?
    /// Length of the OffsetIndex — field 5.
    public var offsetIndexLength: Int32?
    /// Offset of the ColumnIndex — field 6.
    public var columnIndexOffset: Int64?
    /// Length of the ColumnIndex — field 7.
    public var columnIndexLength: Int32?
    /// Encryption metadata — field 8.
    public var cryptoMetadata: ColumnCryptoMetaData?
    /// Encrypted serialized ColumnMetaData — field 9.
    public var encryptedColumnMetadata: [UInt8]?

    /// Creates an empty chunk description.
    public init() {}

    /// Whether the chunk's data is encrypted (ParquetFrame cannot read it).
    public var isEncrypted: Bool { cryptoMetadata != nil || encryptedColumnMetadata != nil }

    /// Whether the chunk has an offset index or a column index.
    public var hasPageIndex: Bool { offsetIndexOffset != nil || columnIndexOffset != nil }

    /// Whether the chunk has a bloom filter.
    public var hasBloomFilter: Bool { metaData?.bloomFilterOffset != nil }
}

extension ColumnChunk: ThriftCodable {
    /// Decodes `ColumnChunk`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var c = ColumnChunk()
        try r.readStruct { r, f in
            switch f.id {
            case 1: c.filePath = try r.readStringField(f.type)
            case 2: c.fileOffset = try r.readI64(f.type)
            case 3: c.metaData = try r.readStructField(f.type, ColumnMetaData.self)
            case 4: c.offsetIndexOffset = try r.readI64(f.type)
            case 5: c.offsetIndexLength = try r.readI32(f.type)
            case 6: c.columnIndexOffset = try r.readI64(f.type)
            case 7: c.columnIndexLength = try r.readI32(f.type)
            case 8: c.cryptoMetadata = try r.readStructField(f.type, ColumnCryptoMetaData.self)
            case 9: c.encryptedColumnMetadata = try r.readBinaryField(f.type)
            default: return false
            }
            return true
        }
        self = c
    }

    /// Encodes `ColumnChunk`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            if let v = filePath { w.writeStringField(1, v) }
            w.writeI64Field(2, fileOffset)
            if let v = metaData { w.writeStructField(3, v) }
            if let v = offsetIndexOffset { w.writeI64Field(4, v) }
            if let v = offsetIndexLength { w.writeI32Field(5, v) }
            if let v = columnIndexOffset { w.writeI64Field(6, v) }
            if let v = columnIndexLength { w.writeI32Field(7, v) }
            if let v = cryptoMetadata { w.writeStructField(8, v) }
            if let v = encryptedColumnMetadata { w.writeBinaryField(9, v) }
        }
    }
}

extension ColumnChunk {
    /// Skips one serialized `ColumnChunk` without allocating, reporting what decoding it
    /// would find at its top level: `ColumnMetaData` (field 3) and encryption (field 8 or 9).
    static func scan(_ r: inout ThriftCompactReader) throws -> (hasMetaData: Bool, isEncrypted: Bool) {
        try r.enter()
        defer { r.leave() }
        var lastId: Int16 = 0
        var hasMetaData = false, isEncrypted = false
        while let f = try r.readFieldHeader(lastId: &lastId) {
            switch (f.id, f.type) {
            case (3, .struct): hasMetaData = true
            case (8, .struct), (9, .binary): isEncrypted = true
            default: break
            }
            try r.skipValue(f.type, inContainer: false)
        }
        return (hasMetaData, isEncrypted)
    }
}
