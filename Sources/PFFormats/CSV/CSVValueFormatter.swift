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
    func append(_ a: ArrayData, _ i: Int, _ out: inout [UInt8]) {
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
        case .float64: appendASCII(FloatFormatting.shortest(values.load(j, as: Double.self)), &out)
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

    private func appendASCII(_ s: String, _ out: inout [UInt8]) { out.append(contentsOf: s.utf8) }

    /// Appends `v >= 0` in decimal, zero-padded to at least `width` digits.
    @inline(__always)
    private func appendPadded(_ v: UInt64, width: Int, _ out: inout [UInt8]) {
        var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var mag = v
        withUnsafeMutableBytes(of: &buf) { b in
            var k = 24
            repeat { k -= 1; b[k] = UInt8(48 + mag % 10); mag /= 10 } while mag > 0
            while 24 - k < width { k -= 1; b[k] = 48 }
            out.append(contentsOf: b[k..<24])
        }
    }

    /// `YYYY-MM-DD`, byte for byte ``CivilTime/formatDate(days:)`` without a String.
    private func appendDate(_ days: Int64, _ out: inout [UInt8]) {
        let (y, m, d) = CivilTime.civil(fromDays: days)
        if y < 0 { out.append(45) }
        appendPadded(y.magnitude, width: 4, &out)
        out.append(45)
        appendPadded(UInt64(m), width: 2, &out)
        out.append(45)
        appendPadded(UInt64(d), width: 2, &out)
    }

    /// `HH:MM:SS[.fraction]`, byte for byte ``CivilTime/formatTime(_:unit:)``.
    private func appendTime(_ value: Int64, unit: TimeUnit, _ out: inout [UInt8]) {
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
    private func appendTimestamp(_ value: Int64, unit: TimeUnit, _ out: inout [UInt8]) {
        let per = unit.perSecond
        let days = CivilTime.floorDiv(CivilTime.floorDiv(value, per), 86_400)
        appendDate(days, &out)
        out.append(32)
        appendTime(value &- days &* 86_400 &* per, unit: unit, &out)
    }

    private func appendInt(_ v: Int64, _ out: inout [UInt8]) {
        if v == 0 { out.append(48); return }
        var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var mag = v < 0 ? UInt64(bitPattern: 0 &- v) : UInt64(v)
        withUnsafeMutableBytes(of: &buf) { b in
            var k = 24
            while mag > 0 { k -= 1; b[k] = UInt8(48 + mag % 10); mag /= 10 }
            if v < 0 { out.append(45) }
            out.append(contentsOf: b[k..<24])
        }
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
    func appendText(_ bytes: [UInt8], _ out: inout [UInt8]) {
        bytes.withUnsafeBytes { appendText($0, &out) }
    }

    func appendText(_ b: UnsafeRawBufferPointer, _ out: inout [UInt8]) {
        var needs = b.count > 0 && (b[0] == 32 || b[0] == 9 || b[b.count - 1] == 32 || b[b.count - 1] == 9)
        if !needs {
            for c in b where c == delimiter || c == quote || c == 10 || c == 13 { needs = true; break }
        }
        if !needs && b.count == nullToken.count && b.elementsEqual(nullToken) && !nullToken.isEmpty { needs = true }
        if !needs { out.append(contentsOf: b); return }
        out.append(quote)
        for c in b {
            if c == quote { out.append(quote) }
            out.append(c)
        }
        out.append(quote)
    }
}
