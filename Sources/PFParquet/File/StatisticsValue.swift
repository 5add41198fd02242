/// A statistics bound decoded according to the column's physical type.
public enum StatisticsValue: Sendable, Hashable {
    /// BOOLEAN.
    case boolean(Bool)
    /// INT32.
    case int32(Int32)
    /// INT64.
    case int64(Int64)
    /// INT96 (12 raw bytes).
    case int96([UInt8])
    /// FLOAT.
    case float(Float)
    /// DOUBLE.
    case double(Double)
    /// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY.
    case bytes([UInt8])

    /// Decodes PLAIN statistics bytes (byte arrays without length prefix).
    /// Returns nil when the byte count does not fit the type.
    public static func decode(_ raw: [UInt8], physicalType: ParquetPhysicalType,
                              typeLength: Int = 0) -> StatisticsValue? {
        func le(_ n: Int) -> UInt64? {
            guard raw.count == n else { return nil }
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(raw[i]) << UInt64(8 * i) }
            return v
        }
        switch physicalType {
        case .boolean:
            guard raw.count == 1 else { return nil }
            return .boolean(raw[0] != 0)
        case .int32:
            guard let v = le(4) else { return nil }
            return .int32(Int32(truncatingIfNeeded: v))
        case .int64:
            guard let v = le(8) else { return nil }
            return .int64(Int64(bitPattern: v))
        case .int96:
            return raw.count == 12 ? .int96(raw) : nil
        case .float:
            guard let v = le(4) else { return nil }
            return .float(Float(bitPattern: UInt32(truncatingIfNeeded: v)))
        case .double:
            guard let v = le(8) else { return nil }
            return .double(Double(bitPattern: v))
        case .byteArray:
            return .bytes(raw)
        case .fixedLenByteArray:
            if typeLength > 0 && raw.count != typeLength { return nil }
            return .bytes(raw)
        case .unknown:
            return nil
        }
    }

    /// PLAIN encoding of the value as stored in `Statistics` (no length prefix).
    public var plainBytes: [UInt8] {
        func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
            (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
        }
        switch self {
        case .boolean(let b): return [b ? 1 : 0]
        case .int32(let v): return le(v)
        case .int64(let v): return le(v)
        case .int96(let b): return b
        case .float(let v): return le(v.bitPattern)
        case .double(let v): return le(v.bitPattern)
        case .bytes(let b): return b
        }
    }

    /// Whether the value is a floating-point NaN.
    public var isNaN: Bool {
        switch self {
        case .float(let f): return f.isNaN
        case .double(let d): return d.isNaN
        default: return false
        }
    }
}

/// A statistics bound interpreted through the column's logical or converted type.
public enum LogicalStatisticsValue: Sendable, Hashable {
    /// Boolean.
    case boolean(Bool)
    /// Signed integer (INT32/INT64, INT(n, signed), legacy INT_n).
    case integer(Int64)
    /// Unsigned integer (INT(n, unsigned), legacy UINT_n).
    case unsignedInteger(UInt64)
    /// Floating point (FLOAT, DOUBLE, FLOAT16).
    case floatingPoint(Double)
    /// UTF-8 text (STRING, ENUM, JSON, legacy UTF8).
    case string(String)
    /// Decimal rendered exactly as text, e.g. `-12.340`.
    case decimal(String)
    /// Days since 1970-01-01.
    case date(daysSinceEpoch: Int32)
    /// Time of day in `unit` since midnight.
    case time(Int64, unit: ParquetTimeUnit)
    /// Timestamp in `unit` since the epoch.
    case timestamp(Int64, unit: ParquetTimeUnit, isAdjustedToUTC: Bool)
    /// INT96 legacy timestamp converted to nanoseconds since the epoch (wrapping).
    case int96Timestamp(nanosecondsSinceEpoch: Int64)
    /// 16-byte UUID.
    case uuid([UInt8])
    /// Bytes without a textual interpretation.
    case bytes([UInt8])
}

