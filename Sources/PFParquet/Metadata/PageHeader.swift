/// Header of a v1 data page (`DataPageHeader` in parquet.thrift).
public struct DataPageHeader: Sendable, Hashable {
    /// Number of values including nulls — field 1.
    public var numValues: Int32 = 0
    /// Encoding of the values — field 2.
    public var encoding: ParquetEncoding = .plain
    /// Encoding of definition levels — field 3.
    public var definitionLevelEncoding: ParquetEncoding = .rle
    /// Encoding of repetition levels — field 4.
    public var repetitionLevelEncoding: ParquetEncoding = .rle
    /// Page statistics — field 5.
    public var statistics: ParquetStatistics?

    /// Creates a header with default values.
    public init() {}
}

extension DataPageHeader: ThriftCodable {
    /// Decodes `DataPageHeader`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var h = DataPageHeader()
        var seen = 0
        try r.readStruct { r, f in
            switch f.id {
            case 1: h.numValues = try r.readI32(f.type); seen |= 1
            case 2: h.encoding = try r.readEncoding(f.type); seen |= 2
            case 3: h.definitionLevelEncoding = try r.readEncoding(f.type); seen |= 4
            case 4: h.repetitionLevelEncoding = try r.readEncoding(f.type); seen |= 8
            case 5: h.statistics = try r.readStructField(f.type, ParquetStatistics.self)
            default: return false
            }
            return true
        }
        guard seen == 15 else { throw r.error("DataPageHeader missing a required field") }
        self = h
    }

    /// Encodes `DataPageHeader`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, numValues)
            w.writeI32Field(2, encoding.thriftValue)
            w.writeI32Field(3, definitionLevelEncoding.thriftValue)
            w.writeI32Field(4, repetitionLevelEncoding.thriftValue)
            if let v = statistics { w.writeStructField(5, v) }
        }
    }
}

/// Header of a dictionary page (`DictionaryPageHeader` in parquet.thrift).
public struct DictionaryPageHeader: Sendable, Hashable {
    /// Number of dictionary entries — field 1.
    public var numValues: Int32 = 0
    /// Encoding of the entries (PLAIN or PLAIN_DICTIONARY) — field 2.
    public var encoding: ParquetEncoding = .plain
    /// Whether entries are sorted — field 3.
    public var isSorted: Bool?

    /// Creates a header with default values.
    public init() {}
}

extension DictionaryPageHeader: ThriftCodable {
    /// Decodes `DictionaryPageHeader`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var h = DictionaryPageHeader()
        var seen = 0
        try r.readStruct { r, f in
            switch f.id {
            case 1: h.numValues = try r.readI32(f.type); seen |= 1
            case 2: h.encoding = try r.readEncoding(f.type); seen |= 2
            case 3: h.isSorted = try r.readBoolField(f.type)
            default: return false
            }
            return true
        }
        guard seen == 3 else { throw r.error("DictionaryPageHeader missing a required field") }
        self = h
    }

    /// Encodes `DictionaryPageHeader`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, numValues)
            w.writeI32Field(2, encoding.thriftValue)
            if let v = isSorted { w.writeBoolField(3, v) }
        }
    }
}

/// Header of a v2 data page (`DataPageHeaderV2` in parquet.thrift).
public struct DataPageHeaderV2: Sendable, Hashable {
    /// Number of values including nulls — field 1.
    public var numValues: Int32 = 0
    /// Number of nulls — field 2.
    public var numNulls: Int32 = 0
    /// Number of rows — field 3.
    public var numRows: Int32 = 0
    /// Encoding of the values — field 4.
    public var encoding: ParquetEncoding = .plain
    /// Byte length of the definition levels — field 5.
    public var definitionLevelsByteLength: Int32 = 0
    /// Byte length of the repetition levels — field 6.
    public var repetitionLevelsByteLength: Int32 = 0
    /// Whether the values section is compressed — field 7 (default true).
    public var isCompressed: Bool = true
    /// Page statistics — field 8.
    public var statistics: ParquetStatistics?

    /// Creates a header with default values.
    public init() {}
}

