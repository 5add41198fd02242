import PFColumnar

/// Formats single values of Arrow arrays as CSV field text.
struct CSVValueFormatter {
    let delimiter: UInt8
    let quote: UInt8
    let nullToken: [UInt8]

    /// Throws ``PFError/unsupported(_:)`` for types CSV cannot represent.
    static func check(_ f: Field) throws(PFError) {
        switch f.type {
        case .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .date32, .date64, .time32, .time64, .timestamp, .duration,
             .decimal128, .utf8, .largeUtf8, .binary, .largeBinary, .fixedSizeBinary:
            return
        case .dictionary(_, let v, _):
            try check(Field(f.name, v))
        default:
            throw .unsupported("CSV cannot write column '\(f.name)' of nested type \(f.type.shortName)")
        }
    }

    /// Appends slot `i` of `a`.
    func append(_ a: ArrayData, _ i: Int, _ out: inout CSVOut) {
        if a.isNull(i) { out.append(contentsOf: nullToken); return }
        let j = a.offset + i
        let values = a.buffers.count > 1 ? (a.buffers[1] ?? Buffer.empty) : Buffer.empty
        switch a.type {
        case .null: out.append(contentsOf: nullToken)
        case .boolean: appendASCII(Bitmap.get(values.baseAddress, j) ? "true" : "false", &out)
        case .int8: appendInt(Int64(values.load(j, as: Int8.self)), &out)
        case .int16: appendInt(Int64(values.load(j, as: Int16.self)), &out)
        case .int32: appendInt(Int64(values.load(j, as: Int32.self)), &out)
        case .int64, .duration: appendInt(values.load(j, as: Int64.self), &out)
        case .uint8: appendInt(Int64(values.load(j, as: UInt8.self)), &out)
        case .uint16: appendInt(Int64(values.load(j, as: UInt16.self)), &out)
        case .uint32: appendInt(Int64(values.load(j, as: UInt32.self)), &out)
        case .uint64: appendASCII(String(values.load(j, as: UInt64.self)), &out)
        case .float16: appendASCII(FloatFormatting.shortest(Double(Float(Float16(bitPattern: values.load(j, as: UInt16.self))))), &out)
        case .float32:
            let f = values.load(j, as: Float.self)
            appendASCII(FloatFormatting.shortest(f.isFinite ? (Double(f.description) ?? Double(f)) : Double(f)), &out)
        case .float64: appendDouble(values.load(j, as: Double.self), &out)
        case .date32: appendDate(Int64(values.load(j, as: Int32.self)), &out)
        case .date64: appendDate(CivilTime.floorDiv(values.load(j, as: Int64.self), 86_400_000), &out)
        case .time32(let u): appendTime(Int64(values.load(j, as: Int32.self)), unit: u, &out)
        case .time64(let u): appendTime(values.load(j, as: Int64.self), unit: u, &out)
        case .timestamp(let u, let tz):
            appendTimestamp(values.load(j, as: Int64.self), unit: u, &out)
            if tz != nil { out.append(UInt8(ascii: "Z")) }
        case .decimal128(_, let scale): appendASCII(decimalText(values.load(j, as: Int128.self), scale: scale), &out)
        case .utf8, .largeUtf8, .binary, .largeBinary:
            appendText(a.valueBytes(i), &out)
        case .fixedSizeBinary(let w):
            appendText(UnsafeRawBufferPointer(start: values.baseAddress + j * w, count: w), &out)
        case .dictionary:
            if let d = a.dictionary, let k = a.dictionaryIndex(i), k >= 0, k < d.length { append(d, k, &out) }
            else { out.append(contentsOf: nullToken) }
        default:
            out.append(contentsOf: nullToken)   // rejected earlier by check(_:)
        }
    }

