import PFColumnar

/// An Avro schema (Avro 1.11 specification, "Schema Declaration").
///
/// Named types that are referenced by name are inlined at the reference, so the tree is
/// finite; recursive schemas (a type that refers to itself) are rejected by
/// ``parse(_:)`` with ``PFError/unsupported(_:)``. Valid logical types wrap their
/// underlying type in ``logical(_:_:)``; unknown or invalid ones are dropped (the spec
/// says readers use the underlying type).
public indirect enum AvroSchema: Sendable, Hashable {
    case null
    case boolean
    case int
    case long
    case float
    case double
    case bytes
    case string
    /// A record (also the protocol type `error`).
    case record(AvroRecordSchema)
    /// An enumeration of symbols.
    case enumeration(AvroEnumSchema)
    /// An array of `items`.
    case array(AvroSchema)
    /// A map from strings to `values`.
    case map(AvroSchema)
    /// Fixed-size binary.
    case fixed(AvroFixedSchema)
    /// A union of branches (written as branch index, then the value).
    case union([AvroSchema])
    /// A logical type annotating its underlying type.
    case logical(AvroLogicalType, AvroSchema)

    /// The underlying type without a logical annotation.
    public var base: AvroSchema {
        if case .logical(_, let b) = self { return b }
        return self
    }

    /// The type name used in messages (`"int"`, `"record Person"`, `"union [null, string]"`...).
    public var displayName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case .record(let r): return "record \(r.name.fullName)"
        case .enumeration(let e): return "enum \(e.name.fullName)"
        case .array(let i): return "array<\(i.displayName)>"
        case .map(let v): return "map<\(v.displayName)>"
        case .fixed(let f): return "fixed \(f.name.fullName)(\(f.size))"
        case .union(let bs): return "[" + bs.map(\.displayName).joined(separator: ", ") + "]"
        case .logical(let l, let b): return "\(l.name)(\(b.displayName))"
        }
    }

    /// Parses a schema from its JSON text.
    public static func parse(_ json: String) throws(PFError) -> AvroSchema {
        var p = AvroSchemaParser()
        return try p.parse(JSONValue.parse(json), namespace: nil)
    }

    /// Parses a schema from a JSON value.
    public static func parse(json: JSONValue) throws(PFError) -> AvroSchema {
        var p = AvroSchemaParser()
        return try p.parse(json, namespace: nil)
    }
}

/// A fully qualified Avro name.
public struct AvroName: Sendable, Hashable, CustomStringConvertible {
    /// The unqualified name.
    public var name: String
    /// The namespace, or nil for the null namespace.
    public var namespace: String?
    public init(name: String, namespace: String?) { self.name = name; self.namespace = namespace }
    /// `namespace.name`, or `name` in the null namespace.
    public var fullName: String { namespace.map { "\($0).\(name)" } ?? name }
    public var description: String { fullName }
}

/// A record schema.
public struct AvroRecordSchema: Sendable, Hashable {
    public var name: AvroName
    public var fields: [AvroFieldSchema]
    public init(name: AvroName, fields: [AvroFieldSchema]) { self.name = name; self.fields = fields }
}

/// One field of a record.
public struct AvroFieldSchema: Sendable, Hashable {
    public var name: String
    public var type: AvroSchema
    public init(name: String, type: AvroSchema) { self.name = name; self.type = type }
}

/// An enum schema.
public struct AvroEnumSchema: Sendable, Hashable {
    public var name: AvroName
    public var symbols: [String]
    public init(name: AvroName, symbols: [String]) { self.name = name; self.symbols = symbols }
}

/// A fixed schema.
public struct AvroFixedSchema: Sendable, Hashable {
    public var name: AvroName
    public var size: Int
    public init(name: AvroName, size: Int) { self.name = name; self.size = size }
}

/// The logical types of the Avro 1.11 specification that ParquetFrame maps to Arrow types.
public enum AvroLogicalType: Sendable, Hashable {
    /// Big-endian two's complement unscaled integer on `bytes` or `fixed`.
    case decimal(precision: Int, scale: Int)
    /// On `string` (canonical text) or `fixed(16)`.
    case uuid
    /// Days since the UNIX epoch on `int`.
    case date
    /// Milliseconds after midnight on `int`.
    case timeMillis
    /// Microseconds after midnight on `long`.
    case timeMicros
    /// UTC instants on `long`.
    case timestampMillis, timestampMicros, timestampNanos
    /// Wall-clock (time-zone-less) timestamps on `long`.
    case localTimestampMillis, localTimestampMicros, localTimestampNanos
    /// Months, days and milliseconds (three little-endian uint32) on `fixed(12)`.
    case duration

    /// The name in the schema (`"timestamp-micros"`...).
    public var name: String {
        switch self {
        case .decimal(let p, let s): return "decimal(\(p), \(s))"
        case .uuid: return "uuid"
        case .date: return "date"
        case .timeMillis: return "time-millis"
        case .timeMicros: return "time-micros"
        case .timestampMillis: return "timestamp-millis"
        case .timestampMicros: return "timestamp-micros"
        case .timestampNanos: return "timestamp-nanos"
        case .localTimestampMillis: return "local-timestamp-millis"
        case .localTimestampMicros: return "local-timestamp-micros"
        case .localTimestampNanos: return "local-timestamp-nanos"
        case .duration: return "duration"
        }
    }
}
