import PFColumnar

/// Parsers for CSV field text, working directly on bytes.
///
/// They accept what pyarrow's CSV converters accept for the same types (leading and
/// trailing spaces are ignored for numbers and dates; `+` is accepted by floats only).
enum CSVValueParsing {
    @inline(__always)
    static func trimSpaces(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
        var s = 0, e = n
        while s < e && (p[s] == 32 || p[s] == 9) { s += 1 }
        while e > s && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
        return (p + s, e - s)
    }

    /// The value of the 8 ASCII digits at `p`, or nil when one of them is not a digit
    /// (all 8 bytes at once: two range checks and three multiplications).
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        eightDigits(word: UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)))
    }

    /// The value of the last `r` (1...7) bytes before `end` as digits, or nil; reads
    /// the 8 bytes before `end` (the caller makes sure they are there), the ones
    /// before the digits standing for leading zeros.
    @inline(__always)
    static func lastDigits(_ end: UnsafePointer<UInt8>, _ r: Int) -> UInt64? {
        let x = UInt64(littleEndian: UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self))
        let keep = ~UInt64(0) << UInt64((8 - r) * 8)
        return eightDigits(word: (x & keep) | (0x3030_3030_3030_3030 & ~keep))
    }

    /// 10^0 ... 10^7.
    private static let smallPowers: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]

    /// The value of 8 ASCII digits in a little-endian word (first digit in the low byte).
    @inline(__always)
    static func eightDigits(word x: UInt64) -> UInt64? {
        // Every byte in 0x30...0x39: high nibble 3, and adding 6 keeps it 3.
        guard x & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (x &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { return nil }
        var v = x & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) >> 8                            // pairs: 10 * first + second
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16  // quads
        return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    /// A decimal int64 (`-` allowed, no `+`), or nil.
    @inline(__always)
    static func int64(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
        var p = p0, n = n0
        if n == 0 || (p[0] &- 48 > 9 && p[0] != 45) || p[n - 1] &- 48 > 9 { (p, n) = trimSpaces(p0, n0) }
        guard n > 0 else { return nil }
        var i = 0
        let neg = p[0] == 45
        if neg { i = 1 }
        let digits = n - i
        guard digits > 0 else { return nil }
        if digits <= 18 {
            var v: Int64 = 0
            while i < n {
                let d = p[i] &- 48
                if d > 9 { return nil }
                v = v &* 10 &+ Int64(d)
                i += 1
            }
            return neg ? -v : v
        }
        var v: UInt64 = 0
        while i < n {
            let d = p[i] &- 48
            if d > 9 { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        if neg { return v <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- v) : nil }
        return v <= UInt64(Int64.max) ? Int64(v) : nil
    }

    /// A decimal uint64 or nil.
    static func uint64(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> UInt64? {
        let (p, n) = trimSpaces(p0, n0)
        guard n > 0 else { return nil }
        var v: UInt64 = 0
        for i in 0..<n {
            let d = p[i] &- 48
            if d > 9 { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }

    private static let pow10: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                          1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    #if arch(x86_64) || arch(i386)
    /// 10^0 ... 10^27, all exact in Float80.
    private static let pow10x: [Float80] = {
        var out: [Float80] = []
        var p: Float80 = 1
        for _ in 0...27 { out.append(p); p *= 10 }
        return out
    }()
    #endif

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b | 0x20 }

    private static func matchesWord(_ p: UnsafePointer<UInt8>, _ n: Int, _ w: StaticString) -> Bool {
        guard n == w.utf8CodeUnitCount else { return false }
        let wp = w.utf8Start
        for i in 0..<n where lower(p[i]) != wp[i] { return false }
        return true
    }

    /// A float64: decimal with optional fraction and exponent, `inf`/`infinity`/`nan`
    /// in any case with an optional sign. Exact (correctly rounded): a fast path for
    /// up to 19 significant digits and small exponents, `strtod` otherwise.
    @inline(__always)
    static func double(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Double? {
        var p = p0, n = n0
        if n == 0 || p[0] == 32 || p[0] == 9 || p[n - 1] == 32 || p[n - 1] == 9 { (p, n) = trimSpaces(p0, n0) }
        guard n > 0 else { return nil }
        var i = 0
        var neg = false
        if p[0] == 45 { neg = true; i = 1 } else if p[0] == 43 { i = 1 }
        guard i < n else { return nil }
        var mant: UInt64 = 0
        var sig = 0          // significant digits accumulated (max 19)
        var dropped = 0      // integer digits not accumulated
        var intDigits = 0, fracDigits = 0
        var fracExp = 0      // digits accumulated after the point
        while i < n {
            if mant != 0 && sig <= 11 && i + 8 <= n, let v = eightDigits(p + i) {
                mant = mant &* 100_000_000 &+ v
                sig += 8; intDigits += 8; i += 8
                continue
            }
            let d = p[i] &- 48
            if d > 9 { break }
            if sig < 19 { if mant != 0 || d != 0 { sig += 1 }; mant = mant &* 10 &+ UInt64(d) } else { dropped += 1 }
            intDigits += 1; i += 1
        }
        var truncated = dropped > 0
        if i < n && p[i] == 46 {
            i += 1
            while i < n {
                if mant != 0 && sig <= 11 && i + 8 <= n, let v = eightDigits(p + i) {
                    mant = mant &* 100_000_000 &+ v
                    sig += 8; fracExp += 8; fracDigits += 8; i += 8
                    continue
                }
                // The last 1...7 digits of a long field, all at once.
                let r = n - i
                if mant != 0 && r < 8 && n >= 8 && sig + r <= 19, let v = lastDigits(p + n, r) {
                    mant = mant &* smallPowers.withUnsafeBufferPointer { $0[r] } &+ v
                    sig += r; fracExp += r; fracDigits += r; i = n
                    break
                }
                let d = p[i] &- 48
                if d > 9 { break }
                if sig < 19 {
                    if mant != 0 || d != 0 { sig += 1 }
                    mant = mant &* 10 &+ UInt64(d); fracExp += 1
                } else if d != 0 { truncated = true }
                fracDigits += 1; i += 1
            }
        }
        if intDigits + fracDigits == 0 {
            // inf / nan words
            let rest = p + i, rn = n - i
            if matchesWord(rest, rn, "inf") || matchesWord(rest, rn, "infinity") { return neg ? -.infinity : .infinity }
            if matchesWord(rest, rn, "nan") { return .nan }
            return nil
        }
        var exp = 0
        if i < n && (p[i] == 101 || p[i] == 69) {
            i += 1
            var eneg = false
            if i < n && (p[i] == 45 || p[i] == 43) { eneg = p[i] == 45; i += 1 }
            let es = i
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                if exp < 100_000 { exp = exp * 10 + Int(d) }
                i += 1
            }
            if i == es { return nil }
            if eneg { exp = -exp }
        }
        guard i == n else { return nil }
        let e10 = exp + dropped - fracExp
        if !truncated && mant <= (1 << 53) {
            if mant == 0 { return neg ? -0.0 : 0.0 }
            if e10 >= 0 && e10 <= 22 {
                let v = Double(mant) * pow10[e10]
                return neg ? -v : v
            }
            if e10 < 0 && e10 >= -22 {
                let v = Double(mant) / pow10[-e10]
                return neg ? -v : v
            }
        }
        #if arch(x86_64) || arch(i386)
        // Up to 19 digits and |e10| <= 27: one correctly rounded 64-bit-mantissa
        // operation, then rounding to double; exact unless the extended result lies
        // next to a double halfway point (then fall through to strtod).
        if !truncated && mant != 0 && e10 >= -27 && e10 <= 27 {
            let m = Float80(mant)
            let r = e10 >= 0 ? m * pow10x[e10] : m / pow10x[-e10]
            let low = r.significandBitPattern & 0x7FF
            if low < 0x3FF || low > 0x401 {
                let v = Double(r)
                return neg ? -v : v
            }
        }
        #endif
        // Hard case: let the C library round correctly.
        let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        return Double(s)
    }

    /// `true`/`True`/`TRUE` or `false`/`False`/`FALSE` (pyarrow's defaults); with
    /// `numeric`, also `1` and `0`.
    @inline(__always)
    static func bool(_ p0: UnsafePointer<UInt8>, _ n0: Int, numeric: Bool = false) -> Bool? {
        let (p, n) = trimSpaces(p0, n0)
        if n == 4 {
            if (p[0] == 116 || p[0] == 84) && p[1] == 114 && p[2] == 117 && p[3] == 101 { return true }   // true True
            if p[0] == 84 && p[1] == 82 && p[2] == 85 && p[3] == 69 { return true }                         // TRUE
        } else if n == 5 {
            if (p[0] == 102 || p[0] == 70) && p[1] == 97 && p[2] == 108 && p[3] == 115 && p[4] == 101 { return false }
            if p[0] == 70 && p[1] == 65 && p[2] == 76 && p[3] == 83 && p[4] == 69 { return false }
        } else if n == 1 && numeric {
            if p[0] == 49 { return true }
            if p[0] == 48 { return false }
        }
        return nil
    }

    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var v = 0
        for k in 0..<count {
            let d = p[at + k] &- 48
            if d > 9 { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// An 8-byte word checked against a pattern of digits and separators (`pattern` holds
    /// `'0'` at digit bytes and the separator elsewhere; `digitMask` selects the digit
    /// bytes): `x ^ pattern`, whose digit bytes are then 0...9 and separator bytes 0, or nil
    /// when a digit byte is not a digit or a separator differs.
    @inline(__always)
    private static func separatedDigits(_ x: UInt64, pattern: UInt64, digitMask: UInt64) -> UInt64? {
        let t = x ^ pattern
        guard t & 0xF0F0_F0F0_F0F0_F0F0 == 0,
              (t &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 & digitMask == 0,
              t & ~digitMask == 0 else { return nil }
        return t
    }

    /// Days since the epoch of `YYYY-MM-DD` at `p` (exactly 10 bytes), or nil.
    ///
    /// The first eight bytes are checked and read as one word; the day count is
    /// ``CivilTime/days(year:month:day:)`` for years 0...9999, in unsigned arithmetic.
    @inline(__always)
    static func dateDays(_ p: UnsafePointer<UInt8>) -> Int64? {
        let x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // "YYYY-MM-": digits everywhere but bytes 4 and 7, which are '-'.
        guard let t = separatedDigits(x, pattern: 0x2D30_302D_3030_3030, digitMask: 0x00FF_FF00_FFFF_FFFF) else {
            return nil
        }
        let d1 = p[8] &- 48, d2 = p[9] &- 48
        guard d1 <= 9, d2 <= 9 else { return nil }
        let y = (t & 0xFF) &* 1000 &+ (t >> 8 & 0xFF) &* 100 &+ (t >> 16 & 0xFF) &* 10 &+ (t >> 24 & 0xFF)
        let m = (t >> 40 & 0xFF) &* 10 &+ (t >> 48 & 0xFF)
        let d = UInt64(d1) &* 10 &+ UInt64(d2)
        guard m >= 1, m <= 12, d >= 1 else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        // Month lengths 31,28,31,30,... as 2-bit offsets from 28 (January at bits 2-3).
        let length = 28 &+ (0x3BBEECC >> (m &* 2) & 3) &+ (m == 2 && leap ? 1 : 0)
        guard d <= length else { return nil }
        // Years counted from March; 400 years added so that January 0000 stays positive.
        let yy = (m <= 2 ? y &+ 399 : y &+ 400)
        let doy = (153 &* (m > 2 ? m &- 3 : m &+ 9) &+ 2) / 5 &+ d &- 1
        let days = yy &* 365 &+ yy / 4 &- yy / 100 &+ yy / 400 &+ doy
        return Int64(days) - 719_468 - 146_097
    }

    /// A `YYYY-MM-DD` date as days since the epoch.
    @inline(__always)
    static func date(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int32? {
        let (p, n) = trimSpaces(p0, n0)
        guard n == 10, let d = dateDays(p) else { return nil }
        return Int32(truncatingIfNeeded: d)
    }

    /// A parsed ISO-8601 timestamp.
    struct Timestamp {
        var seconds: Int64      // since the epoch, UTC when zoned
        var nanos: Int64        // 0 ..< 1e9
        var hasFraction: Bool
        var zoned: Bool

        /// The value in `unit` (a finer fraction is truncated), nil on overflow.
        @inline(__always)
        func value(in unit: TimeUnit) -> Int64? {
            // Constant divisors per unit (no hardware division).
            let fraction: Int64
            switch unit {
            case .second: return seconds
            case .millisecond: fraction = nanos / 1_000_000
            case .microsecond: fraction = nanos / 1_000
            case .nanosecond: fraction = nanos
            }
            let (m, o) = seconds.multipliedReportingOverflow(by: unit.perSecond)
            if o { return nil }
            let (a, o2) = m.addingReportingOverflow(fraction)
            return o2 ? nil : a
        }
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:]MM|±HH]`, or nil.
    static func timestamp(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Timestamp? {
        let (p, n) = trimSpaces(p0, n0)
        guard n >= 10, let days = dateDays(p) else { return nil }
        var secs = days * 86_400
        var nanos: Int64 = 0
        var frac = false
        var i = 10
        if i < n && (p[i] == 84 || p[i] == 32) {
            i += 1
            var seconds = true
            if i + 8 <= n, let hms = clockTime(p + i) {
                // The common `HH:MM:SS`, read as one word.
                secs += hms
                i += 8
            } else {
                guard i + 5 <= n, p[i + 2] == 58, let hh = digits(p, i, 2), let mm = digits(p, i + 3, 2),
                      hh < 24, mm < 60 else { return nil }
                i += 5
                var ss = 0
                seconds = i < n && p[i] == 58
                if seconds {
                    guard i + 3 <= n, let s = digits(p, i + 1, 2), s < 60 else { return nil }
                    ss = s
                    i += 3
                }
                secs += Int64(hh * 3600 + mm * 60 + ss)
            }
            if seconds && i < n && p[i] == 46 {
                i += 1
                let fs = i
                var scale: Int64 = 100_000_000
                while i < n, p[i] &- 48 <= 9 {
                    if i - fs >= 9 { return nil }
                    nanos += Int64(p[i] &- 48) * scale
                    scale /= 10
                    i += 1
                }
                if i == fs { return nil }
                frac = true
            }
        } else if i < n {
            return nil
        }
        return zone(p, n, i, secs: secs, nanos: nanos, frac: frac)
    }

    /// The seconds of an `HH:MM:SS` clock time at `p` (8 bytes), or nil.
    @inline(__always)
    private static func clockTime(_ p: UnsafePointer<UInt8>) -> Int64? {
        let x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        guard let t = separatedDigits(x, pattern: 0x3030_3A30_303A_3030, digitMask: 0xFFFF_00FF_FF00_FFFF) else {
            return nil
        }
        let h = (t & 0xFF) &* 10 &+ (t >> 8 & 0xFF)
        let m = (t >> 24 & 0xFF) &* 10 &+ (t >> 32 & 0xFF)
        let s = (t >> 48 & 0xFF) &* 10 &+ (t >> 56 & 0xFF)
        guard h < 24, m < 60, s < 60 else { return nil }
        return Int64(h &* 3600 &+ m &* 60 &+ s)
    }

    /// Reads the optional zone suffix at `p[i...]` and finishes the timestamp.
    @inline(__always)
    private static func zone(_ p: UnsafePointer<UInt8>, _ n: Int, _ i0: Int, secs s0: Int64, nanos: Int64,
                             frac: Bool) -> Timestamp? {
        var i = i0
        var secs = s0
        var zoned = false
        if i < n {
            if p[i] == 90 && i + 1 == n {   // Z
                zoned = true; i += 1
            } else if p[i] == 43 || p[i] == 45 {
                let sign: Int64 = p[i] == 45 ? -1 : 1
                i += 1
                guard i + 2 <= n, let zh = digits(p, i, 2), zh < 24 else { return nil }
                i += 2
                var zm = 0
                if i < n {
                    if p[i] == 58 { i += 1 }
                    guard i + 2 == n, let m = digits(p, i, 2), m < 60 else { return nil }
                    zm = m; i += 2
                }
                secs -= sign * Int64(zh * 3600 + zm * 60)
                zoned = true
            } else {
                return nil
            }
        }
        guard i == n else { return nil }
        return Timestamp(seconds: secs, nanos: nanos, hasFraction: frac, zoned: zoned)
    }
}
