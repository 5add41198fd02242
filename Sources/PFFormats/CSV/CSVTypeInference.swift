import PFColumnar

/// Type inference for CSV columns.
///
/// Each value is classified into the set of inferable types that can hold it (a bit
/// mask); a column's type is the first type, in pyarrow's order, of the intersection
/// over all its non-null values:
///
/// `bool, int64, float64, date32, timestamp[s], timestamp[ns], timestamp[s, UTC],
/// timestamp[ns, UTC]`, else `utf8`.
///
/// Like pyarrow, timestamps without a fraction infer `timestamp[s]`, with a fraction
/// `timestamp[ns]`; a zone (`Z`, `+HH:MM`) converts to UTC and gives a `"UTC"` type;
/// mixing zoned and naive values gives utf8. All-null columns get
/// ``CSVReadOptions/allNullType``. pyarrow's `time32` inference is not done (utf8).
enum CSVTypeInference {
    static let bool: UInt8 = 1, int: UInt8 = 2, float: UInt8 = 4, date: UInt8 = 8
    static let tsS: UInt8 = 16, tsNs: UInt8 = 32, zS: UInt8 = 64, zNs: UInt8 = 128
    /// The mask of a column with no non-null value.
    static let allNull: UInt8 = 0xFF

    /// Seconds range in which nanosecond timestamps fit int64.
    static let nsSecondsLimit: Int64 = 9_223_372_035

    /// The types that can hold one (non-null) value.
    @inline(__always)
    static func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt8 {
        if CSVValueParsing.int64(p, n) != nil { return int | float }
        if CSVValueParsing.bool(p, n) != nil { return bool }
        if CSVValueParsing.double(p, n) != nil { return float }
        if let ts = CSVValueParsing.timestamp(p, n) {
            let nsOK = ts.seconds > -nsSecondsLimit && ts.seconds < nsSecondsLimit
            if ts.zoned { return (ts.hasFraction ? 0 : zS) | (nsOK ? zNs : 0) }
            var m: UInt8 = (ts.hasFraction ? 0 : tsS) | (nsOK ? tsNs : 0)
            if CSVValueParsing.date(p, n) != nil { m |= date }
            return m
        }
        return 0
    }

    /// The mask of a type chosen from `mask` and everything above it in its chain
    /// (every value that fits the type fits these too).
    static func closure(of bit: UInt8) -> UInt8 {
        switch bit {
        case int: return int | float
        case date: return date | tsS | tsNs
        case tsS: return tsS | tsNs
        case zS: return zS | zNs
        default: return bit
        }
    }

    /// The first type bit of `mask` in priority order, or 0 (utf8) / allNull.
    static func pick(_ mask: UInt8) -> UInt8 {
        if mask == allNull { return allNull }
        for b in [bool, int, float, date, tsS, tsNs, zS, zNs] where mask & b != 0 { return b }
        return 0
    }

    /// The Arrow type of a picked bit.
    static func type(of bit: UInt8, allNullType: DataType) -> DataType {
        switch bit {
        case bool: return .boolean
        case int: return .int64
        case float: return .float64
        case date: return .date32
        case tsS: return .timestamp(.second, timezone: nil)
        case tsNs: return .timestamp(.nanosecond, timezone: nil)
        case zS: return .timestamp(.second, timezone: "UTC")
        case zNs: return .timestamp(.nanosecond, timezone: "UTC")
        case allNull: return allNullType
        default: return .utf8
        }
    }

    /// The inference bit a type corresponds to (nil for utf8 and others).
    static func bit(of type: DataType) -> UInt8? {
        switch type {
        case .boolean: return bool
        case .int64: return int
        case .float64: return float
        case .date32: return date
        case .timestamp(.second, nil): return tsS
        case .timestamp(.nanosecond, nil): return tsNs
        case .timestamp(.second, "UTC"): return zS
        case .timestamp(.nanosecond, "UTC"): return zNs
        default: return nil
        }
    }

    /// The mask of column `column` over `rows` rows of `tokens`.
    static func mask(_ t: CSVTokens, column: Int, rows: Int, nulls: CSVNullMatcher) -> UInt8 {
        var m = allNull
        let w = t.width
        let tv = t.view
        var i = column
        for _ in 0..<rows {
            let f = tv.field(i)
            i += w
            if f.forcedNull || nulls.matches(f.start, f.count) { continue }
            m &= classify(f.start, f.count)
            if m == 0 { return 0 }
        }
        return m
    }
}
