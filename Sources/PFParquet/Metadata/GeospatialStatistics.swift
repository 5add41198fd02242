/// Bounding box of geospatial values (`BoundingBox` in parquet.thrift).
public struct BoundingBox: Sendable, Hashable {
    /// Minimum and maximum X — fields 1, 2.
    public var xmin = 0.0, xmax = 0.0
    /// Minimum and maximum Y — fields 3, 4.
    public var ymin = 0.0, ymax = 0.0
    /// Optional Z range — fields 5, 6.
    public var zmin: Double?, zmax: Double?
    /// Optional M range — fields 7, 8.
    public var mmin: Double?, mmax: Double?

    /// Creates an empty box.
    public init() {}
}

extension BoundingBox: ThriftCodable {
    /// Decodes a `BoundingBox`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var b = BoundingBox()
        try r.readStruct { r, f in
            switch f.id {
            case 1: b.xmin = try r.readDoubleField(f.type)
            case 2: b.xmax = try r.readDoubleField(f.type)
            case 3: b.ymin = try r.readDoubleField(f.type)
            case 4: b.ymax = try r.readDoubleField(f.type)
            case 5: b.zmin = try r.readDoubleField(f.type)
            case 6: b.zmax = try r.readDoubleField(f.type)
            case 7: b.mmin = try r.readDoubleField(f.type)
            case 8: b.mmax = try r.readDoubleField(f.type)
            default: return false
            }
            return true
        }
        self = b
    }

    /// Encodes a `BoundingBox`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeDoubleField(1, xmin); w.writeDoubleField(2, xmax)
            w.writeDoubleField(3, ymin); w.writeDoubleField(4, ymax)
            if let v = zmin { w.writeDoubleField(5, v) }
            if let v = zmax { w.writeDoubleField(6, v) }
            if let v = mmin { w.writeDoubleField(7, v) }
            if let v = mmax { w.writeDoubleField(8, v) }
        }
    }
}

/// Statistics of GEOMETRY / GEOGRAPHY columns (`GeospatialStatistics` in parquet.thrift).
public struct GeospatialStatistics: Sendable, Hashable {
    /// Bounding box — field 1.
    public var bbox: BoundingBox?
    /// WKB geometry type codes — field 2.
    public var geospatialTypes: [Int32]?

    /// Creates empty statistics.
    public init() {}
}

extension GeospatialStatistics: ThriftCodable {
    /// Decodes `GeospatialStatistics`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var s = GeospatialStatistics()
        try r.readStruct { r, f in
            switch f.id {
            case 1: s.bbox = try r.readStructField(f.type, BoundingBox.self)
            case 2: s.geospatialTypes = try r.readI32List(f.type)
            default: return false
            }
            return true
        }
        self = s
    }

    /// Encodes `GeospatialStatistics`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            if let v = bbox { w.writeStructField(1, v) }
            if let v = geospatialTypes { w.writeI32ListField(2, v) }
        }
    }
}
