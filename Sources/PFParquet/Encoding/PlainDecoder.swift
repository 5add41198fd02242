import PFColumnar

/// Decoders of the PLAIN encoding for every physical type. Each returns the number of
/// source bytes consumed and throws `.format` when the data holds fewer values than asked.
public enum PlainDecoder {
    static func short(_ what: String, _ count: Int, _ need: Int, _ have: Int) -> PFError {
        .format("PLAIN \(what): \(count) values need \(need) bytes, \(have) present")
    }

    static func copyFixed(_ src: UnsafeRawBufferPointer, count: Int, width: Int, what: String,
                          into dst: UnsafeMutableRawPointer) throws -> Int {
        guard count >= 0 else { throw PFError.invalidArgument("negative count") }
        let (need, o) = count.multipliedReportingOverflow(by: width)
        guard !o, need <= src.count else { throw short(what, count, need, src.count) }
        if need > 0, let s = src.baseAddress { dst.copyMemory(from: s, byteCount: need) }
        return need
    }

    /// INT32 values (little-endian host).
    @discardableResult
    public static func decodeInt32(_ src: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Int32>) throws -> Int {
        try copyFixed(src, count: count, width: 4, what: "INT32", into: UnsafeMutableRawPointer(out))
    }

    /// INT64 values.
    @discardableResult
    public static func decodeInt64(_ src: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Int64>) throws -> Int {
        try copyFixed(src, count: count, width: 8, what: "INT64", into: UnsafeMutableRawPointer(out))
    }

    /// FLOAT values.
    @discardableResult
    public static func decodeFloat(_ src: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Float>) throws -> Int {
        try copyFixed(src, count: count, width: 4, what: "FLOAT", into: UnsafeMutableRawPointer(out))
    }

    /// DOUBLE values.
    @discardableResult
    public static func decodeDouble(_ src: UnsafeRawBufferPointer, count: Int,
                                    into out: UnsafeMutablePointer<Double>) throws -> Int {
        try copyFixed(src, count: count, width: 8, what: "DOUBLE", into: UnsafeMutableRawPointer(out))
    }

    /// INT96 values as 12 raw bytes each (`count * 12` bytes written to `out`).
    @discardableResult
    public static func decodeInt96(_ src: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutableRawPointer) throws -> Int {
        try copyFixed(src, count: count, width: 12, what: "INT96", into: out)
    }

    /// FIXED_LEN_BYTE_ARRAY values of `width` bytes (`count * width` bytes written to `out`).
    @discardableResult
    public static func decodeFixedLenByteArray(_ src: UnsafeRawBufferPointer, count: Int, width: Int,
                                               into out: UnsafeMutableRawPointer) throws -> Int {
        guard width > 0 else { throw PFError.format("PLAIN FIXED_LEN_BYTE_ARRAY: width \(width)") }
        return try copyFixed(src, count: count, width: width, what: "FIXED_LEN_BYTE_ARRAY", into: out)
    }

    /// BOOLEAN values, bit-packed LSB-first; writes one `Bool` per value.
    @discardableResult
    public static func decodeBoolean(_ src: UnsafeRawBufferPointer, count: Int,
                                     into out: UnsafeMutablePointer<Bool>) throws -> Int {
        guard count >= 0 else { throw PFError.invalidArgument("negative count") }
        let need = (count + 7) / 8
        guard need <= src.count else { throw short("BOOLEAN", count, need, src.count) }
        for i in 0..<count { out[i] = (src[i >> 3] >> UInt8(i & 7)) & 1 == 1 }
        return need
    }

    /// BOOLEAN values as an LSB-first bitmap (Arrow layout): bits `[0, count)` of `bitmap`
    /// starting at bit `bitOffset` are overwritten.
    @discardableResult
    public static func decodeBooleanBits(_ src: UnsafeRawBufferPointer, count: Int,
                                         into bitmap: UnsafeMutablePointer<UInt8>, bitOffset: Int) throws -> Int {
        guard count >= 0, bitOffset >= 0 else { throw PFError.invalidArgument("negative count or offset") }
        let need = (count + 7) / 8
        guard need <= src.count else { throw short("BOOLEAN", count, need, src.count) }
        if bitOffset & 7 == 0 {
            let b = bitOffset >> 3
            for i in 0..<(count >> 3) { bitmap[b + i] = src[i] }
            let rest = count & 7
            if rest > 0 {
                let mask = UInt8((1 << rest) - 1)
                let i = count >> 3
                bitmap[b + i] = (bitmap[b + i] & ~mask) | (src[i] & mask)
            }
        } else {
            for i in 0..<count {
                let bit = (src[i >> 3] >> UInt8(i & 7)) & 1
                let j = bitOffset + i
                if bit == 1 { bitmap[j >> 3] |= 1 << UInt8(j & 7) } else { bitmap[j >> 3] &= ~(1 << UInt8(j & 7)) }
            }
        }
        return need
    }

    /// BYTE_ARRAY values (4-byte little-endian length, then the bytes), appended to `out`.
    @discardableResult
    public static func decodeByteArray(_ src: UnsafeRawBufferPointer, count: Int,
                                       into out: inout ByteArrayBuffer) throws -> Int {
        guard count >= 0 else { throw PFError.invalidArgument("negative count") }
        guard count <= src.count / 4 else {
            throw PFError.format("PLAIN BYTE_ARRAY: \(count) values cannot fit in \(src.count) bytes")
        }
        out.reserve(values: count, bytes: src.count - 4 * count)
        let p = src.bytePointer
        var pos = 0
        let n = src.count
        for i in 0..<count {
            guard n - pos >= 4 else {
                throw PFError.format("PLAIN BYTE_ARRAY: truncated length of value \(i) at byte \(pos)")
            }
            let len = Int(UInt32(littleEndian: UnsafeRawPointer(p + pos).loadUnaligned(as: UInt32.self)))
            pos += 4
            guard len <= n - pos else {
                throw PFError.format("PLAIN BYTE_ARRAY: value \(i) of \(len) bytes exceeds the \(n - pos) bytes left")
            }
            out.values.append(contentsOf: UnsafeRawBufferPointer(start: p + pos, count: len))
            try out.commit()
            pos += len
        }
        return pos
    }
}
