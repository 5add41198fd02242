/// A logical Arrow data type.
///
/// Each case maps to one layout of the Arrow columnar format; see ``DataType/layout``.
/// Nested types carry their child ``Field``s.
public indirect enum DataType: Sendable, Hashable {
    case null
    case boolean
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float16, float32, float64
    /// UTF-8 strings with 32-bit offsets.
    case utf8
    /// UTF-8 strings with 64-bit offsets.
    case largeUtf8
    case binary
    case largeBinary
    /// Binary values of exactly `byteWidth` bytes.
    case fixedSizeBinary(byteWidth: Int)
    /// Days since the UNIX epoch (int32).
    case date32
    /// Milliseconds since the UNIX epoch (int64).
    case date64
    /// Time of day in seconds or milliseconds (int32).
    case time32(TimeUnit)
    /// Time of day in microseconds or nanoseconds (int64).
    case time64(TimeUnit)
    /// Instant since the UNIX epoch (int64) in `unit`, with an optional time zone name.
    case timestamp(TimeUnit, timezone: String?)
    /// Elapsed time (int64).
    case duration(TimeUnit)
    /// Fixed-point decimal stored as a 128-bit little-endian two's complement integer.
    case decimal128(precision: Int, scale: Int)
    /// Fixed-point decimal stored as a 256-bit little-endian two's complement integer
    /// (``Int256``); precision 1...76.
    case decimal256(precision: Int, scale: Int)
    /// Variable-size list with 32-bit offsets.
    case list(Field)
    /// Variable-size list with 64-bit offsets.
    case largeList(Field)
    /// List of exactly `size` elements.
    case fixedSizeList(Field, size: Int)
    /// Struct of named children.
    case `struct`([Field])
    /// Map: a list of `entries` structs with two children, key (non-null) and value.
    case map(entries: Field, keysSorted: Bool)
    /// Dictionary-encoded values: integer indices into a dictionary of `value` type.
    case dictionary(index: DataType, value: DataType, ordered: Bool)
    /// A union of child types: each slot holds a value of the child whose type id
    /// (`typeIds[k]` for child k) is stored in the slot's int8 type id. Dense unions
    /// add an int32 offset into that child; sparse unions index all children by slot.
    /// Unions have no validity bitmap: a slot is null when its child value is.
    case union([Field], typeIds: [Int8], mode: UnionMode)

    /// The physical layout of this type in the Arrow columnar format.
    public var layout: Layout {
        switch self {
        case .null: return .null
        case .boolean: return .bitmap
        case .int8, .uint8: return .fixedWidth(1)
        case .int16, .uint16, .float16: return .fixedWidth(2)
        case .int32, .uint32, .float32, .date32, .time32: return .fixedWidth(4)
        case .int64, .uint64, .float64, .date64, .time64, .timestamp, .duration: return .fixedWidth(8)
        case .decimal128: return .fixedWidth(16)
        case .decimal256: return .fixedWidth(32)
        case .fixedSizeBinary(let w): return .fixedWidth(w)
        case .utf8, .binary: return .variableBinary(offsetWidth: 4)
        case .largeUtf8, .largeBinary: return .variableBinary(offsetWidth: 8)
        case .list: return .list(offsetWidth: 4)
        case .largeList: return .list(offsetWidth: 8)
        case .map: return .list(offsetWidth: 4)
        case .fixedSizeList(_, let n): return .fixedSizeList(n)
        case .struct: return .struct
        case .dictionary(let index, _, _): return index.layout
        case .union(_, _, let mode): return .union(dense: mode == .dense)
        }
    }

    /// Number of buffers in the C Data Interface (validity included; unions have none).
    /// ``ArrayData`` stores one more for unions: an always-nil validity slot first.
    public var bufferCount: Int {
        switch layout {
        case .null: return 0
        case .bitmap, .fixedWidth: return 2
        case .variableBinary: return 3
        case .list: return 2
        case .fixedSizeList, .struct: return 1
        case .union(let dense): return dense ? 2 : 1
        }
    }

    /// Number of entries of ``ArrayData/buffers`` (a validity slot first, for every type but null).
    public var storedBufferCount: Int {
        if case .union = layout { return bufferCount + 1 }
        return bufferCount
    }

    /// Child fields of nested types (empty otherwise).
    public var children: [Field] {
        switch self {
        case .list(let f), .largeList(let f), .fixedSizeList(let f, _): return [f]
        case .map(let e, _): return [e]
        case .struct(let fs): return fs
        case .union(let fs, _, _): return fs
        default: return []
        }
    }

    /// True for the signed and unsigned integer types.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return true
        default: return false
        }
    }

    /// True for utf8 and large_utf8.
    public var isString: Bool { self == .utf8 || self == .largeUtf8 }

    /// True for dictionary types.
    public var isDictionary: Bool { if case .dictionary = self { return true } else { return false } }

    /// Short display name used in previews (`i64`, `str`, `list[i32]`, ...).
    public var shortName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "bool"
        case .int8: return "i8"
        case .int16: return "i16"
        case .int32: return "i32"
        case .int64: return "i64"
        case .uint8: return "u8"
        case .uint16: return "u16"
        case .uint32: return "u32"
        case .uint64: return "u64"
        case .float16: return "f16"
        case .float32: return "f32"
        case .float64: return "f64"
        case .utf8: return "str"
        case .largeUtf8: return "large_str"
        case .binary: return "binary"
        case .largeBinary: return "large_binary"
        case .fixedSizeBinary(let w): return "fixed_binary[\(w)]"
        case .date32: return "date32"
        case .date64: return "date64"
        case .time32(let u): return "time32[\(u.abbreviation)]"
        case .time64(let u): return "time64[\(u.abbreviation)]"
        case .timestamp(let u, let tz):
            if let tz { return "timestamp[\(u.abbreviation), \(tz)]" }
            return "timestamp[\(u.abbreviation)]"
        case .duration(let u): return "duration[\(u.abbreviation)]"
        case .decimal128(let p, let s): return "decimal128(\(p), \(s))"
        case .decimal256(let p, let s): return "decimal256(\(p), \(s))"
        case .list(let f): return "list[\(f.type.shortName)]"
        case .largeList(let f): return "large_list[\(f.type.shortName)]"
        case .fixedSizeList(let f, let n): return "fixed_list[\(f.type.shortName); \(n)]"
        case .struct(let fs): return "struct[\(fs.count) fields]"
        case .map(let e, _):
            let kv = e.type.children
            if kv.count == 2 { return "map[\(kv[0].type.shortName), \(kv[1].type.shortName)]" }
            return "map[?]"
        case .dictionary(let i, let v, _): return "dict[\(i.shortName), \(v.shortName)]"
        case .union(let fs, _, let mode):
            return "\(mode == .dense ? "dense" : "sparse")_union[\(fs.map(\.type.shortName).joined(separator: ", "))]"
        }
    }
}

/// The physical memory layout of an Arrow array.
public enum Layout: Sendable, Hashable {
    /// No buffers at all (the null type).
    case null
    /// One bit per value (boolean).
    case bitmap
    /// Fixed-width values of the given byte width.
    case fixedWidth(Int)
    /// Offsets of the given width into a data buffer (strings, binary).
    case variableBinary(offsetWidth: Int)
    /// Offsets of the given width into one child array (list, large_list, map).
    case list(offsetWidth: Int)
    /// Exactly n child values per slot.
    case fixedSizeList(Int)
    /// Children of equal length, no own data.
    case `struct`
    /// Int8 type ids (and int32 offsets when dense), no validity bitmap.
    case union(dense: Bool)
}

/// How a union locates the value of a slot in its child.
public enum UnionMode: Sendable, Hashable {
    /// Every child has one slot per union slot.
    case sparse
    /// An int32 offset per slot points into the selected child.
    case dense
}
