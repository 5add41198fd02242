import PFColumnar

/// A tiny JSON writer (objects keep insertion order; strings escaped per RFC 8259).
public indirect enum ParquetJSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([ParquetJSONValue])
    case object([(String, ParquetJSONValue)])

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if d.isNaN || d.isInfinite { out += "null" }    // JSON has no NaN/Infinity
            else if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) + ".0" }
            else { out += String(d) }
        case .string(let s): ParquetJSONValue.escape(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { out += "," }
                ParquetJSONValue.escape(k, into: &out)
                out += ":"
                v.write(into: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a quoted JSON string.
    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Fast path: nothing to escape.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
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
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
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

/// A minimal JSON parser for option strings passed through the C ABI.
public enum ParquetJSONParser {
    /// Parses `text` into a ``ParquetJSONValue``.
    public static func parse(_ text: String) throws -> ParquetJSONValue {
        var p = Parser(bytes: Array(text.utf8))
        p.skip()
        let v = try p.value(depth: 0)
        p.skip()
        guard p.i == p.bytes.count else { throw p.error("trailing characters") }
        return v
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0

        func error(_ m: String) -> PFError { .invalidArgument("JSON: \(m) at byte \(i)") }

        mutating func skip() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws -> ParquetJSONValue {
            guard depth < 64 else { throw error("nesting too deep") }
            guard i < bytes.count else { throw error("unexpected end") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var out: [(String, ParquetJSONValue)] = []
                skip()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                while true {
                    skip()
                    guard case .string(let k) = try value(depth: depth + 1) else { throw error("object key must be a string") }
                    skip()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
                    i += 1
                    skip()
                    out.append((k, try value(depth: depth + 1)))
                    skip()
                    guard i < bytes.count else { throw error("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                    throw error("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var out: [ParquetJSONValue] = []
                skip()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                while true {
                    skip()
                    out.append(try value(depth: depth + 1))
                    skip()
                    guard i < bytes.count else { throw error("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                    throw error("expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                i += 1
                var s: [UInt8] = []
                while true {
                    guard i < bytes.count else { throw error("unterminated string") }
                    let c = bytes[i]
                    i += 1
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\\") {
                        guard i < bytes.count else { throw error("bad escape") }
                        let e = bytes[i]
                        i += 1
                        switch e {
                        case UInt8(ascii: "n"): s.append(0x0A)
                        case UInt8(ascii: "t"): s.append(0x09)
                        case UInt8(ascii: "r"): s.append(0x0D)
                        case UInt8(ascii: "b"): s.append(0x08)
                        case UInt8(ascii: "f"): s.append(0x0C)
                        case UInt8(ascii: "u"):
                            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                                throw error("bad \\u escape")
                            }
                            i += 4
                            var code = v
                            if v >= 0xD800 && v < 0xDC00, i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                               bytes[i + 1] == UInt8(ascii: "u"),
                               let lo = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
                               lo >= 0xDC00 && lo < 0xE000 {
                                code = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                                i += 6
                            }
                            s.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                        default: s.append(e)
                        }
                    } else {
                        s.append(c)
                    }
                }
                return .string(String(decoding: s, as: UTF8.self))
            case UInt8(ascii: "t"):
                guard bytes.count - i >= 4, bytes[i..<(i + 4)].elementsEqual("true".utf8) else { throw error("bad literal") }
                i += 4
                return .bool(true)
            case UInt8(ascii: "f"):
                guard bytes.count - i >= 5, bytes[i..<(i + 5)].elementsEqual("false".utf8) else { throw error("bad literal") }
                i += 5
                return .bool(false)
            case UInt8(ascii: "n"):
                guard bytes.count - i >= 4, bytes[i..<(i + 4)].elementsEqual("null".utf8) else { throw error("bad literal") }
                i += 4
                return .null
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                let t = String(decoding: bytes[start..<i], as: UTF8.self)
                if let v = Int64(t) { return .int(v) }
                if let v = UInt64(t) { return .uint(v) }
                if let d = Double(t) { return .double(d) }
                throw error("bad number '\(t)'")
            }
        }
    }
}