    private func appendASCII(_ s: String, _ out: inout CSVOut) {
        var s = s
        s.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `v >= 0` in decimal, zero-padded to at least `width` digits.
    @inline(__always)
    private func appendPadded(_ v: UInt64, width: Int, _ out: inout CSVOut) {
        let n = max(width, CSVOut.digitCount(v))
        out.reserve(n)
        CSVOut.writePadded(v, width: n, out.base + out.count)
        out.count += n
    }

    /// `YYYY-MM-DD`, byte for byte ``CivilTime/formatDate(days:)`` without a String.
    @inline(__always)
    func appendDate(_ days: Int64, _ out: inout CSVOut) {
        let (y, m, d) = CivilTime.civil(fromDays: days)
        guard y >= 0 && y <= 9999 else { return appendWideDate(y, m, d, &out) }
        out.reserve(10)
        let p = out.base + out.count
        let yy = UInt32(truncatingIfNeeded: y)
        let hi = (yy &* 5243) >> 19          // yy / 100 for yy < 10^4
        CSVOut.storePair(hi, p)
        CSVOut.storePair(yy &- hi &* 100, p + 2)
        p[4] = 45
        CSVOut.storePair(UInt32(truncatingIfNeeded: m), p + 5)
        p[7] = 45
        CSVOut.storePair(UInt32(truncatingIfNeeded: d), p + 8)
        out.count += 10
    }

    /// Dates outside years 0...9999: a sign and at least four year digits.
    private func appendWideDate(_ y: Int64, _ m: Int, _ d: Int, _ out: inout CSVOut) {
        if y < 0 { out.append(45) }
        appendPadded(y.magnitude, width: 4, &out)
        out.append(45)
        appendPadded(UInt64(m), width: 2, &out)
        out.append(45)
        appendPadded(UInt64(d), width: 2, &out)
    }

    /// `HH:MM:SS[.fraction]`, byte for byte ``CivilTime/formatTime(_:unit:)``.
    private func appendTime(_ value: Int64, unit: TimeUnit, _ out: inout CSVOut) {
        let per = unit.perSecond
        let secs = CivilTime.floorDiv(value, per)
        let frac = value &- secs &* per
        let s = UInt64(CivilTime.floorMod(secs, 86_400))
        appendPadded(s / 3600, width: 2, &out)
        out.append(58)
        appendPadded(s / 60 % 60, width: 2, &out)
        out.append(58)
        appendPadded(s % 60, width: 2, &out)
        let digits: Int
        switch unit {
        case .second: return
        case .millisecond: digits = 3
        case .microsecond: digits = 6
        case .nanosecond: digits = 9
        }
        out.append(46)
        if frac < 0 { out.append(45) }
        appendPadded(frac.magnitude, width: digits, &out)
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]`, byte for byte ``CivilTime/formatTimestamp(_:unit:)``.
    @inline(__always)
    func appendTimestamp(_ value: Int64, unit: TimeUnit, _ out: inout CSVOut) {
        switch unit {
        case .second: appendTimestamp(value, per: 1, digits: 0, &out)
        case .millisecond: appendTimestamp(value, per: 1_000, digits: 3, &out)
        case .microsecond: appendTimestamp(value, per: 1_000_000, digits: 6, &out)
        case .nanosecond: appendTimestamp(value, per: 1_000_000_000, digits: 9, &out)
        }
    }

    /// ``appendTimestamp(_:unit:_:)`` for `per` units a second and `digits` fraction
    /// digits (constants once inlined, so the divisions become multiplications).
    @inline(__always)
    private func appendTimestamp(_ value: Int64, per: Int64, digits: Int, _ out: inout CSVOut) {
        let secs = floorDiv(value, per)
        let days = floorDiv(secs, 86_400)
        appendDate(days, &out)
        out.reserve(20)
        let p = out.base + out.count
        let sod = UInt32(truncatingIfNeeded: secs &- days &* 86_400)
        let h = sod / 3600, rest = sod &- h &* 3600
        let mi = rest / 60
        p[0] = 32
        CSVOut.storePair(h, p + 1)
        p[3] = 58
        CSVOut.storePair(mi, p + 4)
        p[6] = 58
        CSVOut.storePair(rest &- mi &* 60, p + 7)
        if digits == 0 { out.count += 9; return }
        p[9] = 46
        CSVOut.writePadded(UInt64(value &- secs &* per), width: digits, p + 10)
        out.count += 10 + digits
    }

    /// Division rounding toward negative infinity, for `b > 0`.
    @inline(__always)
    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return a &- q &* b < 0 ? q &- 1 : q
    }

    @inline(__always)
    func appendInt(_ v: Int64, _ out: inout CSVOut) {
        out.reserve(24)
        out.count += CSVOut.writeInt(v, out.base + out.count)
    }

    /// Python-repr shortest text of `v` (``FloatFormatting/shortest(_:)``).
    @inline(__always)
    func appendDouble(_ v: Double, _ out: inout CSVOut) {
        out.reserve(32)
        let n = FloatFormatting.fastShortest(v, out.base + out.count)
        if n > 0 { out.count += n } else { appendSlowDouble(v, &out) }
    }

    /// The values ``FloatFormatting/fastShortest(_:_:)`` leaves out. Between 1e-4 and
    /// 1e16, where Swift's shortest description has no exponent, it is Python's repr
    /// as it is (what ``FloatFormatting/shortest(_:)`` returns there); its bytes are
    /// copied without the String processing of the general path.
    private func appendSlowDouble(_ v: Double, _ out: inout CSVOut) {
        let a = v.magnitude
        if a >= 1e-4 && a < 1e16 {
            var s = v.description
            let done = s.withUTF8 { (b: UnsafeBufferPointer<UInt8>) -> Bool in
                guard !b.contains(UInt8(ascii: "e")) else { return false }
                out.append(UnsafeRawBufferPointer(b))
                return true
            }
            if done { return }
        }
        appendASCII(FloatFormatting.shortest(v), &out)
    }

    private func decimalText(_ v: Int128, scale: Int) -> String {
        let neg = v < 0
        var digits = String(neg ? (0 - v).magnitude : v.magnitude)
        guard scale > 0 else { return (neg ? "-" : "") + digits + String(repeating: "0", count: max(0, -scale)) }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (neg ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }

    /// Appends text, quoting it when needed.
    func appendText(_ bytes: [UInt8], _ out: inout CSVOut) {
        bytes.withUnsafeBytes { appendText($0, &out) }
    }

    func appendText(_ b: UnsafeRawBufferPointer, _ out: inout CSVOut) {
        let n = b.count
        out.reserve(2 * n + 2)
        guard n > 0, let p = b.baseAddress else { return }
        let first = p.load(as: UInt8.self), last = p.load(fromByteOffset: n - 1, as: UInt8.self)
        var needs = first == 32 || first == 9 || last == 32 || last == 9 || hasSpecial(p, n)
        if !needs && n == nullToken.count && !nullToken.isEmpty && b.elementsEqual(nullToken) { needs = true }
        if !needs {
            (out.base + out.count).update(from: p.assumingMemoryBound(to: UInt8.self), count: n)
            out.count += n
            return
        }
        var w = out.count
        let o = out.base
        o[w] = quote; w += 1
        for i in 0..<n {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == quote { o[w] = quote; w += 1 }
            o[w] = c; w += 1
        }
        o[w] = quote; w += 1
        out.count = w
    }

    /// True when `p[0..<n]` holds the delimiter, the quote, CR or LF (8 bytes at a time).
    @inline(__always)
    private func hasSpecial(_ p: UnsafeRawPointer, _ n: Int) -> Bool {
        let lo: UInt64 = 0x0101_0101_0101_0101, hi: UInt64 = 0x8080_8080_8080_8080
        let bd = lo &* UInt64(delimiter), bq = lo &* UInt64(quote)
        let bn = lo &* 10, br = lo &* 13
        @inline(__always) func zero(_ x: UInt64) -> UInt64 { (x &- lo) & ~x & hi }
        var i = 0
        while i + 8 <= n {
            let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if zero(x ^ bd) | zero(x ^ bq) | zero(x ^ bn) | zero(x ^ br) != 0 { return true }
            i += 8
        }
        while i < n {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == delimiter || c == quote || c == 10 || c == 13 { return true }
            i += 1
        }
        return false
    }
}
