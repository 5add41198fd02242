import PFColumnar

/// How Avro types map to Arrow types.
///
/// | Avro | Arrow |
/// |---|---|
/// | null, boolean, int, long, float, double | null, bool, int32, int64, float32, float64 |
/// | bytes, string | binary, utf8 |
/// | record | struct (the top-level record gives the table's columns) |
/// | enum | dictionary<int32, utf8> (the symbols are the dictionary) |
/// | array, map | list<item>, map<utf8, value> |
/// | fixed(n) | fixed_size_binary(n) (n = 0: unsupported, Arrow needs a positive width) |
/// | ["null", T], [T, "null"], [T] | nullable T (T for the one-branch union) |
/// | any other union | dense_union, one child per branch in branch order (type ids 0..n-1, children named by ``unionBranchName``, all nullable); a `"null"` branch is a child of Arrow type null |
/// | decimal(p, s) on bytes/fixed, p ≤ 38 | decimal128(p, s) |
/// | decimal(p, s) on bytes/fixed, 38 < p ≤ 76 | decimal256(p, s) (p > 76: unsupported) |
/// | uuid on string / fixed(16) | utf8 / fixed_size_binary(16) |
/// | date, time-millis, time-micros | date32, time32(ms), time64(us) |
/// | timestamp-{millis,micros,nanos} | timestamp(unit, "UTC") |
/// | local-timestamp-{millis,micros,nanos} | timestamp(unit, nil) |
/// | duration (fixed 12) | struct<months: uint32, days: uint32, milliseconds: uint32> (all non-null) |
///
/// A dense union has no validity bitmap: a null value of a union with a `"null"` branch is
/// a slot of its null child. The union field itself is always marked nullable.
extension AvroSchema {
    /// The Arrow type of values of this schema and whether they may be null.
    public func arrowType() throws(PFError) -> (type: DataType, nullable: Bool) {
        switch self {
        case .null: return (.null, true)
        case .boolean: return (.boolean, false)
        case .int: return (.int32, false)
        case .long: return (.int64, false)
        case .float: return (.float32, false)
        case .double: return (.float64, false)
        case .bytes: return (.binary, false)
        case .string: return (.utf8, false)
        case .record(let r):
            return (.struct(try r.fields.map { f throws(PFError) in try f.type.arrowField(f.name) }), false)
        case .enumeration: return (AvroSchema.enumArrowType, false)
        case .array(let items): return (.list(try items.arrowField("item")), false)
        case .map(let values):
            let entries = Field("entries", .struct([Field("key", .utf8, nullable: false), try values.arrowField("value")]),
                                nullable: false)
            return (.map(entries: entries, keysSorted: false), false)
        case .fixed(let f):
            guard f.size > 0 else {
                throw .unsupported("Avro fixed '\(f.name)' of size 0 (Arrow fixed_size_binary needs a positive width)")
            }
            return (.fixedSizeBinary(byteWidth: f.size), false)
        case .union(let branches):
            let nonNull = branches.filter { $0 != .null }
            if nonNull.isEmpty { return (.null, true) }
            if nonNull.count == 1 {
                let t = try nonNull[0].arrowType()
                return (t.type, t.nullable || nonNull.count < branches.count)
            }
            guard branches.count <= AvroSchema.maxUnionBranches else {
                throw .unsupported("Avro union of \(branches.count) branches (at most \(AvroSchema.maxUnionBranches) fit Arrow's int8 type ids)")
            }
            var fields: [Field] = []
            for b in branches { fields.append(Field(b.unionBranchName, try b.arrowType().type, nullable: true)) }
            return (.union(fields, typeIds: (0..<branches.count).map { Int8($0) }, mode: .dense), true)
        case .logical(let l, let base):
            switch l {
            case .decimal(let p, let s):
                if p <= 38 { return (.decimal128(precision: p, scale: s), false) }
                guard p <= 76 else {
                    throw .unsupported("Avro decimal(\(p), \(s)): precision above 76 does not fit Arrow's decimal256")
                }
                return (.decimal256(precision: p, scale: s), false)
            case .uuid: return try base.arrowType()
            case .date: return (.date32, false)
            case .timeMillis: return (.time32(.millisecond), false)
            case .timeMicros: return (.time64(.microsecond), false)
            case .timestampMillis: return (.timestamp(.millisecond, timezone: "UTC"), false)
            case .timestampMicros: return (.timestamp(.microsecond, timezone: "UTC"), false)
            case .timestampNanos: return (.timestamp(.nanosecond, timezone: "UTC"), false)
            case .localTimestampMillis: return (.timestamp(.millisecond, timezone: nil), false)
            case .localTimestampMicros: return (.timestamp(.microsecond, timezone: nil), false)
            case .localTimestampNanos: return (.timestamp(.nanosecond, timezone: nil), false)
            case .duration: return (AvroSchema.durationArrowType, false)
            }
        }
    }

    /// The Arrow field named `name` for values of this schema.
    public func arrowField(_ name: String) throws(PFError) -> Field {
        let t = try arrowType()
        return Field(name, t.type, nullable: t.nullable)
    }

    /// The Arrow schema of a file with this writer schema: the fields of a top-level
    /// record, or one column named `value` for any other top-level type.
    public func arrowSchema() throws(PFError) -> Schema {
        if case .record(let r) = self {
            return Schema(try r.fields.map { f throws(PFError) in try f.type.arrowField(f.name) })
        }
        return Schema([try arrowField(AvroSchema.valueColumnName)])
    }

    /// Most branches of a union mapped to a dense union (type ids are int8).
    public static let maxUnionBranches = 127

    /// The name of the dense-union child of a union branch of this schema: the primitive
    /// type name (`"int"`, `"string"`, `"null"`...; a logical type uses its underlying
    /// type's), the full name of a record, enum or fixed, or `"array"` / `"map"` (the
    /// names fastavro uses for union branches).
    public var unionBranchName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case .record(let r): return r.name.fullName
        case .enumeration(let e): return e.name.fullName
        case .fixed(let f): return f.name.fullName
        case .array: return "array"
        case .map: return "map"
        case .union: return "union"
        case .logical(_, let b): return b.unionBranchName
        }
    }

    /// Name of the single column of files whose top-level schema is not a record.
    public static let valueColumnName = "value"

    /// dictionary<int32, utf8>: the Arrow type of Avro enums.
    public static let enumArrowType = DataType.dictionary(index: .int32, value: .utf8, ordered: false)

    /// struct<months, days, milliseconds: uint32>: the Arrow type of the Avro duration.
    public static let durationArrowType = DataType.struct([
        Field("months", .uint32, nullable: false),
        Field("days", .uint32, nullable: false),
        Field("milliseconds", .uint32, nullable: false),
    ])

    /// The least number of bytes one encoded value occupies (0 for null and empty records).
    var minEncodedSize: Int {
        switch self {
        case .null: return 0
        case .boolean, .int, .long, .bytes, .string, .enumeration, .array, .map, .union: return 1
        case .float: return 4
        case .double: return 8
        case .fixed(let f): return f.size
        case .record(let r): return r.fields.reduce(0) { $0 &+ $1.type.minEncodedSize }
        case .logical(_, let b): return b.minEncodedSize
        }
    }
}
