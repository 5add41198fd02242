/// Sort order of one column within a row group (`SortingColumn` in parquet.thrift).
public struct SortingColumn: Sendable, Hashable {
    /// Leaf column index — field 1.
    public var columnIndex: Int32
    /// Descending order — field 2.
    public var descending: Bool
    /// Nulls first — field 3.
    public var nullsFirst: Bool

    /// Creates an entry.
    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftCodable {
    /// Decodes `SortingColumn`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var i: Int32?, d: Bool?, n: Bool?
        try r.readStruct { r, f in
            switch f.id {
            case 1: i = try r.readI32(f.type)
            case 2: d = try r.readBoolField(f.type)
            case 3: n = try r.readBoolField(f.type)
            default: return false
            }
            return true
        }
        guard let i, let d, let n else { throw r.error("SortingColumn missing a required field") }
        self.init(columnIndex: i, descending: d, nullsFirst: n)
    }

    /// Encodes `SortingColumn`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, columnIndex)
            w.writeBoolField(2, descending)
            w.writeBoolField(3, nullsFirst)
        }
    }
}
