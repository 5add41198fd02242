import PFColumnar

/// How the Arrow values of a leaf are turned into Parquet physical values.
public enum LeafConversion: Sendable, Hashable {
    /// Arrow bitmap → BOOLEAN.
    case boolean
    /// 8/16-bit integers widened to INT32 (sign- or zero-extended).
    case widenToInt32(byteWidth: Int, signed: Bool)
    /// 4-byte values copied as they are (INT32, FLOAT).
    case copy4
    /// 8-byte values copied as they are (INT64, DOUBLE).
    case copy8
    /// int32 values multiplied (time32[s] → TIME(MILLIS)).
    case scale32(Int32)
    /// int64 values multiplied (timestamp[s] → TIMESTAMP(MILLIS)).
    case scale64(Int64)
    /// date64 milliseconds → INT32 days.
    case date64ToDays
    /// Fixed-width bytes copied (FIXED_LEN_BYTE_ARRAY: fixed_size_binary, float16).
    case fixedBytes(Int)
    /// decimal128 / decimal256 (16 / 32 bytes little-endian) → big-endian FIXED_LEN_BYTE_ARRAY
    /// of `byteWidth`.
    case decimal(byteWidth: Int)
    /// Offset-based binary → BYTE_ARRAY.
    case byteArray(offsetWidth: Int)
    /// The null type: every value is null (INT32 column, no values).
    case null
}

/// How min/max statistics compare values of a leaf.
public enum StatisticsOrder: Sendable, Hashable {
    case boolean, int32, uint32, int64, uint64, float, double
    /// Unsigned lexicographic bytes (strings, binary, fixed_size_binary).
    case unsignedBytes
    /// Big-endian two's complement (decimals in FIXED_LEN_BYTE_ARRAY).
    case signedBigEndian
    /// IEEE half floats in FIXED_LEN_BYTE_ARRAY(2).
    case float16
    /// No min/max (null columns).
    case none
}

/// One leaf column of the Parquet schema derived from an Arrow schema.
public struct ParquetLeafColumn: Sendable {
    /// Path from the root (excluded) to the leaf.
    public let path: [String]
    public let physicalType: ParquetPhysicalType
    /// Byte width for FIXED_LEN_BYTE_ARRAY (0 otherwise).
    public let typeLength: Int
    public let maxDefinitionLevel: Int
    public let maxRepetitionLevel: Int
    /// The Arrow type of the leaf values (dictionaries unwrapped).
    public let arrowType: DataType
    public let conversion: LeafConversion
    public let order: StatisticsOrder
    /// Index of the top-level Arrow field the leaf belongs to.
    public let topLevelField: Int
}

/// The shape of an Arrow field as the level computation sees it.
indirect enum LevelNode: Sendable {
    /// A leaf: index into ``ParquetWriteSchema/leaves``.
    case leaf(Int, nullable: Bool)
    case `struct`([LevelNode], nullable: Bool)
    /// list, large_list, fixed_size_list or map (whose element is the entries struct).
    case list(LevelNode, nullable: Bool)
}

/// An Arrow schema mapped to a Parquet schema the way pyarrow maps it.
public struct ParquetWriteSchema: Sendable {
    /// The flattened Parquet schema, root first.
    public let elements: [SchemaElement]
    /// The leaf columns in schema order.
    public let leaves: [ParquetLeafColumn]
    /// One level tree per top-level field.
    let nodes: [LevelNode]

    /// Maps `schema`.
    /// - Throws: `.unsupported` for unions and other types Parquet cannot store.
    public init(_ schema: Schema) throws {
        var b = Builder()
        var root = SchemaElement(name: "schema")
        root.numChildren = Int32(schema.fields.count)
        b.elements.append(root)
        var nodes: [LevelNode] = []
        for (i, f) in schema.fields.enumerated() {
            b.top = i
            nodes.append(try b.add(f, name: f.name, path: [], def: 0, rep: 0,
                                   repetition: f.nullable || f.type == .null ? .optional : .required))
        }
        elements = b.elements
        leaves = b.leaves
        self.nodes = nodes
    }

    /// Bytes of the smallest two's complement integer holding `precision` decimal digits.
    public static func decimalByteWidth(precision: Int) -> Int {
        var bytes = 1
        // 10^precision - 1 must fit in 8*bytes - 1 bits.
        while bytes < 32 {
            let bits = Double(8 * bytes - 1)
            if Double(precision) <= (bits * 0.30102999566398120).rounded(.down) { break }
            bytes += 1
        }
        return bytes
    }

