import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds one Arrow column from one column of tokenized CSV fields.
///
/// Values are parsed straight from the token bytes into the array's buffers.
enum CSVColumnConverter {
    /// The result of converting one column of one block.
    enum Conversion {
        case array(ArrayData)
        /// Row `row` (0-based in the block) does not parse as the requested type.
        case failed(row: Int)
    }

    /// True when CSV text can be read as `type`.
    static func supports(_ type: DataType) -> Bool {
        switch type {
        case .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float32, .float64, .date32, .utf8, .largeUtf8, .binary, .largeBinary:
            return true
        case .timestamp(_, let tz): return tz == nil || tz == "UTC"
        default: return false
        }
    }

    /// Converts column `column` of `t` to `type`.
    /// - Parameter repairUTF8: replace invalid UTF-8 by U+FFFD in string columns.
    static func convert(_ t: CSVTokens, column: Int, type: DataType, nulls: CSVNullMatcher,
                        repairUTF8: Bool) throws(PFError) -> Conversion {
        let tv = t.view
        let rows = t.rows
        switch type {
        case .int64:
            return try fixed(t, column, rows, type, nulls, Int64.self) { p, n in CSVValueParsing.int64(p, n) }
        case .float64:
            return try fixed(t, column, rows, type, nulls, Double.self) { p, n in CSVValueParsing.double(p, n) }
        case .date32:
            return try fixed(t, column, rows, type, nulls, Int32.self) { p, n in CSVValueParsing.date(p, n) }
        case .timestamp(let unit, let tz):
            return try fixed(t, column, rows, type, nulls, Int64.self) { p, n in
                guard let ts = CSVValueParsing.timestamp(p, n), tz != nil || !ts.zoned else { return nil }
                return ts.value(in: unit)
            }
        case .int32:
            return try fixed(t, column, rows, type, nulls, Int32.self) { p, n in CSVValueParsing.int64(p, n).flatMap { Int32(exactly: $0) } }
        case .int16:
            return try fixed(t, column, rows, type, nulls, Int16.self) { p, n in CSVValueParsing.int64(p, n).flatMap { Int16(exactly: $0) } }
        case .int8:
            return try fixed(t, column, rows, type, nulls, Int8.self) { p, n in CSVValueParsing.int64(p, n).flatMap { Int8(exactly: $0) } }
        case .uint64:
            return try fixed(t, column, rows, type, nulls, UInt64.self) { p, n in CSVValueParsing.uint64(p, n) }
        case .uint32:
            return try fixed(t, column, rows, type, nulls, UInt32.self) { p, n in CSVValueParsing.uint64(p, n).flatMap { UInt32(exactly: $0) } }
        case .uint16:
            return try fixed(t, column, rows, type, nulls, UInt16.self) { p, n in CSVValueParsing.uint64(p, n).flatMap { UInt16(exactly: $0) } }
        case .uint8:
            return try fixed(t, column, rows, type, nulls, UInt8.self) { p, n in CSVValueParsing.uint64(p, n).flatMap { UInt8(exactly: $0) } }
        case .float32:
            return try fixed(t, column, rows, type, nulls, Float.self) { p, n in CSVValueParsing.double(p, n).map { Float($0) } }
        case .boolean:
            return try boolean(t, column, rows, nulls)
        case .utf8:
            return try strings(t, column, rows, type, nulls, Int32.self, validate: repairUTF8)
        case .largeUtf8:
            return try strings(t, column, rows, type, nulls, Int64.self, validate: repairUTF8)
        case .binary:
            return try strings(t, column, rows, type, nulls, Int32.self, validate: false)
        case .largeBinary:
            return try strings(t, column, rows, type, nulls, Int64.self, validate: false)
        case .null:
            let w = t.width
            var i = column
            for r in 0..<rows {
                let f = tv.field(i); i += w
                if !f.forcedNull && !nulls.matches(f.start, f.count) { return .failed(row: r) }
            }
            return .array(try ArrayData(type: .null, length: rows, nullCount: rows, buffers: []))
        default:
            throw .unsupported("CSV cannot read type \(type.shortName)")
        }
    }

    /// A validity bitmap with every bit set, for `rows` slots.
    private static func allValid(_ rows: Int) -> MutableBuffer {
        let n = Bitmap.byteCount(bits: rows)
        var b = MutableBuffer(capacity: n)
        memset(b.unsafeStorage, 0xFF, n)
        b.advance(n)
        return b
    }

    @inline(__always)
    private static func clearBit(_ p: UnsafeMutableRawPointer, _ i: Int) {
        let q = p.assumingMemoryBound(to: UInt8.self) + (i >> 3)
        q.pointee &= ~(UInt8(1) << UInt8(i & 7))
    }

    @inline(__always)
    private static func fixed<T: BitwiseCopyable>(_ t: CSVTokens, _ column: Int, _ rows: Int, _ type: DataType,
                                                  _ nulls: CSVNullMatcher, _: T.Type,
                                                  _ parse: (UnsafePointer<UInt8>, Int) -> T?) throws(PFError) -> Conversion {
        let tv = t.view
        let stride = MemoryLayout<T>.stride
        var values = MutableBuffer(capacity: rows * stride)
        let validity = allValid(rows)
        let vp = values.unsafeStorage.bindMemory(to: T.self, capacity: max(1, rows))
        let bits = validity.unsafeStorage
        var nullCount = 0
        let w = t.width
        var i = column
        for r in 0..<rows {
            let f = tv.field(i)
            i += w
            if let v = parse(f.start, f.count) {
                vp[r] = v
            } else if f.forcedNull || nulls.matches(f.start, f.count) {
                memset(vp + r, 0, stride)
                clearBit(bits, r)
                nullCount += 1
            } else {
                return .failed(row: r)
            }
        }
        values.advance(rows * stride)
        return .array(try ArrayData(type: type, length: rows, nullCount: nullCount,
                                    buffers: [nullCount > 0 ? validity.finish() : nil, values.finish()]))
    }

