/// One value of any Arrow type, used for element access, previews, tests and
/// building small arrays. Bulk paths use typed arrays and builders instead.
///
/// Temporal values are their integer storage (`.int`); float16 is widened to `.float`;
/// decimals are their unscaled integer (``decimal(_:)`` for decimal128,
/// ``decimal256(_:)`` for decimal256); dictionary slots yield the dictionary value;
/// map entries are `.struct([key, value])`.
public indirect enum Scalar: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)
    case binary([UInt8])
    case decimal(Int128)
    /// The unscaled value of a decimal256 slot.
    case decimal256(Int256)
    case list([Scalar])
    case `struct`([Scalar])
    case map([Scalar])
    /// A union slot: the child's type id and its value.
    case union(typeId: Int8, value: Scalar)

    /// True for ``null`` and for a union slot holding a null.
    public var isNull: Bool {
        switch self {
        case .null: return true
        case .union(_, let v): return v.isNull
        default: return false
        }
    }

    /// Equality in which NaN equals NaN (bitwise-identical or both NaN).
    public static func == (a: Scalar, b: Scalar) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.uint(x), .uint(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.binary(x), .binary(y)): return x == y
        case let (.decimal(x), .decimal(y)): return x == y
        case let (.decimal256(x), .decimal256(y)): return x == y
        case let (.list(x), .list(y)), let (.struct(x), .struct(y)), let (.map(x), .map(y)): return x == y
        case let (.union(i, x), .union(j, y)): return i == j && x == y
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let v): h.combine(v)
        case .int(let v): h.combine(v)
        case .uint(let v): h.combine(v)
        case .float(let v): h.combine(v.isNaN ? Double.nan.bitPattern : v.bitPattern)
        case .string(let v): h.combine(v)
        case .binary(let v): h.combine(v)
        case .decimal(let v): h.combine(v)
        case .decimal256(let v): h.combine(v)
        case .list(let v), .struct(let v), .map(let v): h.combine(v)
        case .union(let i, let v): h.combine(i); h.combine(v)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let v): return v ? "true" : "false"
        case .int(let v): return String(v)
        case .uint(let v): return String(v)
        case .float(let v): return FloatFormatting.shortest(v)
        case .string(let v): return v
        case .binary(let v): return "0x" + v.map { String($0, radix: 16).leftPad(2) }.joined()
        case .decimal(let v): return String(v)
        case .decimal256(let v): return v.description
        case .list(let v): return "[" + v.map(\.description).joined(separator: ", ") + "]"
        case .struct(let v): return "{" + v.map(\.description).joined(separator: ", ") + "}"
        case .map(let v): return "{" + v.map(\.description).joined(separator: ", ") + "}"
        case .union(_, let v): return v.description
        }
    }
}

extension String {
    /// Pads on the left with "0" to `width` characters.
    func leftPad(_ width: Int, with c: Character = "0") -> String {
        count >= width ? self : String(repeating: c, count: width - count) + self
    }
}
