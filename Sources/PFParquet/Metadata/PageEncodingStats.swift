/// Count of pages of one type and encoding (`PageEncodingStats` in parquet.thrift).
public struct PageEncodingStats: Sendable, Hashable {
    /// Page type — field 1.
    public var pageType: ParquetPageType
    /// Encoding — field 2.
    public var encoding: ParquetEncoding
    /// Number of pages — field 3.
    public var count: Int32

    /// Creates an entry.
    public init(pageType: ParquetPageType, encoding: ParquetEncoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftCodable {
    /// Decodes `PageEncodingStats`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var t: ParquetPageType?, e: ParquetEncoding?, c: Int32?
        try r.readStruct { r, f in
            switch f.id {
            case 1: t = try r.readPageType(f.type)
            case 2: e = try r.readEncoding(f.type)
            case 3: c = try r.readI32(f.type)
            default: return false
            }
            return true
        }
        guard let t, let e, let c else { throw r.error("PageEncodingStats missing a required field") }
        self.init(pageType: t, encoding: e, count: c)
    }

    /// Encodes `PageEncodingStats`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, pageType.thriftValue)
            w.writeI32Field(2, encoding.thriftValue)
            w.writeI32Field(3, count)
        }
    }
}