    private static func boolean(_ t: CSVTokens, _ column: Int, _ rows: Int,
                                _ nulls: CSVNullMatcher) throws(PFError) -> Conversion {
        let tv = t.view
        let n = Bitmap.byteCount(bits: rows)
        var values = MutableBuffer(capacity: n)
        memset(values.unsafeStorage, 0, n)
        values.advance(n)
        let validity = allValid(rows)
        var nullCount = 0
        let w = t.width
        var i = column
        for r in 0..<rows {
            let f = tv.field(i)
            i += w
            if !f.forcedNull, let v = CSVValueParsing.bool(f.start, f.count, numeric: true) {
                if v { Bitmap.set(values.unsafeStorage, r, true) }
            } else if f.forcedNull || nulls.matches(f.start, f.count) {
                clearBit(validity.unsafeStorage, r)
                nullCount += 1
            } else {
                return .failed(row: r)
            }
        }
        return .array(try ArrayData(type: .boolean, length: rows, nullCount: nullCount,
                                    buffers: [nullCount > 0 ? validity.finish() : nil, values.finish()]))
    }

    private static func strings<O: ArrowOffset>(_ t: CSVTokens, _ column: Int, _ rows: Int, _ type: DataType,
                                                _ nulls: CSVNullMatcher, _: O.Type,
                                                validate: Bool) throws(PFError) -> Conversion {
        let tv = t.view
        let w = t.width
        // Exact size of the text (nulls included: an upper bound).
        var total = 0
        var i = column
        for _ in 0..<rows { let f = tv.field(i); total += f.count; i += w }
        if validate { total += total * 2 }
        guard O.self == Int64.self || total <= Int(Int32.max) else {
            throw .unsupported("string column exceeds 2 GiB in one block; use a smaller block size")
        }
        var offsets = MutableBuffer(capacity: (rows + 1) * MemoryLayout<O>.stride)
        // 64 spare bytes so that short values can be copied as one 64-byte block.
        var bytes = MutableBuffer(capacity: total + 64)
        let srcEnd = t.storage.data + t.storage.dataCapacity
        let validity = allValid(rows)
        let op = offsets.unsafeStorage.bindMemory(to: O.self, capacity: rows + 1)
        let dp = bytes.unsafeStorage.assumingMemoryBound(to: UInt8.self)
        var nullCount = 0
        var pos = 0
        op[0] = O.zero
        i = column
        for r in 0..<rows {
            let f = tv.field(i)
            i += w
            if f.forcedNull || nulls.matches(f.start, f.count) {
                clearBit(validity.unsafeStorage, r)
                nullCount += 1
            } else if validate {
                pos = appendRepaired(f.start, f.count, dp, pos)
            } else if f.count <= 64 && f.start + 64 <= srcEnd {
                csvCopy64(dp + pos, f.start)
                pos += f.count
            } else {
                (dp + pos).update(from: f.start, count: f.count)
                pos += f.count
            }
            op[r + 1] = O(truncatingIfNeeded: pos)
        }
        offsets.advance((rows + 1) * MemoryLayout<O>.stride)
        bytes.advance(pos)
        return .array(try ArrayData(type: type, length: rows, nullCount: nullCount,
                                    buffers: [nullCount > 0 ? validity.finish() : nil, offsets.finish(), bytes.finish()]))
    }

    /// Copies `p[0..<n]` to `out + pos`, replacing ill-formed UTF-8 by U+FFFD (3 bytes
    /// per bad byte at most). Returns the new position.
    private static func appendRepaired(_ p: UnsafePointer<UInt8>, _ n: Int, _ out: UnsafeMutablePointer<UInt8>,
                                       _ pos0: Int) -> Int {
        var pos = pos0
        var s = 0
        while s < n {
            let rest = UnsafeRawBufferPointer(start: p + s, count: n - s)
            guard let bad = UTF8Validation.firstInvalidOffset(rest) else {
                (out + pos).update(from: p + s, count: n - s)
                return pos + n - s
            }
            (out + pos).update(from: p + s, count: bad)
            pos += bad
            out[pos] = 0xEF; out[pos + 1] = 0xBF; out[pos + 2] = 0xBD
            pos += 3
            s = s + bad + maximalSubpart(p + s + bad, n - s - bad)
        }
        return pos
    }

    /// Length of the maximal subpart of an ill-formed UTF-8 sequence starting at `p` (the
    /// longest prefix of a well-formed sequence, at least 1): the bytes one U+FFFD replaces,
    /// as recommended by Unicode (§3.9) and done by Python and Swift's `String(decoding:)`.
    static func maximalSubpart(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        guard n > 1 else { return 1 }
        let b = p[0]
        let need: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b {
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: return 1   // C2...DF with a bad continuation, or a byte that never starts a sequence
        }
        guard p[1] >= lo && p[1] <= hi else { return 1 }
        var k = 2
        while k < need && k < n && p[k] >= 0x80 && p[k] <= 0xBF { k += 1 }
        return k
    }
}
