/// Float formatting shared by previews and the CSV writer.
public enum FloatFormatting {
    /// Shortest round-trip text in the style of Python's `repr(float)`:
    /// `1.0`, `0.25`, `1e+20`, `1.5e-07`, `nan`, `inf`, `-inf`.
    public static func shortest(_ v: Double) -> String {
        var buf: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let n = withUnsafeMutableBytes(of: &buf) { b in
            fastShortest(v, b.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        if n > 0 {
            return withUnsafeBytes(of: &buf) { b in
                String(decoding: UnsafeRawBufferPointer(rebasing: b[0..<n]), as: UTF8.self)
            }
        }
        return slowShortest(v)
    }

    /// Appends ``shortest(_:)``'s text of `v` to `out` (no String for common values).
    @inlinable
    public static func appendShortest(_ v: Double, to out: inout [UInt8]) {
        var buf: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let n = withUnsafeMutableBytes(of: &buf) { b in
            fastShortest(v, b.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        if n > 0 {
            withUnsafeBytes(of: &buf) { b in out.append(contentsOf: b[0..<n]) }
        } else {
            out.append(contentsOf: slowShortest(v).utf8)
        }
    }

    /// Exact powers of ten 10^0 ... 10^22.
    @usableFromInline
    static let exactPow10: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// Writes ``shortest(_:)``'s text of `v` (at most 32 bytes) to `out` and returns its
    /// length, or returns 0 when `v` needs the general (slow) path.
    ///
    /// Covers zero, integers below 1e16 and non-integers with 1e-5 <= |v| < 2^53 whose
    /// mantissa field is not zero. For each scale `k` (10^k exact), `x = |v|*10^k` is held
    /// exactly as `hi + lo` (a fused multiply-add gives `lo`); the nearest integer `c` to
    /// `x` is the correctly rounded candidate, and `c / 10^k` reads back as `v` exactly when
    /// `|x - c| < ulp(v)/2 * 10^k` (also exact). Comparisons rely only on rounding being
    /// monotonic; a case that lands exactly on a boundary returns 0.
    public static func fastShortest(_ v: Double, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        guard v.isFinite else { return 0 }
        let a = v.magnitude
        var c: UInt64
        var k: Int
        if a == 0 {
            c = 0; k = 0
        } else if a < 1e16 && a == a.rounded(.towardZero) {
            c = UInt64(a); k = 0
        } else {
            guard a >= 1e-5, a.significandBitPattern != 0 else { return 0 }
            let h0 = a.ulp * 0.5
            k = 1
            var found = false
            c = 0
            while k <= 22 {
                let p = exactPow10[k]
                let hi = a * p
                if hi >= 1 {
                    let lo = (-hi).addingProduct(a, p)
                    let h = h0 * p
                    let d: Double
                    if hi < 9007199254740992.0 {
                        let hr = hi.rounded()
                        let s = (hi - hr) + lo
                        guard s < 0.5 && s > -0.5 else { return 0 }
                        c = UInt64(hr); d = s
                    } else {
                        guard hi < 1e17 else { return 0 }
                        let lr = lo.rounded()
                        let s = lo - lr
                        guard s < 0.5 && s > -0.5 else { return 0 }
                        c = UInt64(Int64(hi) + Int64(lr)); d = s
                    }
                    let ad = d.magnitude
                    if ad < h { found = true; break }
                    if ad == h { return 0 }
                }
                k += 1
            }
            guard found else { return 0 }
        }
        // Strip trailing zeros.
        if c == 0 {
            var i = 0
            if v.sign == .minus { out[0] = 45; i = 1 }
            out[i] = 48; out[i + 1] = 46; out[i + 2] = 48
            return i + 3
        }
        while c % 10 == 0 { c /= 10; k -= 1 }
        // Digits of c into a small buffer.
        var dbuf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &dbuf) { raw -> Int in
            let db = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var n = 0
            var t = c
            var rev: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &rev) { rr in
                let r = rr.baseAddress!.assumingMemoryBound(to: UInt8.self)
                repeat { r[n] = UInt8(48 + t % 10); t /= 10; n += 1 } while t > 0
                for j in 0..<n { db[j] = r[n - 1 - j] }
            }
            let e = n - 1 - k   // decimal exponent of the first digit
            var i = 0
            if v.sign == .minus { out[0] = 45; i = 1 }
            if e >= 16 || e < -4 {
                out[i] = db[0]; i += 1
                if n > 1 {
                    out[i] = 46; i += 1
                    for j in 1..<n { out[i] = db[j]; i += 1 }
                }
                out[i] = 101; i += 1
                var ae = e
                if e < 0 { out[i] = 45; ae = -e } else { out[i] = 43 }
                i += 1
                if ae >= 100 { out[i] = UInt8(48 + ae / 100); i += 1; ae %= 100 }
                out[i] = UInt8(48 + ae / 10); out[i + 1] = UInt8(48 + ae % 10)
                return i + 2
            }
            if e >= n - 1 {
                for j in 0..<n { out[i] = db[j]; i += 1 }
                for _ in 0..<(e - (n - 1)) { out[i] = 48; i += 1 }
                out[i] = 46; out[i + 1] = 48
                return i + 2
            }
            if e >= 0 {
                for j in 0...e { out[i] = db[j]; i += 1 }
                out[i] = 46; i += 1
                for j in (e + 1)..<n { out[i] = db[j]; i += 1 }
                return i
            }
            out[i] = 48; out[i + 1] = 46; i += 2
            for _ in 0..<(-e - 1) { out[i] = 48; i += 1 }
            for j in 0..<n { out[i] = db[j]; i += 1 }
            return i
        }
    }

    /// The general path: Swift's shortest description, restyled as Python's repr.
    @usableFromInline
    static func slowShortest(_ v: Double) -> String {
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
