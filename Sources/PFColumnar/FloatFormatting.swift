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

    /// Tests scale `k`: is there an integer `c` with `|c - a*10^k| <= h0*10^k`, and which
    /// is nearest? Returns `(1, c)` when the nearest integer `c` lies strictly inside that
    /// interval, `(0, 0)` when none lies in it (or `a*10^k < 1`), `(1, 0)` when
    /// `a*10^k >= 1e17` (some integer certainly does; none is computed) and `(-1, 0)` for a
    /// tie or an exact-boundary case left to the general path.
    ///
    /// `x = a*10^k` is held exactly as `hi + lo` (Dekker's product of Veltkamp-split
    /// halves, so no out-of-line fused multiply-add). Every comparison is exact or compares
    /// a once-rounded value with the exact bound `h0*10^k`; rounding is monotonic, so `<`
    /// and `>` are certain and equality is answered `-1`.
    @inline(__always) @usableFromInline
    static func probeScale(_ a: Double, _ aHi: Double, _ aLo: Double, _ h0: Double, _ k: Int) -> (Int, UInt64) {
        let p = exactPow10[k]
        let hi = a * p
        guard hi >= 1 else { return (0, 0) }
        guard hi < 1e17 else { return (1, 0) }
        let g = p * 134217729.0                 // 2^27 + 1
        let pHi = g - (g - p)
        let pLo = p - pHi
        let lo = ((aHi * pHi - hi) + aHi * pLo + aLo * pHi) + aLo * pLo   // a*p - hi, exactly
        let h = h0 * p                          // a power of two times 10^k: exact
        if hi < 9007199254740992.0 {
            // r: hi rounded to an integer (ties to even) without a libm call.
            let r = hi < 4503599627370496.0 ? (hi + 4503599627370496.0) - 4503599627370496.0 : hi
            let delta = hi - r                  // exact, |delta| <= 0.5
            let s = delta + lo                  // x - r, rounded once
            var d = s.magnitude
            var c = UInt64(r)
            if !(d < 0.5) {
                // x is within ulp(hi)/2 of r +- 1/2: the nearest integer may be r +- 1.
                if s > 0.5 { c += 1; d = -((delta - 1) + lo) }       // delta -+ 1 is exact
                else if s < -0.5 { c -= 1; d = (delta + 1) + lo }
                else { return (h < 0.4375 ? 0 : -1, 0) }
            }
            if d == h { return (-1, 0) }
            return d < h ? (1, c) : (0, 0)
        }
        // hi is an integer; x = hi + lo exactly with |lo| <= 8 and lo's fraction exact.
        let t = Int64(lo)
        let f = lo - Double(t)
        var c = Int64(hi) + t
        let d: Double
        if f > 0.5 { c += 1; d = 1 - f }
        else if f < -0.5 { c -= 1; d = 1 + f }
        else if f.magnitude < 0.5 { d = f.magnitude }
        else { return (h < 0.5 ? 0 : -1, 0) }
        if d == h { return (-1, 0) }
        return d < h ? (1, UInt64(c)) : (0, 0)
    }

    /// Writes ``shortest(_:)``'s text of `v` (at most 32 bytes) to `out` and returns its
    /// length, or returns 0 when `v` needs the general (slow) path.
    ///
    /// Covers zero, integers below 1e16 and non-integers with 1e-5 <= |v| < 2^53 whose
    /// mantissa field is not zero. The shortest text is the nearest integer `c` to
    /// `|v|*10^k` for the smallest scale `k` whose integer lies within half an ulp of `|v|`
    /// (scaled by 10^k). An integer within the interval at scale `k` gives `10c` at `k + 1`,
    /// so whether a scale works changes once as `k` grows: the search tries the two smallest
    /// possible scales (short decimals) and then bisects up to the 17-digit scale, which
    /// always works. Ties and exact-boundary cases return 0.
    public static func fastShortest(_ v: Double, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        guard v.isFinite else { return 0 }
        let a = v.magnitude
        var c: UInt64
        var k: Int
        if a == 0 {
            var i = 0
            if v.sign == .minus { out[0] = 45; i = 1 }
            out[i] = 48; out[i + 1] = 46; out[i + 2] = 48
            return i + 3
        } else if a < 1e16 && a == a.rounded(.towardZero) {
            c = UInt64(a); k = 0
        } else {
            guard a >= 1e-5, a < 9007199254740992.0, a.significandBitPattern != 0 else { return 0 }
            let h0 = a.ulp * 0.5
            let g = a * 134217729.0
            let aHi = g - (g - a)
            let aLo = a - aHi
            // 10^e10 <= a < 10^(e10 + 2) with e10 = floor(e2 * log10(2)), -6 <= e10 <= 15.
            let e10 = ((Int(a.exponentBitPattern) - 1023) * 78913) >> 18
            // Scale kLo does not work (k = 0 never does for a non-integer; below -e10 - 1,
            // |v|*10^k < 1); scale kHi (17 or 18 significant digits) always does.
            var kLo = max(0, -e10 - 2)
            var kHi = min(22, 16 - e10)
            var best: UInt64 = 0                    // candidate at scale kHi once probed
            // Short decimals first: the two smallest scales, then bisection.
            var probe = kLo + 1
            var step = 0
            while kHi - kLo > 1 {
                let (st, cc) = probeScale(a, aHi, aLo, h0, probe)
                if st < 0 { return 0 }
                let ok = st > 0
                kHi = ok ? probe : kHi
                kLo = ok ? kLo : probe
                best = ok ? cc : best
                step += 1
                probe = step < 2 ? kLo + 1 : (kLo + kHi) >> 1
            }
            if best == 0 {
                let (st, cc) = probeScale(a, aHi, aLo, h0, kHi)
                guard st > 0, cc != 0 else { return 0 }
                best = cc
            }
            c = best; k = kHi
        }
        while c % 10 == 0 { c /= 10; k -= 1 }
        // Number of digits of c (c < 1e17).
        var n = 1
        while n < 17 && c >= UInt64(exactPow10[n]) { n += 1 }
        let e = n - 1 - k   // decimal exponent of the first digit
        var i = 0
        if v.sign == .minus { out[0] = 45; i = 1 }
        if e >= 16 || e < -4 {
            writeDigits(c, n, out + i + 1)
            out[i] = out[i + 1]; i += 1
            if n > 1 { out[i] = 46; i += n }
            out[i] = 101; i += 1
            var ae = e
            if e < 0 { out[i] = 45; ae = -e } else { out[i] = 43 }
            i += 1
            if ae >= 100 { out[i] = UInt8(48 + ae / 100); i += 1; ae %= 100 }
            out[i] = UInt8(48 + ae / 10); out[i + 1] = UInt8(48 + ae % 10)
            return i + 2
        }
        if e >= n - 1 {
            writeDigits(c, n, out + i); i += n
            for _ in 0..<(e - (n - 1)) { out[i] = 48; i += 1 }
            out[i] = 46; out[i + 1] = 48
            return i + 2
        }
        if e >= 0 {
            writeDigits(c, n, out + i + 1)
            for j in 0...e { out[i + j] = out[i + j + 1] }
            out[i + e + 1] = 46
            return i + n + 1
        }
        out[i] = 48; out[i + 1] = 46; i += 2
        for _ in 0..<(-e - 1) { out[i] = 48; i += 1 }
        writeDigits(c, n, out + i)
        return i + n
    }

    /// Writes the `n` decimal digits of `c` to `out[0..<n]`.
    @inline(__always) @usableFromInline
    static func writeDigits(_ c: UInt64, _ n: Int, _ out: UnsafeMutablePointer<UInt8>) {
        var t = c
        var j = n
        while j >= 2 {
            let q = t / 100
            let r = Int(t &- q &* 100)
            j -= 2
            out[j] = UInt8(truncatingIfNeeded: 48 &+ r / 10)
            out[j + 1] = UInt8(truncatingIfNeeded: 48 &+ r % 10)
            t = q
        }
        if j == 1 { out[0] = UInt8(truncatingIfNeeded: 48 &+ t) }
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
