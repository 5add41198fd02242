/// Raw column or page statistics (`Statistics` in parquet.thrift). Values are PLAIN-encoded
/// bytes (byte arrays without length prefix); see ``StatisticsValue`` for typed access.
public struct ParquetStatistics: Sendable, Hashable {
    /// Deprecated signed-order maximum — field 1.
    public var max: [UInt8]?
    /// Deprecated signed-order minimum — field 2.
    public var min: [UInt8]?
    /// Number of nulls — field 3.
    public var nullCount: Int64?
    /// Number of distinct values — field 4.
    public var distinctCount: Int64?
    /// Maximum per the column order — field 5.
    public var maxValue: [UInt8]?
    /// Minimum per the column order — field 6.
    public var minValue: [UInt8]?
    /// Whether `maxValue` is exact — field 7.
    public var isMaxValueExact: Bool?
    /// Whether `minValue` is exact — field 8.
    public var isMinValueExact: Bool?
    /// Number of NaN values — field 9.
    public var nanCount: Int64?

    /// Creates empty statistics.
    public init() {}
}

extension ParquetStatistics: ThriftCodable {
    /// Decodes `Statistics`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var s = ParquetStatistics()
        try r.readStruct { r, f in
            switch f.id {
            case 1: s.max = try r.readBinaryField(f.type)
            case 2: s.min = try r.readBinaryField(f.type)
            case 3: s.nullCount = try r.readI64(f.type)
            case 4: s.distinctCount = try r.readI64(f.type)
            case 5: s.maxValue = try r.readBinaryField(f.type)
            case 6: s.minValue = try r.readBinaryField(f.type)
            case 7: s.isMaxValueExact = try r.readBoolField(f.type)
            case 8: s.isMinValueExact = try r.readBoolField(f.type)
            case 9: s.nanCount = try r.readI64(f.type)
            default: return false
            }
            return true
        }
        self = s
    }

    /// Encodes `Statistics`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            if let v = max { w.writeBinaryField(1, v) }
            if let v = min { w.writeBinaryField(2, v) }
            if let v = nullCount { w.writeI64Field(3, v) }
            if let v = distinctCount { w.writeI64Field(4, v) }
            if let v = maxValue { w.writeBinaryField(5, v) }
            if let v = minValue { w.writeBinaryField(6, v) }
            if let v = isMaxValueExact { w.writeBoolField(7, v) }
            if let v = isMinValueExact { w.writeBoolField(8, v) }
            if let v = nanCount { w.writeI64Field(9, v) }
        }
    }
}
