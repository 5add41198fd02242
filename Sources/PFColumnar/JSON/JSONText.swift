/// Serialization of ``JSONValue``.
extension JSONValue: CustomStringConvertible {
    /// Readable JSON text: `", "` and `": "` separators, doubles as Swift prints them,
    /// non-finite doubles as `NaN`/`Infinity`/`-Infinity` (as Python's `json` does).
    public var description: String {
        var out = ""
        writeReadable(to: &out)
        return out
    }

    /// Compact, strict JSON text: no spaces, integral doubles below 1e15 as `N.0`,
    /// non-finite doubles as `null`, U+2028/U+2029 escaped.
    public var text: String {
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeReadable(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += "\(d)" }
        case .string(let s): JSONValue.writeString(s, into: &out, escapeLineSeparators: false)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() { if i > 0 { out += ", " }; v.writeReadable(to: &out) }
            out += "]"
        case .object(let m):
            out += "{"
            for (i, kv) in m.enumerated() {
                if i > 0 { out += ", " }
                JSONValue.writeString(kv.key, into: &out, escapeLineSeparators: false); out += ": "; kv.value.writeReadable(to: &out)
            }
            out += "}"
        }
    }

    /// Appends compact JSON text (see ``text``).
    public func writeCompact(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if d.isNaN || d.isInfinite { out += "null" }    // JSON has no NaN/Infinity
            else if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) + ".0" }
            else { out += String(d) }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.writeCompact(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, kv) in o.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(kv.key, into: &out)
                out += ":"
                kv.value.writeCompact(into: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a quoted JSON string: `"`, `\`, control characters (`\n`, `\r`,
    /// `\t` or `\u00XX`) and, with `escapeLineSeparators`, U+2028/U+2029 are escaped.
    public static func writeString(_ s: String, into out: inout String, escapeLineSeparators: Bool = true) {
        out += "\""
        // Fast path: nothing to escape (0xE2 leads the UTF-8 of U+2028/U+2029).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || (escapeLineSeparators && $0 == 0xE2) }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (escapeLineSeparators && (u.value == 0x2028 || u.value == 0x2029)) {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
