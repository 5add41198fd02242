/// Metadata of one column chunk (`ColumnMetaData` in parquet.thrift).
public struct ColumnMetaData: Sendable, Hashable {
    /// Physical type — field 1 (required).
    public var type: ParquetPhysicalType = .int32
    /// Encodings used in the chunk — field 2 (required).
    public var encodings: [ParquetEncoding] = []
    /// Path of the leaf in the schema — field 3 (required).
    public var pathInSchema: [String] = []
    /// Compression codec — field 4 (required).
    public var codec: ParquetCompressionCodec = .uncompressed
    /// Number of values, nulls included — field 5 (required).
    public var numValues: Int64 = 0
    /// Uncompressed size of all pages with headers — field 6 (required).
    public var totalUncompressedSize: Int64 = 0
    /// Compressed size of all pages with headers — field 7 (required).
    public var totalCompressedSize: Int64 = 0
    /// Key/value metadata — field 8.
    public var keyValueMetadata: [ParquetKeyValue]?
    /// Offset of the first data page — field 9 (required).
    public var dataPageOffset: Int64 = 0
    /// Offset of the index page — field 10.
    public var indexPageOffset: Int64?
    /// Offset of the dictionary page — field 11.
    public var dictionaryPageOffset: Int64?
    /// Chunk statistics — field 12.
    public var statistics: ParquetStatistics?
    /// Page counts per type and encoding — field 13.
    public var encodingStats: [PageEncodingStats]?
    /// Offset of the bloom filter — field 14.
    public var bloomFilterOffset: Int64?
    /// Length of the bloom filter — field 15.
    public var bloomFilterLength: Int32?
    /// Size statistics — field 16.
    public var sizeStatistics: SizeStatistics?
    /// Geospatial statistics — field 17.
    public var geospatialStatistics: GeospatialStatistics?

    /// Creates metadata with default values.
    public init() {}

    /// Offset of the first page of the chunk (dictionary or data), as found in the footer.
    public var chunkStartOffset: Int64 {
        if let d = dictionaryPageOffset, d > 0, d < dataPageOffset { return d }
        return dataPageOffset
    }
}

extension ColumnMetaData: ThriftCodable {
    /// Decodes `ColumnMetaData`; missing required fields are a format error.
    public init(thrift r: inout ThriftCompactReader) throws {
        var m = ColumnMetaData()
        var seen: UInt32 = 0
        try r.readStruct { r, f in
            switch f.id {
            case 1: m.type = try r.readPhysicalType(f.type)
            case 2: m.encodings = try r.readList(f.type) { r, t in try r.readEncoding(t) }
            case 3: m.pathInSchema = try r.readStringList(f.type)
            case 4: m.codec = try r.readCompressionCodec(f.type)
            case 5: m.numValues = try r.readI64(f.type)
            case 6: m.totalUncompressedSize = try r.readI64(f.type)
            case 7: m.totalCompressedSize = try r.readI64(f.type)
            case 8: m.keyValueMetadata = try r.readStructList(f.type, ParquetKeyValue.self)
            case 9: m.dataPageOffset = try r.readI64(f.type)
            case 10: m.indexPageOffset = try r.readI64(f.type)
            case 11: m.dictionaryPageOffset = try r.readI64(f.type)
            case 12: m.statistics = try r.readStructField(f.type, ParquetStatistics.self)
            case 13: m.encodingStats = try r.readStructList(f.type, PageEncodingStats.self)
            case 14: m.bloomFilterOffset = try r.readI64(f.type)
            case 15: m.bloomFilterLength = try r.readI32(f.type)
            case 16: m.sizeStatistics = try r.readStructField(f.type, SizeStatistics.self)
            case 17: m.geospatialStatistics = try r.readStructField(f.type, GeospatialStatistics.self)
            default: return false
            }
            if f.id < 32 { seen |= 1 << UInt32(f.id) }
            return true
        }
        // type, path_in_schema, codec, num_values, sizes, data_page_offset
        let required: [(Int, String)] = [(1, "type"), (3, "path_in_schema"), (4, "codec"),
                                         (5, "num_values"), (6, "total_uncompressed_size"),
                                         (7, "total_compressed_size"), (9, "data_page_offset")]
        for (id, name) in required where seen & (1 << UInt32(id)) == 0 {
            throw r.error("ColumnMetaData without required field '\(name)'")
        }
        self = m
    }

    /// Encodes `ColumnMetaData`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, type.thriftValue)
            w.writeListField(2, .i32, encodings) { w, e in w.writeZigzag(Int64(e.thriftValue)) }
            w.writeStringListField(3, pathInSchema)
            w.writeI32Field(4, codec.thriftValue)
            w.writeI64Field(5, numValues)
            w.writeI64Field(6, totalUncompressedSize)
            w.writeI64Field(7, totalCompressedSize)
            if let v = keyValueMetadata { w.writeStructListField(8, v) }
            w.writeI64Field(9, dataPageOffset)
            if let v = indexPageOffset { w.writeI64Field(10, v) }
            if let v = dictionaryPageOffset { w.writeI64Field(11, v) }
            if let v = statistics { w.writeStructField(12, v) }
            if let v = encodingStats { w.writeStructListField(13, v) }
            if let v = bloomFilterOffset { w.writeI64Field(14, v) }
            if let v = bloomFilterLength { w.writeI32Field(15, v) }
            if let v = sizeStatistics { w.writeStructField(16, v) }
            if let v = geospatialStatistics { w.writeStructField(17, v) }
        }
    }
}
