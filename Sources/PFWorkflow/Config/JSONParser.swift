import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, strict JSON parser (RFC 8259, no Foundation) producing a ``ConfigValue`` tree
/// with line/column locations.
///
/// Integers without a fraction or exponent that fit in `Int64` become ``ConfigValue/Kind/int``;
/// other numbers become doubles. Nesting is limited to 512 levels so hostile input cannot
/// exhaust the stack. Errors name the line and column.
public enum JSONParser {
    /// Parses one JSON document.
    public static func parse(_ text: String) throws(PFError) -> ConfigValue {
        var p = Cursor(Array(text.utf8))
        p.skipWhitespace()
        let v = try p.parseValue(depth: 0)
        p.skipWhitespace()
        guard p.i == p.b.count else { throw p.error("unexpected characters after the JSON value") }
        return v
    }

    private struct Cursor {
        let b: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        init(_ b: [UInt8]) { self.b = b }

        var location: SourceLocation { SourceLocation(line: line, column: i - lineStart + 1) }

        func error(_ what: String) -> PFError {
            .format("JSON: \(what) at \(location)", offset: Int64(i))
        }

        mutating func skipWhitespace() {
            while i < b.count {
                switch b[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A: i += 1; line += 1; lineStart = i
                default: return
                }
            }
        }

        mutating func expectLiteral(_ lit: String) throws(PFError) {
            for c in lit.utf8 {
                guard i < b.count, b[i] == c else { throw error("invalid literal (expected \(lit))") }
                i += 1
            }
        }

        mutating func parseValue(depth: Int) throws(PFError) -> ConfigValue {
            guard depth < 512 else { throw error("nesting deeper than 512 levels") }
            guard i < b.count else { throw error("unexpected end of input") }
            let loc = location
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var entries: [ConfigEntry] = []
                skipWhitespace()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return ConfigValue(.object(entries), location: loc) }
                while true {
                    skipWhitespace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                    let kloc = location
                    let key = try parseString()
                    skipWhitespace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
                    i += 1
                    skipWhitespace()
                    let v = try parseValue(depth: depth + 1)
                    entries.append(ConfigEntry(key: key, keyLocation: kloc, value: v))
                    skipWhitespace()
                    guard i < b.count else { throw error("unterminated object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; break }
                    throw error("expected ',' or '}' in object")
                }
                return ConfigValue(.object(entries), location: loc)
            case UInt8(ascii: "["):
                i += 1
                var items: [ConfigValue] = []
                skipWhitespace()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return ConfigValue(.array(items), location: loc) }
                while true {
                    skipWhitespace()
                    items.append(try parseValue(depth: depth + 1))
                    skipWhitespace()
                    guard i < b.count else { throw error("unterminated array") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; break }
                    throw error("expected ',' or ']' in array")
                }
                return ConfigValue(.array(items), location: loc)
            case UInt8(ascii: "\""):
                return ConfigValue(.string(try parseString()), location: loc)
            case UInt8(ascii: "t"): try expectLiteral("true"); return ConfigValue(.bool(true), location: loc)
            case UInt8(ascii: "f"): try expectLiteral("false"); return ConfigValue(.bool(false), location: loc)
            case UInt8(ascii: "n"): try expectLiteral("null"); return ConfigValue(.null, location: loc)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return ConfigValue(try parseNumber(), location: loc)
            default:
                throw error("unexpected character '\(Character(Unicode.Scalar(b[i])))'")
            }
        }

        mutating func parseNumber() throws(PFError) -> ConfigValue.Kind {
            let start = i
            var isInt = true
            if b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("invalid number") }
            if b[i] == 0x30 { i += 1 } else { while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 } }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                isInt = false; i += 1
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("invalid number: digits expected after '.'") }
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                isInt = false; i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("invalid number: exponent digits expected") }
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            if isInt, let v = Int64(text) { return .int(v) }
            return .double(text.withCString { strtod($0, nil) })
        }

        mutating func parseHex4() throws(PFError) -> UInt32 {
            guard i + 4 <= b.count else { throw error("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = hexDigit(b[i]) else { throw error("invalid \\u escape") }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func parseString() throws(PFError) -> String {
            i += 1  // opening quote
            var out: [UInt8] = []
            while true {
                guard i < b.count else { throw error("unterminated string") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw error("control character in string") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < b.count else { throw error("unterminated escape") }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var cp = try parseHex4()
                    if cp >= 0xD800 && cp < 0xDC00 {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        i += 2
                        let lo = try parseHex4()
                        guard lo >= 0xDC00 && lo < 0xE000 else { throw error("invalid low surrogate in \\u escape") }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                    } else if cp >= 0xDC00 && cp < 0xE000 {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    appendUTF8(cp, to: &out)
                default: throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            }
            guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
            return s
        }
    }
}

/// The value of an ASCII hex digit, nil otherwise.
func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
}

/// Appends the UTF-8 encoding of a code point (invalid ones become U+FFFD).
func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(cp) ?? "\u{FFFD}"
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
}
