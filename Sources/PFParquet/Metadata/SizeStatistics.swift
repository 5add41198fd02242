/// Unencoded-size statistics and level histograms (`SizeStatistics` in parquet.thrift).
public struct SizeStatistics: Sendable, Hashable {
    /// Bytes of BYTE_ARRAY data without length prefixes — field 1.
    public var unencodedByteArrayDataBytes: Int64?
    /// Repetition level histogram — field 2.
    public var repetitionLevelHistogram: [Int64]?
    /// Definition level histogram — field 3.
    public var definitionLevelHistogram: [Int64]?

    /// Creates empty size statistics.
    public init() {}
}

extension SizeStatistics: ThriftCodable {
    /// Decodes `SizeStatistics`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var s = SizeStatistics()
        try r.readStruct { r, f in
            switch f.id {
            case 1: s.unencodedByteArrayDataBytes = try r.readI64(f.type)
            case 2: s.repetitionLevelHistogram = try r.readI64List(f.type)
            case 3: s.definitionLevelHistogram = try r.readI64List(f.type)
            default: return false
            }
            return true
        }
        self = s
    }

    /// Encodes `SizeStatistics`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            if let v = unencodedByteArrayDataBytes { w.writeI64Field(1, v) }
            if let v = repetitionLevelHistogram { w.writeI64ListField(2, v) }
            if let v = definitionLevelHistogram { w.writeI64ListField(3, v) }
        }
    }
}
