/// Logical type annotation of a schema element (the `LogicalType` union of parquet.thrift).
public enum ParquetLogicalType: Sendable, Hashable {
    /// UTF-8 string (member 1).
    case string
    /// Map group (member 2).
    case map
    /// List group (member 3).
    case list
    /// Enum stored as UTF-8 bytes (member 4).
    case enumeration
    /// Decimal with the given scale and precision (member 5).
    case decimal(scale: Int32, precision: Int32)
    /// Days since the Unix epoch (member 6).
    case date
    /// Time of day (member 7).
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    /// Instant or local date-time (member 8).
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    /// Integer of the given width and signedness (member 10).
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always-null column (`UNKNOWN`, member 11).
    case null
    /// JSON document (member 12).
    case json
    /// BSON document (member 13).
    case bson
    /// UUID in 16 bytes (member 14).
    case uuid
    /// IEEE half float in 2 bytes (member 15).
    case float16
    /// Variant (member 16).
    case variant(specificationVersion: Int8?)
    /// Geometry in WKB (member 17).
    case geometry(crs: String?)
    /// Geography in WKB (member 18).
    case geography(crs: String?, algorithm: ParquetEdgeInterpolationAlgorithm?)
    /// Fixed-size vector (member 19).
    case vector
    /// A union member this version does not know (its field id).
    case unrecognized(Int16)
}

extension ParquetLogicalType: ThriftCodable {
    /// Decodes the `LogicalType` union.
    public init(thrift r: inout ThriftCompactReader) throws {
        var result: ParquetLogicalType = .unrecognized(0)
        try r.readStruct { r, f in
            func empty(_ v: ParquetLogicalType) throws -> ParquetLogicalType {
                try r.skipStructField(f.type)
                return v
            }
            switch f.id {
            case 1: result = try empty(.string)
            case 2: result = try empty(.map)
            case 3: result = try empty(.list)
            case 4: result = try empty(.enumeration)
            case 5:
                try r.expect(f.type, .struct, "DecimalType")
                var scale: Int32?, precision: Int32?
                try r.readStruct { r, g in
                    switch g.id {
                    case 1: scale = try r.readI32(g.type)
                    case 2: precision = try r.readI32(g.type)
                    default: return false
                    }
                    return true
                }
                guard let s = scale, let p = precision else {
                    throw r.error("DecimalType without scale or precision")
                }
                result = .decimal(scale: s, precision: p)
            case 6: result = try empty(.date)
            case 7, 8:
                try r.expect(f.type, .struct, "TimeType/TimestampType")
                var utc: Bool?, unit: ParquetTimeUnit?
                try r.readStruct { r, g in
                    switch g.id {
                    case 1: utc = try r.readBoolField(g.type)
                    case 2: unit = try r.readStructField(g.type, ParquetTimeUnit.self)
                    default: return false
                    }
                    return true
                }
                guard let u = utc, let t = unit else {
                    throw r.error("Time/Timestamp type without isAdjustedToUTC or unit")
                }
                result = f.id == 7 ? .time(isAdjustedToUTC: u, unit: t)
                                   : .timestamp(isAdjustedToUTC: u, unit: t)
            case 10:
                try r.expect(f.type, .struct, "IntType")
                var width: Int8?, signed: Bool?
                try r.readStruct { r, g in
                    switch g.id {
                    case 1: width = try r.readI8(g.type)
                    case 2: signed = try r.readBoolField(g.type)
                    default: return false
                    }
                    return true
                }
                guard let w = width, let s = signed else {
                    throw r.error("IntType without bitWidth or isSigned")
                }
                result = .integer(bitWidth: w, isSigned: s)
            case 11: result = try empty(.null)
            case 12: result = try empty(.json)
            case 13: result = try empty(.bson)
            case 14: result = try empty(.uuid)
            case 15: result = try empty(.float16)
            case 16:
                try r.expect(f.type, .struct, "VariantType")
                var version: Int8?
                try r.readStruct { r, g in
                    if g.id == 1 { version = try r.readI8(g.type); return true }
                    return false
                }
                result = .variant(specificationVersion: version)
            case 17:
                try r.expect(f.type, .struct, "GeometryType")
                var crs: String?
                try r.readStruct { r, g in
                    if g.id == 1 { crs = try r.readStringField(g.type); return true }
                    return false
                }
                result = .geometry(crs: crs)
            case 18:
                try r.expect(f.type, .struct, "GeographyType")
                var crs: String?, algo: ParquetEdgeInterpolationAlgorithm?
                try r.readStruct { r, g in
                    switch g.id {
                    case 1: crs = try r.readStringField(g.type)
                    case 2: algo = try r.readEdgeInterpolationAlgorithm(g.type)
                    default: return false
                    }
                    return true
                }
                result = .geography(crs: crs, algorithm: algo)
            case 19: result = try empty(.vector)
            default:
                try r.skipValue(f.type, inContainer: false)
                result = .unrecognized(f.id)
            }
            return true
        }
        self = result
    }

    /// Encodes the `LogicalType` union.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            switch self {
            case .string: w.writeEmptyStructField(1)
            case .map: w.writeEmptyStructField(2)
            case .list: w.writeEmptyStructField(3)
            case .enumeration: w.writeEmptyStructField(4)
            case .decimal(let scale, let precision):
                w.writeFieldHeader(.struct, id: 5)
                w.writeStruct { w in
                    w.writeI32Field(1, scale)
                    w.writeI32Field(2, precision)
                }
            case .date: w.writeEmptyStructField(6)
            case .time(let utc, let unit), .timestamp(let utc, let unit):
                if case .time = self { w.writeFieldHeader(.struct, id: 7) }
                else { w.writeFieldHeader(.struct, id: 8) }
                w.writeStruct { w in
                    w.writeBoolField(1, utc)
                    w.writeStructField(2, unit)
                }
            case .integer(let width, let signed):
                w.writeFieldHeader(.struct, id: 10)
                w.writeStruct { w in
                    w.writeI8Field(1, width)
                    w.writeBoolField(2, signed)
                }
            case .null: w.writeEmptyStructField(11)
            case .json: w.writeEmptyStructField(12)
            case .bson: w.writeEmptyStructField(13)
            case .uuid: w.writeEmptyStructField(14)
            case .float16: w.writeEmptyStructField(15)
            case .variant(let version):
                w.writeFieldHeader(.struct, id: 16)
                w.writeStruct { w in if let v = version { w.writeI8Field(1, v) } }
            case .geometry(let crs):
                w.writeFieldHeader(.struct, id: 17)
                w.writeStruct { w in if let c = crs { w.writeStringField(1, c) } }
            case .geography(let crs, let algo):
                w.writeFieldHeader(.struct, id: 18)
                w.writeStruct { w in
                    if let c = crs { w.writeStringField(1, c) }
                    if let a = algo { w.writeI32Field(2, a.thriftValue) }
                }
            case .vector: w.writeEmptyStructField(19)
            case .unrecognized(let id): if id > 0 { w.writeEmptyStructField(id) }
            }
        }
    }
}