    private struct Builder {
        var elements: [SchemaElement] = []
        var leaves: [ParquetLeafColumn] = []
        var top = 0

        mutating func add(_ f: Field, name: String, path: [String], def: Int, rep: Int,
                          repetition: ParquetRepetition) throws -> LevelNode {
            let nullable = repetition == .optional
            let d = def + (nullable ? 1 : 0)
            guard d < 250, rep < 250 else {
                throw PFError.unsupported("field '\(f.name)' is nested too deeply for the Parquet writer")
            }
            let p = path + [name]
            var e = SchemaElement(name: name)
            e.repetitionType = repetition
            switch f.type {
            case .list(let child), .largeList(let child), .fixedSizeList(let child, _):
                e.numChildren = 1
                e.logicalType = .list
                e.convertedType = .list
                elements.append(e)
                var g = SchemaElement(name: "list")
                g.repetitionType = .repeated
                g.numChildren = 1
                elements.append(g)
                let element = try add(child, name: "element", path: p + ["list"], def: d + 1, rep: rep + 1,
                                      repetition: child.nullable || child.type == .null ? .optional : .required)
                return .list(element, nullable: nullable)
            case .map(let entries, _):
                let kv = entries.type.children
                guard case .struct = entries.type, kv.count == 2 else {
                    throw PFError.invalidArgument("map field '\(f.name)' must have a struct of key and value")
                }
                e.numChildren = 1
                e.logicalType = .map
                e.convertedType = .map
                elements.append(e)
                var g = SchemaElement(name: "key_value")
                g.repetitionType = .repeated
                g.numChildren = 2
                elements.append(g)
                let gp = p + ["key_value"]
                let key = try add(kv[0], name: "key", path: gp, def: d + 1, rep: rep + 1, repetition: .required)
                let value = try add(kv[1], name: "value", path: gp, def: d + 1, rep: rep + 1,
                                    repetition: kv[1].nullable || kv[1].type == .null ? .optional : .required)
                return .list(.struct([key, value], nullable: false), nullable: nullable)
            case .struct(let children):
                guard !children.isEmpty else {
                    throw PFError.unsupported("struct field '\(f.name)' without children cannot be written to Parquet")
                }
                e.numChildren = Int32(children.count)
                elements.append(e)
                var out: [LevelNode] = []
                for c in children {
                    out.append(try add(c, name: c.name, path: p, def: d, rep: rep,
                                       repetition: c.nullable || c.type == .null ? .optional : .required))
                }
                return .struct(out, nullable: nullable)
            case .union:
                throw PFError.unsupported("union field '\(f.name)': Parquet has no union type")
            case .dictionary(_, let value, _):
                return try leaf(e, f, value, p, d, rep, nullable)
            default:
                return try leaf(e, f, f.type, p, d, rep, nullable)
            }
        }

