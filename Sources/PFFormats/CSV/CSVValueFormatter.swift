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
        var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var mag = v
        withUnsafeMutableBytes(of: &buf) { b in
            var k = 24
            repeat { k -= 1; b[k] = UInt8(48 + mag % 10); mag /= 10 } while mag > 0
            while 24 - k < width { k -= 1; b[k] = 48 }
            out.append(UnsafeRawBufferPointer(rebasing: b[k..<24]))
        }
    }

    /// `YYYY-MM-DD`, byte for byte ``CivilTime/formatDate(days:)`` without a String.
    func appendDate(_ days: Int64, _ out: inout CSVOut) {
        let (y, m, d) = CivilTime.civil(fromDays: days)
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
    func appendTimestamp(_ value: Int64, unit: TimeUnit, _ out: inout CSVOut) {
        let per = unit.perSecond
        let days = CivilTime.floorDiv(CivilTime.floorDiv(value, per), 86_400)
        appendDate(days, &out)
        out.append(32)
        appendTime(value &- days &* 86_400 &* per, unit: unit, &out)
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
        if n > 0 { out.count += n } else { appendASCII(FloatFormatting.shortest(v), &out) }
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

/// A growable output byte buffer written through a raw pointer (callers reserve first).
struct CSVOut {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func reserve(_ n: Int) { if count + n > capacity { grow(count + n) } }

    mutating func grow(_ need: Int) {
        var cap = capacity
        while cap < need { cap *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = cap
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func append(_ b: UnsafeRawBufferPointer) {
        let n = b.count
        guard n > 0 else { return }
        reserve(n)
        (base + count).update(from: b.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    mutating func append(contentsOf a: [UInt8]) { a.withUnsafeBytes { append($0) } }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Writes `v` in decimal at `p` (at most 20 bytes) and returns the length.
    @inline(__always)
    static func writeInt(_ v: Int64, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        var mag = v < 0 ? UInt64(bitPattern: 0 &- v) : UInt64(v)
        var i = 0
        if v < 0 { p[0] = 45; i = 1 }
        var nd = 1
        var t = mag
        while t >= 10 { t /= 10; nd += 1 }
        var k = i + nd
        let end = k
        while mag >= 100 {
            let r = Int(mag % 100); mag /= 100
            k -= 2
            p[k] = UInt8(48 + r / 10); p[k + 1] = UInt8(48 + r % 10)
        }
        if mag >= 10 { k -= 2; p[k] = UInt8(48 + mag / 10); p[k + 1] = UInt8(48 + mag % 10) }
        else { k -= 1; p[k] = UInt8(48 + mag) }
        return end
    }
}
