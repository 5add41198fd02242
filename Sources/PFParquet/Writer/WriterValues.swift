import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The non-null values of a column chunk in their Parquet physical representation.
///
/// Fixed-width types (INT32, INT64, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY) are `count`
/// values of `width` bytes back to back in `data`; booleans are one byte (0/1) each;
/// BYTE_ARRAY values are `data[offsets[i] ..< offsets[i+1]]`.
struct PhysicalValues {
    /// Byte width of fixed-width values; 0 for BYTE_ARRAY.
    var width: Int
    var data: [UInt8] = []
    /// BYTE_ARRAY only: count + 1 offsets into `data`.
    var offsets: [Int] = [0]
    /// Number of values.
    var count = 0

    init(width: Int) { self.width = width }

    var isByteArray: Bool { width == 0 }

    /// Bytes of value `i` (byte arrays: without length).
    @inline(__always)
    func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        data.withUnsafeBytes { d in
            if width == 0 {
                return body(UnsafeRawBufferPointer(rebasing: d[offsets[i]..<offsets[i + 1]]))
            }
            return body(UnsafeRawBufferPointer(rebasing: d[(i * width)..<(i * width + width)]))
        }
    }

    /// Appends the values of `sel` from `array` with `conversion`.
    mutating func append(_ array: ArrayData, _ sel: ValueSelection, _ conversion: LeafConversion) throws {
        switch conversion {
        case .null: return
        case .boolean:
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let base = buf.baseAddress, off = array.offset
            gatherFixed(array, sel, width: 1) { i, out in
                out.storeBytes(of: Bitmap.get(base, off + i) ? 1 : 0, as: UInt8.self)
            }
        case .widenToInt32(let w, let signed):
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let off = array.offset
            switch (w, signed) {
            case (1, true): gatherFixed(array, sel, width: 4) { i, o in o.storeBytes(of: Int32(buf.load(off + i, as: Int8.self)), as: Int32.self) }
            case (1, false): gatherFixed(array, sel, width: 4) { i, o in o.storeBytes(of: Int32(buf.load(off + i, as: UInt8.self)), as: Int32.self) }
            case (2, true): gatherFixed(array, sel, width: 4) { i, o in o.storeBytes(of: Int32(buf.load(off + i, as: Int16.self)), as: Int32.self) }
            default: gatherFixed(array, sel, width: 4) { i, o in o.storeBytes(of: Int32(buf.load(off + i, as: UInt16.self)), as: Int32.self) }
            }
        case .copy4: try copyFixed(array, sel, 4)
        case .copy8: try copyFixed(array, sel, 8)
        case .fixedBytes(let w): try copyFixed(array, sel, w)
        case .scale32(let m):
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let off = array.offset
            var overflow = false
            gatherFixed(array, sel, width: 4) { i, o in
                let (v, ovf) = buf.load(off + i, as: Int32.self).multipliedReportingOverflow(by: m)
                overflow = overflow || ovf
                o.storeBytes(of: v, as: Int32.self)
            }
            if overflow { throw PFError.invalidArgument("integer overflow converting \(array.type.shortName) to milliseconds") }
        case .scale64(let m):
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let off = array.offset
            var overflow = false
            gatherFixed(array, sel, width: 8) { i, o in
                let (v, ovf) = buf.load(off + i, as: Int64.self).multipliedReportingOverflow(by: m)
                overflow = overflow || ovf
                o.storeBytes(of: v, as: Int64.self)
            }
            if overflow { throw PFError.invalidArgument("integer overflow casting \(array.type.shortName) values to milliseconds") }
        case .date64ToDays:
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let off = array.offset
            gatherFixed(array, sel, width: 4) { i, o in
                let ms = buf.load(off + i, as: Int64.self)
                var days = ms / 86_400_000
                if ms % 86_400_000 < 0 { days -= 1 }
                o.storeBytes(of: Int32(truncatingIfNeeded: days), as: Int32.self)
            }
        case .decimal(let n):
            guard let buf = array.buffers.count > 1 ? array.buffers[1] : nil else { throw missing(array) }
            let base = buf.baseAddress, off = array.offset
            let stride: Int  // 16 (decimal128) or 32 (decimal256)
            if case .fixedWidth(let w) = array.type.layout { stride = w } else { stride = 16 }
            gatherFixed(array, sel, width: n) { i, o in
                let src = base + (off + i) * stride
                for k in 0..<n {
                    o.storeBytes(of: src.load(fromByteOffset: n - 1 - k, as: UInt8.self), toByteOffset: k, as: UInt8.self)
                }
            }
        case .byteArray(let ow):
            try appendByteArrays(array, sel, offsetWidth: ow)
        }
    }

    private func missing(_ a: ArrayData) -> PFError {
        .invalidArgument("\(a.type.shortName) array without a data buffer")
    }

    /// Calls `body(slot, destination)` for each selected slot, writing `width` bytes each.
    @inline(__always)
    private mutating func gatherFixed(_ a: ArrayData, _ sel: ValueSelection, width: Int,
                                      _ body: (Int, UnsafeMutableRawPointer) -> Void) {
        let n: Int
        switch sel {
        case .valid(let r):
            if case .null = a.type { n = 0 } else { n = r.count - (a.nullCount == 0 ? 0 : countNulls(a, r)) }
        case .indices(let ix): n = ix.count
        }
        @inline(__always) func fill(_ start: UnsafeMutableRawPointer) {
            var p = start
            switch sel {
            case .valid(let r):
                PhysicalValues.forEachValid(a, r) { i in body(i, p); p += width }
            case .indices(let ix):
                for i in ix { body(i, p); p += width }
            }
        }
        if data.isEmpty {
            // A fresh buffer is filled as it is, without zeroing it first.
            data = [UInt8](unsafeUninitializedCapacity: n * width) { b, count in
                if let base = b.baseAddress { fill(UnsafeMutableRawPointer(base)) }
                count = n * width
            }
        } else {
            let start = data.count
            data.append(contentsOf: repeatElement(0, count: n * width))
            data.withUnsafeMutableBytes { d in
                if let base = d.baseAddress { fill(base + start) }
            }
        }
        count += n
    }

    /// Calls `body(i)` for each valid slot `i` of `r`, in order (a byte of the validity
    /// bitmap at a time where it can).
    @inline(__always)
    static func forEachValid(_ a: ArrayData, _ r: Range<Int>, _ body: (Int) throws -> Void) rethrows {
        guard a.nullCount != 0, let v = a.validity else {
            if case .null = a.type { return }
            for i in r { try body(i) }
            return
        }
        let bits = v.baseAddress
        var i = r.lowerBound
        let end = r.upperBound
        while i < end {
            let bit = a.offset + i
            if bit & 7 == 0 && end - i >= 8 {
                let byte = bits.load(fromByteOffset: bit >> 3, as: UInt8.self)
                if byte == 0xFF {
                    for k in i..<(i + 8) { try body(k) }
                } else {
                    var b = byte
                    while b != 0 {
                        try body(i + b.trailingZeroBitCount)
                        b &= b &- 1
                    }
                }
                i += 8
            } else {
                if Bitmap.get(bits, bit) { try body(i) }
                i += 1
            }
        }
    }

    private func countNulls(_ a: ArrayData, _ r: Range<Int>) -> Int {
        guard let v = a.validity else { return 0 }
        return r.count - Bitmap.countSet(v.baseAddress, offset: a.offset + r.lowerBound, length: r.count)
    }

    /// Copies fixed-width values (bulk when there are no nulls).
    private mutating func copyFixed(_ a: ArrayData, _ sel: ValueSelection, _ w: Int) throws {
        guard let buf = a.buffers.count > 1 ? a.buffers[1] : nil else { throw missing(a) }
        let base = buf.baseAddress, off = a.offset
        if case .valid(let r) = sel, a.nullCount == 0 {
            data.append(contentsOf: UnsafeRawBufferPointer(start: base + (off + r.lowerBound) * w, count: r.count * w))
            count += r.count
            return
        }
        switch w {
        case 4: gatherFixed(a, sel, width: 4) { i, o in o.storeBytes(of: base.loadUnaligned(fromByteOffset: (off + i) * 4, as: UInt32.self), as: UInt32.self) }
        case 8: gatherFixed(a, sel, width: 8) { i, o in o.storeBytes(of: base.loadUnaligned(fromByteOffset: (off + i) * 8, as: UInt64.self), as: UInt64.self) }
        default: gatherFixed(a, sel, width: w) { i, o in memcpy(o, base + (off + i) * w, w) }
        }
    }

    private mutating func appendByteArrays(_ a: ArrayData, _ sel: ValueSelection, offsetWidth ow: Int) throws {
        guard a.buffers.count > 2, let ob = a.buffers[1] else { throw missing(a) }
        let db = a.buffers[2]
        let dataBase = db?.baseAddress ?? Buffer.empty.baseAddress
        let off = a.offset
        @inline(__always) func bounds(_ i: Int) -> (Int, Int) {
            if ow == 4 {
                return (Int(ob.load(off + i, as: Int32.self)), Int(ob.load(off + i + 1, as: Int32.self)))
            }
            return (Int(ob.load(off + i, as: Int64.self)), Int(ob.load(off + i + 1, as: Int64.self)))
        }
        let limit = db?.byteCount ?? 0
        // The offsets of a `.valid` selection are checked once, then read without checks.
        if case .valid(let r) = sel, !r.isEmpty {
            guard off >= 0, r.lowerBound >= 0, (off + r.upperBound + 1) * ow <= ob.byteCount else {
                throw PFError.invalidArgument("binary offsets buffer too short for \(a.length) slots")
            }
        }
        let obase = ob.baseAddress
        @inline(__always) func uncheckedBounds(_ i: Int) -> (Int, Int) {
            let p = obase + (off + i) * ow
            if ow == 4 { return (Int(p.loadUnaligned(as: Int32.self)), Int(p.loadUnaligned(fromByteOffset: 4, as: Int32.self))) }
            return (Int(p.loadUnaligned(as: Int64.self)), Int(p.loadUnaligned(fromByteOffset: 8, as: Int64.self)))
        }
        @inline(__always) func add(_ i: Int) throws {
            let (s, e) = bounds(i)
            guard s >= 0, e >= s, e <= limit else { throw PFError.invalidArgument("binary offsets out of range at slot \(i)") }
            data.append(contentsOf: UnsafeRawBufferPointer(start: dataBase + s, count: e - s))
            offsets.append(data.count)
        }
        switch sel {
        case .valid(let r):
            guard !r.isEmpty else { return }
            let (s, _) = bounds(r.lowerBound), (_, e) = bounds(r.upperBound - 1)
            data.reserveCapacity(data.count + max(0, e - s))
            offsets.reserveCapacity(offsets.count + r.count)
            // Consecutive values (nulls usually take no bytes) are copied as one run.
            var runStart = 0, runEnd = 0   // pending bytes dataBase[runStart..<runEnd]
            var end = data.count           // `data.count` once the pending run is copied
            try PhysicalValues.forEachValid(a, r) { i in
                let (s, e) = uncheckedBounds(i)
                guard s >= 0, e >= s, e <= limit else { throw PFError.invalidArgument("binary offsets out of range at slot \(i)") }
                if s != runEnd {
                    if runEnd > runStart { data.append(contentsOf: UnsafeRawBufferPointer(start: dataBase + runStart, count: runEnd - runStart)) }
                    runStart = s
                }
                runEnd = e
                end += e - s
                offsets.append(end)
                count += 1
            }
            if runEnd > runStart { data.append(contentsOf: UnsafeRawBufferPointer(start: dataBase + runStart, count: runEnd - runStart)) }
        case .indices(let ix):
            offsets.reserveCapacity(offsets.count + ix.count)
            for i in ix { try add(i) }
            count += ix.count
        }
    }
}