        mutating func leaf(_ base: SchemaElement, _ f: Field, _ type: DataType, _ path: [String],
                           _ def: Int, _ rep: Int, _ nullable: Bool) throws -> LevelNode {
            var e = base
            let physical: ParquetPhysicalType
            var length = 0
            let conv: LeafConversion
            let order: StatisticsOrder
            func int(_ bits: Int8, _ signed: Bool) {
                e.logicalType = .integer(bitWidth: bits, isSigned: signed)
                switch (bits, signed) {
                case (8, true): e.convertedType = .int8
                case (16, true): e.convertedType = .int16
                case (32, true): e.convertedType = .int32
                case (64, true): e.convertedType = .int64
                case (8, false): e.convertedType = .uint8
                case (16, false): e.convertedType = .uint16
                case (32, false): e.convertedType = .uint32
                default: e.convertedType = .uint64
                }
            }
            func ptu(_ u: TimeUnit) -> ParquetTimeUnit {
                switch u {
                case .second, .millisecond: return .millis
                case .microsecond: return .micros
                case .nanosecond: return .nanos
                }
            }
            switch type {
            case .null:
                physical = .int32; conv = .null; order = .none; e.logicalType = .null
            case .boolean:
                physical = .boolean; conv = .boolean; order = .boolean
            case .int8: physical = .int32; conv = .widenToInt32(byteWidth: 1, signed: true); order = .int32; int(8, true)
            case .int16: physical = .int32; conv = .widenToInt32(byteWidth: 2, signed: true); order = .int32; int(16, true)
            case .int32: physical = .int32; conv = .copy4; order = .int32
            case .int64: physical = .int64; conv = .copy8; order = .int64
            case .uint8: physical = .int32; conv = .widenToInt32(byteWidth: 1, signed: false); order = .uint32; int(8, false)
            case .uint16: physical = .int32; conv = .widenToInt32(byteWidth: 2, signed: false); order = .uint32; int(16, false)
            case .uint32: physical = .int32; conv = .copy4; order = .uint32; int(32, false)
            case .uint64: physical = .int64; conv = .copy8; order = .uint64; int(64, false)
            case .float16:
                physical = .fixedLenByteArray; length = 2; conv = .fixedBytes(2); order = .float16
                e.logicalType = .float16
            case .float32: physical = .float; conv = .copy4; order = .float
            case .float64: physical = .double; conv = .copy8; order = .double
            case .utf8, .largeUtf8:
                physical = .byteArray; conv = .byteArray(offsetWidth: type == .utf8 ? 4 : 8); order = .unsignedBytes
                e.logicalType = .string; e.convertedType = .utf8
            case .binary, .largeBinary:
                physical = .byteArray; conv = .byteArray(offsetWidth: type == .binary ? 4 : 8); order = .unsignedBytes
            case .fixedSizeBinary(let w):
                guard w > 0 else { throw PFError.unsupported("fixed_size_binary(0) field '\(f.name)'") }
                physical = .fixedLenByteArray; length = w; conv = .fixedBytes(w); order = .unsignedBytes
            case .date32:
                physical = .int32; conv = .copy4; order = .int32; e.logicalType = .date; e.convertedType = .date
            case .date64:
                physical = .int32; conv = .date64ToDays; order = .int32; e.logicalType = .date; e.convertedType = .date
            case .time32(let u):
                physical = .int32; conv = u == .second ? .scale32(1000) : .copy4; order = .int32
                e.logicalType = .time(isAdjustedToUTC: false, unit: .millis); e.convertedType = .timeMillis
            case .time64(let u):
                physical = .int64; conv = .copy8; order = .int64
                e.logicalType = .time(isAdjustedToUTC: false, unit: ptu(u))
                if u == .microsecond { e.convertedType = .timeMicros }
            case .timestamp(let u, let tz):
                physical = .int64; conv = u == .second ? .scale64(1000) : .copy8; order = .int64
                e.logicalType = .timestamp(isAdjustedToUTC: tz != nil, unit: ptu(u))
            case .duration:
                physical = .int64; conv = .copy8; order = .int64
            case .decimal128(let p, let s):
                guard p >= 1, p <= 38 else { throw PFError.unsupported("decimal128 precision \(p) of field '\(f.name)'") }
                length = ParquetWriteSchema.decimalByteWidth(precision: p)
                physical = .fixedLenByteArray; conv = .decimal(byteWidth: length); order = .signedBigEndian
                e.logicalType = .decimal(scale: Int32(s), precision: Int32(p)); e.convertedType = .decimal
                e.scale = Int32(s); e.precision = Int32(p)
            case .decimal256(let p, let s):
                guard p >= 1, p <= 76 else { throw PFError.unsupported("decimal256 precision \(p) of field '\(f.name)'") }
                length = ParquetWriteSchema.decimalByteWidth(precision: p)
                physical = .fixedLenByteArray; conv = .decimal(byteWidth: length); order = .signedBigEndian
                e.logicalType = .decimal(scale: Int32(s), precision: Int32(p)); e.convertedType = .decimal
                e.scale = Int32(s); e.precision = Int32(p)
            case .dictionary:
                throw PFError.unsupported("nested dictionary type in field '\(f.name)'")
            default:
                throw PFError.unsupported("type \(type.shortName) of field '\(f.name)' cannot be written to Parquet")
            }
            e.type = physical
            if length > 0 { e.typeLength = Int32(length) }
            elements.append(e)
            leaves.append(ParquetLeafColumn(path: path, physicalType: physical, typeLength: length,
                                            maxDefinitionLevel: def, maxRepetitionLevel: rep, arrowType: type,
                                            conversion: conv, order: order, topLevelField: top))
            return .leaf(leaves.count - 1, nullable: nullable)
        }
    }
}
