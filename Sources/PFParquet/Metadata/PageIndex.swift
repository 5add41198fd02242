/// Location of one data page (`PageLocation` in parquet.thrift).
public struct PageLocation: Sendable, Hashable {
    /// File offset of the page header — field 1.
    public var offset: Int64
    /// Header plus body size — field 2.
    public var compressedPageSize: Int32
    /// Index of the page's first row in the row group — field 3.
    public var firstRowIndex: Int64

    /// Creates a location.
    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }
}

extension PageLocation: ThriftCodable {
    /// Decodes `PageLocation`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var o: Int64?, s: Int32?, f0: Int64?
        try r.readStruct { r, f in
            switch f.id {
            case 1: o = try r.readI64(f.type)
            case 2: s = try r.readI32(f.type)
            case 3: f0 = try r.readI64(f.type)
            default: return false
            }
            return true
        }
        guard let o, let s, let f0 else { throw r.error("PageLocation missing a required field") }
        self.init(offset: o, compressedPageSize: s, firstRowIndex: f0)
    }

    /// Encodes `PageLocation`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI64Field(1, offset)
            w.writeI32Field(2, compressedPageSize)
            w.writeI64Field(3, firstRowIndex)
        }
    }
}

/// Page offsets of a column chunk (`OffsetIndex` in parquet.thrift).
public struct OffsetIndex: Sendable, Hashable {
    /// Page locations — field 1.
    public var pageLocations: [PageLocation] = []
    /// Unencoded byte-array bytes per page — field 2.
    public var unencodedByteArrayDataBytes: [Int64]?

    /// Creates an empty index.
    public init() {}
}

extension OffsetIndex: ThriftCodable {
    /// Decodes `OffsetIndex`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var x = OffsetIndex()
        var has = false
        try r.readStruct { r, f in
            switch f.id {
            case 1: x.pageLocations = try r.readStructList(f.type, PageLocation.self); has = true
            case 2: x.unencodedByteArrayDataBytes = try r.readI64List(f.type)
            default: return false
            }
            return true
        }
        guard has else { throw r.error("OffsetIndex without page_locations") }
        self = x
    }

    /// Encodes `OffsetIndex`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeStructListField(1, pageLocations)
            if let v = unencodedByteArrayDataBytes { w.writeI64ListField(2, v) }
        }
    }
}

/// Per-page statistics of a column chunk (`ColumnIndex` in parquet.thrift).
public struct ColumnIndex: Sendable, Hashable {
    /// Whether each page holds only nulls — field 1.
    public var nullPages: [Bool] = []
    /// Page minimums — field 2.
    public var minValues: [[UInt8]] = []
    /// Page maximums — field 3.
    public var maxValues: [[UInt8]] = []
    /// Ordering of the bounds — field 4.
    public var boundaryOrder: ParquetBoundaryOrder = .unordered
    /// Null counts per page — field 5.
    public var nullCounts: [Int64]?
    /// Concatenated repetition level histograms — field 6.
    public var repetitionLevelHistograms: [Int64]?
    /// Concatenated definition level histograms — field 7.
    public var definitionLevelHistograms: [Int64]?
    /// NaN counts per page — field 8.
    public var nanCounts: [Int64]?

    /// Creates an empty index.
    public init() {}
}

extension ColumnIndex: ThriftCodable {
    /// Decodes `ColumnIndex`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var x = ColumnIndex()
        try r.readStruct { r, f in
            switch f.id {
            case 1: x.nullPages = try r.readBoolList(f.type)
            case 2: x.minValues = try r.readBinaryList(f.type)
            case 3: x.maxValues = try r.readBinaryList(f.type)
            case 4: x.boundaryOrder = try r.readBoundaryOrder(f.type)
            case 5: x.nullCounts = try r.readI64List(f.type)
            case 6: x.repetitionLevelHistograms = try r.readI64List(f.type)
            case 7: x.definitionLevelHistograms = try r.readI64List(f.type)
            case 8: x.nanCounts = try r.readI64List(f.type)
            default: return false
            }
            return true
        }
        self = x
    }

    /// Encodes `ColumnIndex`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeBoolListField(1, nullPages)
            w.writeBinaryListField(2, minValues)
            w.writeBinaryListField(3, maxValues)
            w.writeI32Field(4, boundaryOrder.thriftValue)
            if let v = nullCounts { w.writeI64ListField(5, v) }
            if let v = repetitionLevelHistograms { w.writeI64ListField(6, v) }
            if let v = definitionLevelHistograms { w.writeI64ListField(7, v) }
            if let v = nanCounts { w.writeI64ListField(8, v) }
        }
    }
}
