#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves plain (unquoted) YAML scalars to typed values per the YAML 1.2 core schema.
///
/// | text | value |
/// |---|---|
/// | `~`, `null`, `Null`, `NULL`, empty | null |
/// | `true`/`True`/`TRUE`, `false`/`False`/`FALSE` | boolean |
/// | `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` | integer (decimal, octal, hex) |
/// | `[-+]?(\.[0-9]+\|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` | float |
/// | `[-+]?.inf` (any case variant `.inf .Inf .INF`), `.nan .NaN .NAN` | float |
/// | anything else | string |
///
/// Unlike YAML 1.1 (PyYAML's default), `yes`/`no`/`on`/`off` are strings and `017` is 17.
/// Integers outside `Int64` resolve to a float.
public enum YAMLScalarResolver {
    /// The typed value of a plain scalar.
    public static func resolve(_ s: String) -> ConfigValue.Kind {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        let u = Array(s.utf8)
        guard let first = u.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) else { return .string(s) }
        if u.count > 2, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "o") {
            if u[2...].allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }), let v = Int64(String(s.dropFirst(2)), radix: 8) { return .int(v) }
            return .string(s)
        }
        if u.count > 2, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "x") {
            if u[2...].allSatisfy({ hexDigit($0) != nil }), let v = Int64(String(s.dropFirst(2)), radix: 16) { return .int(v) }
            return .string(s)
        }
        if isDecimalInt(u) {
            if let v = Int64(s.hasPrefix("+") ? String(s.dropFirst()) : s) { return .int(v) }
            return .double(s.withCString { strtod($0, nil) })
        }
        if isFloat(u) { return .double(s.withCString { strtod($0, nil) }) }
        return .string(s)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func isDecimalInt(_ u: [UInt8]) -> Bool {
        var i = 0
        if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        guard i < u.count else { return false }
        return u[i...].allSatisfy(isDigit)
    }

    private static func isFloat(_ u: [UInt8]) -> Bool {
        var i = 0
        if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
        var mantissaDigits = 0
        while i < u.count, isDigit(u[i]) { i += 1; mantissaDigits += 1 }
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while i < u.count, isDigit(u[i]) { i += 1; frac += 1 }
            // `.5` needs fraction digits; `1.` is allowed.
            if mantissaDigits == 0 && frac == 0 { return false }
            mantissaDigits += frac
        }
        guard mantissaDigits > 0 else { return false }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
            var exp = 0
            while i < u.count, isDigit(u[i]) { i += 1; exp += 1 }
            if exp == 0 { return false }
        }
        return i == u.count
    }
}