extension DataPageHeaderV2: ThriftCodable {
    /// Decodes `DataPageHeaderV2`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var h = DataPageHeaderV2()
        var seen = 0
        try r.readStruct { r, f in
            switch f.id {
            case 1: h.numValues = try r.readI32(f.type); seen |= 1
            case 2: h.numNulls = try r.readI32(f.type); seen |= 2
            case 3: h.numRows = try r.readI32(f.type); seen |= 4
            case 4: h.encoding = try r.readEncoding(f.type); seen |= 8
            case 5: h.definitionLevelsByteLength = try r.readI32(f.type); seen |= 16
            case 6: h.repetitionLevelsByteLength = try r.readI32(f.type); seen |= 32
            case 7: h.isCompressed = try r.readBoolField(f.type)
            case 8: h.statistics = try r.readStructField(f.type, ParquetStatistics.self)
            default: return false
            }
            return true
        }
        guard seen == 63 else { throw r.error("DataPageHeaderV2 missing a required field") }
        self = h
    }

    /// Encodes `DataPageHeaderV2`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, numValues)
            w.writeI32Field(2, numNulls)
            w.writeI32Field(3, numRows)
            w.writeI32Field(4, encoding.thriftValue)
            w.writeI32Field(5, definitionLevelsByteLength)
            w.writeI32Field(6, repetitionLevelsByteLength)
            w.writeBoolField(7, isCompressed)
            if let v = statistics { w.writeStructField(8, v) }
        }
    }
}

/// Header preceding every page (`PageHeader` in parquet.thrift).
public struct PageHeader: Sendable, Hashable {
    /// Page type — field 1.
    public var type: ParquetPageType = .dataPage
    /// Size of the page body after decompression — field 2.
    public var uncompressedPageSize: Int32 = 0
    /// Size of the page body on disk — field 3.
    public var compressedPageSize: Int32 = 0
    /// CRC32 of the on-disk page body — field 4.
    public var crc: Int32?
    /// v1 data page header — field 5.
    public var dataPageHeader: DataPageHeader?
    /// Whether an (unused) index page header was present — field 6.
    public var hasIndexPageHeader: Bool = false
    /// Dictionary page header — field 7.
    public var dictionaryPageHeader: DictionaryPageHeader?
    /// v2 data page header — field 8.
    public var dataPageHeaderV2: DataPageHeaderV2?

    /// Creates a header with default values.
    public init() {}
}

extension PageHeader: ThriftCodable {
    /// Decodes `PageHeader`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var h = PageHeader()
        var seen = 0
        try r.readStruct { r, f in
            switch f.id {
            case 1: h.type = try r.readPageType(f.type); seen |= 1
            case 2: h.uncompressedPageSize = try r.readI32(f.type); seen |= 2
            case 3: h.compressedPageSize = try r.readI32(f.type); seen |= 4
            case 4: h.crc = try r.readI32(f.type)
            case 5: h.dataPageHeader = try r.readStructField(f.type, DataPageHeader.self)
            case 6: try r.skipStructField(f.type); h.hasIndexPageHeader = true
            case 7: h.dictionaryPageHeader = try r.readStructField(f.type, DictionaryPageHeader.self)
            case 8: h.dataPageHeaderV2 = try r.readStructField(f.type, DataPageHeaderV2.self)
            default: return false
            }
            return true
        }
        guard seen == 7 else {
            throw r.error("PageHeader without type, uncompressed_page_size or compressed_page_size")
        }
        self = h
    }

    /// Encodes `PageHeader`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, type.thriftValue)
            w.writeI32Field(2, uncompressedPageSize)
            w.writeI32Field(3, compressedPageSize)
            if let v = crc { w.writeI32Field(4, v) }
            if let v = dataPageHeader { w.writeStructField(5, v) }
            if hasIndexPageHeader { w.writeEmptyStructField(6) }
            if let v = dictionaryPageHeader { w.writeStructField(7, v) }
            if let v = dataPageHeaderV2 { w.writeStructField(8, v) }
        }
    }
}
