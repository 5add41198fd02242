/// Typed statistics of one column chunk, or the aggregate over all row groups of a file.
public struct ColumnStatistics: Sendable, Hashable {
    /// Lower bound (nil when unknown or unusable).
    public var min: StatisticsValue?
    /// Upper bound (nil when unknown or unusable).
    public var max: StatisticsValue?
    /// Number of nulls (nil when not recorded).
    public var nullCount: Int64?
    /// Number of distinct values (aggregates keep it only for single-row-group files).
    public var distinctCount: Int64?
    /// Number of NaNs (nil when not recorded).
    public var nanCount: Int64?
    /// Whether `min` is the exact minimum (nil when not recorded).
    public var isMinExact: Bool?
    /// Whether `max` is the exact maximum (nil when not recorded).
    public var isMaxExact: Bool?

    /// Creates empty statistics.
    public init() {}

    /// Decodes the raw statistics of a chunk of `column`.
    ///
    /// `min_value`/`max_value` are used when present and the column order is known. The
    /// deprecated `min`/`max` are used only where their signed ordering is the column's
    /// ordering (boolean, signed integers, floats). NaN bounds are dropped.
    public init(raw: ParquetStatistics, column: ColumnDescriptor, order: ColumnOrder?) {
        nullCount = raw.nullCount
        distinctCount = raw.distinctCount
        nanCount = raw.nanCount
        var lo: StatisticsValue?, hi: StatisticsValue?
        let orderKnown: Bool
        switch order {
        case .unrecognized?: orderKnown = false
        default: orderKnown = true
        }
        if orderKnown, raw.minValue != nil || raw.maxValue != nil {
            lo = raw.minValue.flatMap {
                StatisticsValue.decode($0, physicalType: column.physicalType, typeLength: column.typeLength)
            }
            hi = raw.maxValue.flatMap {
                StatisticsValue.decode($0, physicalType: column.physicalType, typeLength: column.typeLength)
            }
            isMinExact = raw.isMinValueExact
            isMaxExact = raw.isMaxValueExact
        } else if ColumnStatistics.legacyOrderIsValid(column) {
            lo = raw.min.flatMap {
                StatisticsValue.decode($0, physicalType: column.physicalType, typeLength: column.typeLength)
            }
            hi = raw.max.flatMap {
                StatisticsValue.decode($0, physicalType: column.physicalType, typeLength: column.typeLength)
            }
        }
        if lo?.isNaN == true || hi?.isNaN == true { lo = nil; hi = nil }
        if column.physicalType == .int96 && order != .int96TimestampOrder { lo = nil; hi = nil }
        min = lo
        max = hi
    }

    /// Whether the deprecated signed-order min/max match the column's sort order.
    static func legacyOrderIsValid(_ c: ColumnDescriptor) -> Bool {
        switch c.physicalType {
        case .boolean, .float, .double: return true
        case .int32, .int64:
            if case .integer(_, false)? = c.logicalType { return false }
            switch c.convertedType {
            case .uint8?, .uint16?, .uint32?, .uint64?: return false
            default: return true
            }
        default: return false
        }
    }

    /// Compares two bounds of `column` in its sort order; nil when not comparable.
    public static func compare(_ a: StatisticsValue, _ b: StatisticsValue,
                               column: ColumnDescriptor) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        let unsigned: Bool = {
            if case .integer(_, false)? = column.logicalType { return true }
            switch column.convertedType {
            case .uint8?, .uint16?, .uint32?, .uint64?: return true
            default: return false
            }
        }()
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case (.int32(let x), .int32(let y)):
            return unsigned ? cmp(UInt32(bitPattern: x), UInt32(bitPattern: y)) : cmp(x, y)
        case (.int64(let x), .int64(let y)):
            return unsigned ? cmp(UInt64(bitPattern: x), UInt64(bitPattern: y)) : cmp(x, y)
        case (.float(let x), .float(let y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case (.bytes(let x), .bytes(let y)):
            var isDecimal = false
            if case .decimal? = column.logicalType { isDecimal = true }
            if column.convertedType == .decimal { isDecimal = true }
            if isDecimal { return compareSignedBigEndian(x, y) }
            if case .float16? = column.logicalType, x.count == 2, y.count == 2 {
                let fx = HalfFloat.toFloat(UInt16(x[0]) | UInt16(x[1]) << 8)
                let fy = HalfFloat.toFloat(UInt16(y[0]) | UInt16(y[1]) << 8)
                return fx.isNaN || fy.isNaN ? nil : cmp(fx, fy)
            }
            return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }

    static func compareSignedBigEndian(_ x: [UInt8], _ y: [UInt8]) -> Int {
        let n = Swift.max(x.count, y.count)
        func at(_ v: [UInt8], _ i: Int) -> UInt8 {
            let pad = n - v.count
            if i < pad { return (v.first ?? 0) & 0x80 != 0 ? 0xFF : 0 }
            return v[i - pad]
        }
        for i in 0..<n {
            var a = at(x, i), b = at(y, i)
            if i == 0 { a ^= 0x80; b ^= 0x80 }
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }

    /// Aggregates chunk statistics over row groups: min of mins, max of maxes, summed null
    /// counts; a bound is dropped when any non-empty, not-all-null chunk lacks it.
    /// `chunks` pairs each chunk's statistics with its value count.
    public static func aggregate(_ chunks: [(stats: ColumnStatistics?, numValues: Int64)],
                                 column: ColumnDescriptor) -> ColumnStatistics {
        var out = ColumnStatistics()
        if chunks.isEmpty { return out }
        var lo: StatisticsValue?, hi: StatisticsValue?
        var boundsOK = true
        var nulls: Int64? = 0, nans: Int64? = 0
        var loExact: Bool? = true, hiExact: Bool? = true
        for (s, n) in chunks {
            guard let s else { nulls = nil; nans = nil; boundsOK = false; continue }
            if let a = nulls, let b = s.nullCount { nulls = a &+ b } else { nulls = nil }
            if let a = nans, let b = s.nanCount { nans = a &+ b } else { nans = nil }
            let allNull = s.nullCount.map { $0 >= n } ?? (n == 0)
            if s.min == nil || s.max == nil {
                if !allNull { boundsOK = false }
                continue
            }
            if let m = s.min {
                if let cur = lo {
                    guard let c = compare(m, cur, column: column) else { boundsOK = false; continue }
                    if c < 0 { lo = m }
                } else { lo = m }
            }
            if let m = s.max {
                if let cur = hi {
                    guard let c = compare(m, cur, column: column) else { boundsOK = false; continue }
                    if c > 0 { hi = m }
                } else { hi = m }
            }
            if let e = loExact { loExact = s.isMinExact.map { $0 && e } }
            if let e = hiExact { hiExact = s.isMaxExact.map { $0 && e } }
        }
        if boundsOK {
            out.min = lo
            out.max = hi
            out.isMinExact = lo == nil ? nil : loExact
            out.isMaxExact = hi == nil ? nil : hiExact
        }
        out.nullCount = nulls
        out.nanCount = nans
        if chunks.count == 1 { out.distinctCount = chunks[0].stats?.distinctCount }
        return out
    }
}
