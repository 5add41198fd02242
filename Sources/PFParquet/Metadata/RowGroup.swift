/// One row group (`RowGroup` in parquet.thrift).
public struct RowGroup: Sendable, Hashable {
    /// Column chunks in leaf order — field 1 (required).
    public var columns: [ColumnChunk] = []
    /// Uncompressed size of the column data — field 2 (required).
    public var totalByteSize: Int64 = 0
    /// Number of rows — field 3 (required).
    public var numRows: Int64 = 0
    /// Sort order — field 4.
    public var sortingColumns: [SortingColumn]?
    /// Offset of the first page — field 5.
    public var fileOffset: Int64?
    /// Compressed size of the column data — field 6.
    public var totalCompressedSize: Int64?
    /// Ordinal in the file — field 7.
    public var ordinal: Int16?

    /// Creates an empty row group.
    public init() {}
}

extension RowGroup: ThriftCodable {
    /// Decodes `RowGroup`.
    public init(thrift r: inout ThriftCompactReader) throws {
        try self.init(thrift: &r) { r, t in try r.readStructList(t, ColumnChunk.self) }
    }

    /// Decodes `RowGroup` with `columns` decoding field 1 (called with the field's wire type;
    /// it throws a wire-type mismatch, before consuming anything, for a non-list).
    init(thrift r: inout ThriftCompactReader,
         columns: (inout ThriftCompactReader, ThriftCompactType) throws -> [ColumnChunk]) throws {
        var g = RowGroup()
        var hasColumns = false, hasRows = false
        try r.readStruct { r, f in
            switch f.id {
            case 1: g.columns = try columns(&r, f.type); hasColumns = true
            case 2: g.totalByteSize = try r.readI64(f.type)
            case 3: g.numRows = try r.readI64(f.type); hasRows = true
            case 4: g.sortingColumns = try r.readStructList(f.type, SortingColumn.self)
            case 5: g.fileOffset = try r.readI64(f.type)
            case 6: g.totalCompressedSize = try r.readI64(f.type)
            case 7: g.ordinal = try r.readI16(f.type)
            default: return false
            }
            return true
        }
        guard hasColumns, hasRows else { throw r.error("RowGroup without columns or num_rows") }
        self = g
    }

    /// Encodes `RowGroup`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeStructListField(1, columns)
            w.writeI64Field(2, totalByteSize)
            w.writeI64Field(3, numRows)
            if let v = sortingColumns { w.writeStructListField(4, v) }
            if let v = fileOffset { w.writeI64Field(5, v) }
            if let v = totalCompressedSize { w.writeI64Field(6, v) }
            if let v = ordinal { w.writeI16Field(7, v) }
        }
    }
}