extension StatisticsValue {
    /// Interprets the value through `column`'s logical type (or converted type).
    public func logical(for column: ColumnDescriptor) -> LogicalStatisticsValue {
        let e = column.element
        switch (self, e.logicalType, e.convertedType) {
        case (.boolean(let b), _, _): return .boolean(b)
        case (.float(let f), _, _): return .floatingPoint(Double(f))
        case (.double(let d), _, _): return .floatingPoint(d)
        case (.int96(let b), _, _):
            var nanos: Int64 = 0, days: Int32 = 0
            for i in 0..<8 { nanos |= Int64(b[i]) << Int64(8 * i) }
            for i in 0..<4 { days |= Int32(b[8 + i]) << Int32(8 * i) }
            let d = Int64(days) &- 2_440_588
            return .int96Timestamp(nanosecondsSinceEpoch: d &* 86_400_000_000_000 &+ nanos)
        case (.int32(let v), .decimal?, _), (.int32(let v), nil, .decimal?):
            return .decimal(DecimalText.render(Int64(v), scale: Self.decimalScale(e)))
        case (.int64(let v), .decimal?, _), (.int64(let v), nil, .decimal?):
            return .decimal(DecimalText.render(v, scale: Self.decimalScale(e)))
        case (.bytes(let b), .decimal?, _), (.bytes(let b), nil, .decimal?):
            return .decimal(DecimalText.render(bigEndian: b, scale: Self.decimalScale(e)))
        case (.int32(let v), .date?, _), (.int32(let v), nil, .date?):
            return .date(daysSinceEpoch: v)
        case (.int32(let v), .time(_, let u)?, _): return .time(Int64(v), unit: u)
        case (.int32(let v), nil, .timeMillis?): return .time(Int64(v), unit: .millis)
        case (.int64(let v), .time(_, let u)?, _): return .time(v, unit: u)
        case (.int64(let v), nil, .timeMicros?): return .time(v, unit: .micros)
        case (.int64(let v), .timestamp(let utc, let u)?, _):
            return .timestamp(v, unit: u, isAdjustedToUTC: utc)
        case (.int64(let v), nil, .timestampMillis?):
            return .timestamp(v, unit: .millis, isAdjustedToUTC: true)
        case (.int64(let v), nil, .timestampMicros?):
            return .timestamp(v, unit: .micros, isAdjustedToUTC: true)
        case (.int32(let v), .integer(_, false)?, _),
             (.int32(let v), nil, .uint8?), (.int32(let v), nil, .uint16?), (.int32(let v), nil, .uint32?):
            return .unsignedInteger(UInt64(UInt32(bitPattern: v)))
        case (.int64(let v), .integer(_, false)?, _), (.int64(let v), nil, .uint64?):
            return .unsignedInteger(UInt64(bitPattern: v))
        case (.int32(let v), _, _): return .integer(Int64(v))
        case (.int64(let v), _, _): return .integer(v)
        case (.bytes(let b), .string?, _), (.bytes(let b), .enumeration?, _), (.bytes(let b), .json?, _),
             (.bytes(let b), nil, .utf8?), (.bytes(let b), nil, .enum?), (.bytes(let b), nil, .json?):
            return .string(String(decoding: b, as: UTF8.self))
        case (.bytes(let b), .uuid?, _) where b.count == 16: return .uuid(b)
        case (.bytes(let b), .float16?, _) where b.count == 2:
            return .floatingPoint(Double(HalfFloat.toFloat(UInt16(b[0]) | UInt16(b[1]) << 8)))
        case (.bytes(let b), _, _): return .bytes(b)
        }
    }

    private static func decimalScale(_ e: SchemaElement) -> Int {
        if case .decimal(let scale, _)? = e.logicalType { return Int(scale) }
        return Int(e.scale ?? 0)
    }
}

/// Half-precision float conversion (IEEE 754 binary16).
enum HalfFloat {
    /// Converts binary16 bits to a Float.
    static func toFloat(_ h: UInt16) -> Float {
        let sign: Float = (h & 0x8000) != 0 ? -1 : 1
        let exp = Int((h >> 10) & 0x1F)
        let frac = Float(h & 0x3FF)
        if exp == 0 { return sign * frac * 0x1p-24 }
        if exp == 31 { return frac == 0 ? sign * .infinity : .nan }
        return sign * (1 + frac / 1024) * Float(sign: .plus, exponent: exp - 15, significand: 1)
    }
}

/// Exact decimal rendering of unscaled integers.
enum DecimalText {
    /// Renders a 64-bit unscaled value with `scale` fractional digits.
    static func render(_ v: Int64, scale: Int) -> String {
        let neg = v < 0
        let mag = v.magnitude
        return place(String(mag), negative: neg, scale: scale)
    }

    /// Renders a big-endian two's complement unscaled value of any length.
    static func render(bigEndian bytes: [UInt8], scale: Int) -> String {
        if bytes.isEmpty { return place("0", negative: false, scale: scale) }
        let neg = bytes[0] & 0x80 != 0
        var mag = bytes
        if neg {
            // two's complement negate
            var carry: UInt16 = 1
            for i in stride(from: mag.count - 1, through: 0, by: -1) {
                let s = UInt16(~mag[i]) + carry
                mag[i] = UInt8(truncatingIfNeeded: s)
                carry = s >> 8
            }
        }
        var digits: [UInt8] = []
        var cur = mag
        while cur.contains(where: { $0 != 0 }) {
            var rem: UInt16 = 0
            for i in 0..<cur.count {
                let acc = rem << 8 | UInt16(cur[i])
                cur[i] = UInt8(acc / 10)
                rem = acc % 10
            }
            digits.append(UInt8(rem))
        }
        let text = digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
        return place(text, negative: neg, scale: scale)
    }

    private static func place(_ digits: String, negative: Bool, scale: Int) -> String {
        var d = digits
        var out: String
        if scale > 0 {
            if d.count <= scale { d = String(repeating: "0", count: scale - d.count + 1) + d }
            let cut = d.index(d.endIndex, offsetBy: -scale)
            out = String(d[..<cut]) + "." + String(d[cut...])
        } else if scale < 0 {
            out = d + String(repeating: "0", count: min(-scale, 1000))
        } else {
            out = d
        }
        return negative ? "-" + out : out
    }
}
