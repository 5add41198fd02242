import PFColumnar

/// Builders of the Arrow columns that graph results are made of.
enum GraphColumns {
    /// A validity bitmap for `valid` (nil when every slot is valid) and the null count.
    static func validity(_ count: Int, _ valid: (Int) -> Bool) -> (Buffer?, Int) {
        var bytes = [UInt8](repeating: 0, count: PFColumnar.Bitmap.byteCount(bits: count))
        var nulls = 0
        for i in 0..<count {
            if valid(i) { bytes[i >> 3] |= UInt8(1) << UInt8(i & 7) } else { nulls += 1 }
        }
        return nulls == 0 ? (nil, 0) : (Buffer.from(bytes), nulls)
    }

    static func int64(_ values: [Int64]) -> ArrayData {
        ArrayData(unchecked: .int64, length: values.count, nullCount: 0, buffers: [nil, Buffer.from(values)])
    }

    static func int64(_ values: [Int64], nullWhen isNull: (Int64) -> Bool) -> ArrayData {
        let (v, n) = validity(values.count) { !isNull(values[$0]) }
        return ArrayData(unchecked: .int64, length: values.count, nullCount: n, buffers: [v, Buffer.from(values)])
    }

    static func int64(_ values: [Int64], valid: [Bool]) -> ArrayData {
        let (v, n) = validity(values.count) { valid[$0] }
        return ArrayData(unchecked: .int64, length: values.count, nullCount: n, buffers: [v, Buffer.from(values)])
    }

    static func float64(_ values: [Double]) -> ArrayData {
        ArrayData(unchecked: .float64, length: values.count, nullCount: 0, buffers: [nil, Buffer.from(values)])
    }

    /// Float64 values with nulls where `isNull` holds (the stored value is then 0).
    static func float64(_ values: [Double], nullWhen isNull: (Double) -> Bool) -> ArrayData {
        let (v, n) = validity(values.count) { !isNull(values[$0]) }
        let stored = n == 0 ? values : values.map { isNull($0) ? 0 : $0 }
        return ArrayData(unchecked: .float64, length: values.count, nullCount: n, buffers: [v, Buffer.from(stored)])
    }

    /// A utf8 column of `keys[index(i)]` for each `i` in `rows` (null where `valid` fails).
    static func strings(_ rows: Range<Int>, _ keys: [String], index: (Int) -> Int = { $0 },
                        valid: (Int) -> Bool) -> ArrayData {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(rows.count + 1)
        var bytes: [UInt8] = []
        for i in rows {
            if valid(i) { bytes.append(contentsOf: keys[index(i)].utf8) }
            offsets.append(Int32(truncatingIfNeeded: bytes.count))
        }
        let (v, n) = validity(rows.count) { valid(rows.lowerBound + $0) }
        return ArrayData(unchecked: .utf8, length: rows.count, nullCount: n,
                         buffers: [v, Buffer.from(offsets), Buffer.from(bytes)])
    }

    static func table(_ columns: [(String, ArrayData)]) throws(PFError) -> Table {
        Table(try RecordBatch(columns))
    }
}
