import PFColumnar

/// One column of a batch prepared for row-by-row formatting: the common types are
/// formatted from raw pointers, the rest (``Kind/generic``) through
/// ``CSVValueFormatter/append(_:_:_:)`` on the array itself.
///
/// Plain pointers and values only (no references), so that reading a cursor in the
/// row loop costs no reference counting; the caller keeps the array alive.
struct CSVColumnCursor {
    enum Kind { case int64, int32, float64, utf8, largeUtf8, date32, timestamp, generic }
    let kind: Kind
    let validity: UnsafePointer<UInt8>?
    let values: UnsafeRawPointer?
    let data: UnsafeRawPointer?
    let offset: Int
    let unit: TimeUnit
    let zoned: Bool

    init(_ a: ArrayData) {
        offset = a.offset
        validity = a.nullCount > 0 ? a.validity?.baseAddress.assumingMemoryBound(to: UInt8.self) : nil
        values = a.buffers.count > 1 ? a.buffers[1]?.baseAddress : nil
        data = a.buffers.count > 2 ? a.buffers[2]?.baseAddress : nil
        var u = TimeUnit.second, z = false
        var k: Kind
        switch a.type {
        case .int64: k = .int64
        case .int32: k = .int32
        case .float64: k = .float64
        case .utf8, .binary: k = .utf8
        case .largeUtf8, .largeBinary: k = .largeUtf8
        case .date32: k = .date32
        case .timestamp(let tu, let tz): k = .timestamp; u = tu; z = tz != nil
        default: k = .generic
        }
        if values == nil || ((k == .utf8 || k == .largeUtf8) && data == nil) { k = .generic }
        if case .null = a.type { k = .generic }
        kind = k; unit = u; zoned = z
    }

    /// Estimated text size of the first `rows` slots (string bytes, or 24 per value).
    func textBytes(rows: Int) -> Int {
        switch kind {
        case .utf8:
            let op = values.unsafelyUnwrapped
            return Int(op.loadUnaligned(fromByteOffset: (offset + rows) * 4, as: Int32.self))
                - Int(op.loadUnaligned(fromByteOffset: offset * 4, as: Int32.self))
        case .largeUtf8:
            let op = values.unsafelyUnwrapped
            return Int(op.loadUnaligned(fromByteOffset: (offset + rows) * 8, as: Int64.self))
                - Int(op.loadUnaligned(fromByteOffset: offset * 8, as: Int64.self))
        default:
            return 24 * rows
        }
    }

    /// Appends slot `r` of a column of any kind but ``Kind/generic``.
    @inline(__always)
    func append(_ r: Int, _ fmt: CSVValueFormatter, _ nullToken: UnsafeRawBufferPointer, _ out: inout CSVOut) {
        let j = offset + r
        if let v = validity, v[j >> 3] & (1 << UInt8(j & 7)) == 0 { out.append(nullToken); return }
        switch kind {
        case .int64: fmt.appendInt(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Int64.self), &out)
        case .int32: fmt.appendInt(Int64(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 4, as: Int32.self)), &out)
        case .float64: fmt.appendDouble(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Double.self), &out)
        case .utf8:
            let op = values.unsafelyUnwrapped
            let s = Int(op.loadUnaligned(fromByteOffset: j * 4, as: Int32.self))
            let e = Int(op.loadUnaligned(fromByteOffset: j * 4 + 4, as: Int32.self))
            fmt.appendText(UnsafeRawBufferPointer(start: data.unsafelyUnwrapped + s, count: e - s), &out)
        case .largeUtf8:
            let op = values.unsafelyUnwrapped
            let s = Int(op.loadUnaligned(fromByteOffset: j * 8, as: Int64.self))
            let e = Int(op.loadUnaligned(fromByteOffset: j * 8 + 8, as: Int64.self))
            fmt.appendText(UnsafeRawBufferPointer(start: data.unsafelyUnwrapped + s, count: e - s), &out)
        case .date32:
            fmt.appendDate(Int64(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 4, as: Int32.self)), &out)
        case .timestamp:
            fmt.appendTimestamp(values.unsafelyUnwrapped.loadUnaligned(fromByteOffset: j * 8, as: Int64.self), unit: unit, &out)
            if zoned { out.append(UInt8(ascii: "Z")) }
        case .generic:
            break
        }
    }
}
