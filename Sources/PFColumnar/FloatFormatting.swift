/// Float formatting shared by previews and the CSV writer.
public enum FloatFormatting {
    /// Shortest round-trip text in the style of Python's `repr(float)`:
    /// `1.0`, `0.25`, `1e+20`, `1.5e-07`, `nan`, `inf`, `-inf`.
    public static func shortest(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        // Swift's description is shortest round-trip; adjust exponent style to Python's.
        var s = v.description
        let a = abs(v)
        let pythonUsesExponent = a >= 1e16 || (a != 0 && a < 1e-4)
        if !pythonUsesExponent && s.contains("e") { return positionalForm(v) }
        if let eIdx = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var mantissa = String(s[..<eIdx])
            var exp = String(s[s.index(after: eIdx)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var sign = "+"
            if exp.hasPrefix("-") { sign = "-"; exp.removeFirst() } else if exp.hasPrefix("+") { exp.removeFirst() }
            while exp.count > 1 && exp.hasPrefix("0") { exp.removeFirst() }
            if exp.count < 2 { exp = "0" + exp }
            s = mantissa + "e" + sign + exp
            return s
        }
        // Python switches to exponent notation at 1e16 and below 1e-4.
        if pythonUsesExponent { return exponentForm(v) }
        return s
    }

    /// Positional notation with the shortest digits (`9999999999999998.0`, `0.00012`).
    private static func positionalForm(_ v: Double) -> String {
        let (digits, e) = decompose(v)
        let sign = v < 0 ? "-" : ""
        let n = digits.count
        if e >= n - 1 { return sign + digits + String(repeating: "0", count: e - (n - 1)) + ".0" }
        if e >= 0 {
            let cut = digits.index(digits.startIndex, offsetBy: e + 1)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        return sign + "0." + String(repeating: "0", count: -e - 1) + digits
    }

    /// Formats using exponent notation with the shortest mantissa.
    private static func exponentForm(_ v: Double) -> String {
        let digitsAndExp = decompose(v)
        var mantissa = String(digitsAndExp.digits.prefix(1))
        if digitsAndExp.digits.count > 1 { mantissa += "." + digitsAndExp.digits.dropFirst() }
        let e = digitsAndExp.exponent
        let es = String(abs(e)).leftPad(2)
        return (v < 0 ? "-" : "") + mantissa + "e" + (e < 0 ? "-" : "+") + es
    }

    /// Shortest significant digits and decimal exponent of |v| from Swift's description.
    private static func decompose(_ v: Double) -> (digits: String, exponent: Int) {
        let s = abs(v).description
        var digits = ""
        var pointPos: Int? = nil
        var exp = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "." { pointPos = digits.count }
            else if c == "e" || c == "E" { exp = Int(s[s.index(after: i)...]) ?? 0; break }
            else { digits.append(c) }
            i = s.index(after: i)
        }
        let intDigits = pointPos ?? digits.count
        // Strip leading zeros.
        var lead = 0
        for c in digits { if c == "0" { lead += 1 } else { break } }
        let sig = String(digits.dropFirst(lead))
        var trimmed = sig
        while trimmed.count > 1 && trimmed.hasSuffix("0") { trimmed.removeLast() }
        let exponent = intDigits - lead - 1 + exp
        return (trimmed.isEmpty ? "0" : trimmed, exponent)
    }
}
