/// A tree of configuration values, as parsed from YAML or JSON.
///
/// Every node remembers where it came from (``location``), so validation messages can
/// point at a line. Mappings keep their key order and each key's own location.
/// Equality (``==``) compares values only and ignores locations.
public struct ConfigValue: Sendable, Equatable, CustomStringConvertible {
    /// The value of a node.
    public enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case string(String)
        case array([ConfigValue])
        case object([ConfigEntry])
    }

    /// The value.
    public var kind: Kind
    /// Where the node starts in its source (nil for values built in code).
    public var location: SourceLocation?

    /// Creates a node.
    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    public static func == (a: ConfigValue, b: ConfigValue) -> Bool { a.kind == b.kind }

    /// The null value.
    public static let null = ConfigValue(.null)
    /// An empty mapping.
    public static let emptyObject = ConfigValue(.object([]))

    /// Convenience constructor for a string node.
    public static func string(_ s: String) -> ConfigValue { ConfigValue(.string(s)) }

    /// Convenience constructor for a mapping built in code (no locations).
    public static func object(_ pairs: [(String, ConfigValue)]) -> ConfigValue {
        ConfigValue(.object(pairs.map { ConfigEntry(key: $0.0, value: $0.1) }))
    }

    /// Convenience constructor for an array built in code.
    public static func array(_ items: [ConfigValue]) -> ConfigValue { ConfigValue(.array(items)) }

    /// True for ``Kind/null``.
    public var isNull: Bool { if case .null = kind { return true } else { return false } }

    /// The entries of a mapping, nil otherwise.
    public var entries: [ConfigEntry]? { if case .object(let e) = kind { return e } else { return nil } }

    /// The items of a sequence, nil otherwise.
    public var items: [ConfigValue]? { if case .array(let a) = kind { return a } else { return nil } }

    /// The value of `key` in a mapping (the last one if repeated), nil when absent or not a mapping.
    public subscript(key: String) -> ConfigValue? {
        guard case .object(let e) = kind else { return nil }
        for entry in e.reversed() where entry.key == key { return entry.value }
        return nil
    }

    /// The string of a string node, nil otherwise.
    public var stringValue: String? { if case .string(let s) = kind { return s } else { return nil } }

    /// A scalar rendered as text (strings as is, numbers and booleans in their canonical
    /// form, null as ""); nil for collections.
    public var scalarText: String? {
        switch kind {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.formatDouble(d)
        case .string(let s): return s
        case .array, .object: return nil
        }
    }

    /// An integer node (or a double with an integral value), nil otherwise.
    public var intValue: Int64? {
        switch kind {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    /// A numeric node as a double, nil otherwise.
    public var doubleValue: Double? {
        switch kind {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// A boolean node, nil otherwise.
    public var boolValue: Bool? { if case .bool(let b) = kind { return b } else { return nil } }

    /// A short name of the node's type, for messages.
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "mapping"
        }
    }

    /// The node as compact JSON.
    public var description: String { JSONWriter.encode(self) }
}

/// One key of a mapping.
public struct ConfigEntry: Sendable, Equatable {
    /// The key text.
    public var key: String
    /// Where the key is written (nil for values built in code).
    public var keyLocation: SourceLocation?
    /// The value.
    public var value: ConfigValue

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation? = nil, value: ConfigValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }

    public static func == (a: ConfigEntry, b: ConfigEntry) -> Bool { a.key == b.key && a.value == b.value }
}
