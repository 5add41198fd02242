/// One member of a JSON object: its name and value.
public typealias JSONMember = (key: String, value: JSONValue)

/// A parsed JSON value (RFC 8259): the one JSON tree of the core, used for Avro schemas,
/// the option objects of the C ABI and Parquet metadata output.
///
/// Objects keep their members in document order (duplicates included). Integers without
/// fraction or exponent are ``int(_:)`` when they fit in `Int64`, else ``uint(_:)`` when
/// they fit in `UInt64`; every other number is ``double(_:)``.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value of member `key` of an object (the first one), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string payload, or nil.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    /// The boolean payload, or nil.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The integer payload (also for doubles holding an integral value), or nil.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .uint(let u): return u <= UInt64(Int64.max) ? Int64(u) : nil
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    /// Any number as a `Double`, or nil.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The elements of an array, or nil.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    /// The members of an object, or nil.
    public var objectValue: [JSONMember]? { if case .object(let m) = self { return m } else { return nil } }

    /// Parses one JSON document. `allowNonFinite` accepts the `NaN`, `Infinity` and
    /// `-Infinity` tokens (as written by Python's `json`). Nesting deeper than
    /// ``maxDepth`` levels is rejected. Errors are `PFError.format("json: …", offset:)`.
    public static func parse(_ text: String, allowNonFinite: Bool = false) throws(PFError) -> JSONValue {
        var t = text
        var result: Result<JSONValue, PFError> = .success(.null)
        t.withUTF8 { u in
            var p = JSONValueParser(bytes: UnsafeRawBufferPointer(u), allowNonFinite: allowNonFinite)
            do throws(PFError) { result = .success(try p.parseDocument()) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Parses one JSON document as ``parse(_:allowNonFinite:)`` does, and also returns the
    /// byte offset (in the text's UTF-8) of every value and member name, in document order:
    /// a value comes before its contents, and in an object each member's name before its
    /// value. Used to name lines and columns (workflow definitions).
    public static func parseWithPositions(_ text: String) throws(PFError) -> (value: JSONValue, positions: [Int]) {
        var t = text
        var result: Result<(JSONValue, [Int]), PFError> = .success((.null, []))
        t.withUTF8 { u in
            var p = JSONValueParser(bytes: UnsafeRawBufferPointer(u), allowNonFinite: false)
            p.positions = []
            do throws(PFError) {
                let v = try p.parseDocument()
                result = .success((v, p.positions ?? []))
            } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Parses JSON handed in as an argument (the option objects of the C ABI): like
    /// ``parse(_:allowNonFinite:)``, but a syntax error is `PFError.invalidArgument`.
    public static func parseArgument(_ text: String) throws(PFError) -> JSONValue {
        do {
            return try parse(text)
        } catch {
            if case .format(let m, let offset) = error { throw .invalidArgument("invalid options JSON: \(m) at offset \(offset)") }
            throw error
        }
    }

    /// The deepest nesting of arrays and objects that ``parse(_:allowNonFinite:)`` accepts.
    public static let maxDepth = 256
}
