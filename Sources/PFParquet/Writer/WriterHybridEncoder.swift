/// A fast RLE / bit-packed hybrid encoder over raw buffers (levels and dictionary indices).
///
/// Runs of at least 8 equal values become RLE runs; other values go into bit-packed runs
/// of whole groups of 8 (only the final group is zero-padded), as arrow does.
enum HybridEncoder {
    @inline(__always)
    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// Appends the hybrid encoding of `values` (each below `1 << bitWidth`).
    static func encode<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafeBufferPointer<T>, bitWidth w: Int,
                                                                into out: inout [UInt8]) {
        let n = values.count
        var i = 0
        var literalStart = 0   // pending literal values are values[literalStart..<i]
        let byteWidth = (w + 7) / 8
        while i < n {
            let v = values[i]
            var j = i + 1
            if MemoryLayout<T>.size == 1, let base = values.baseAddress {
                // Byte values (levels): the run is followed 8 values at a time.
                let raw = UnsafeRawPointer(base)
                let pattern = UInt64(truncatingIfNeeded: v) &* 0x0101_0101_0101_0101
                while n - j >= 8 {
                    let diff = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self) ^ pattern
                    if diff != 0 { j += UInt64(littleEndian: diff).trailingZeroBitCount >> 3; break }
                    j += 8
                }
            }
            while j < n && values[j] == v { j += 1 }
            var run = j - i
            if run >= 8 {
                var pending = i - literalStart
                if pending % 8 != 0 {
                    let k = 8 - pending % 8
                    i += k
                    run -= k
                    pending += k
                    if run < 8 { i = j; continue }
                }
                if pending > 0 { packLiteral(values, literalStart, i, w, &out) }
                varint(UInt64(run) << 1, into: &out)
                let u = UInt64(v)
                for b in 0..<byteWidth { out.append(UInt8(truncatingIfNeeded: u >> UInt64(8 * b))) }
                i = j
                literalStart = i
            } else {
                i = j
            }
        }
        if i > literalStart { packLiteral(values, literalStart, i, w, &out) }
    }

    /// Bit-packs values[start..<end] as one literal run (padded to a multiple of 8).
    private static func packLiteral<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, _ start: Int, _ end: Int, _ w: Int, _ out: inout [UInt8]
    ) {
        let count = end - start
        let groups = (count + 7) / 8
        varint(UInt64(groups) << 1 | 1, into: &out)
        if w == 0 { return }
        let bytes = groups * w
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: bytes))
        out.withUnsafeMutableBufferPointer { o in
            var acc: UInt64 = 0
            var nbits = 0
            var pos = base
            for k in start..<end {
                acc |= UInt64(values[k]) << UInt64(nbits)
                nbits += w
                while nbits >= 8 {
                    o[pos] = UInt8(truncatingIfNeeded: acc)
                    pos += 1
                    acc >>= 8
                    nbits -= 8
                }
                // Values wider than 56 bits never occur (levels and indices are < 2^32).
            }
            if nbits > 0 { o[pos] = UInt8(truncatingIfNeeded: acc) }
        }
    }

    /// Bit width needed for values up to `maxValue`.
    static func bitWidth(_ maxValue: UInt64) -> Int { 64 - maxValue.leadingZeroBitCount }
}
