import PFColumnar

/// Decoder of BYTE_STREAM_SPLIT: `width` streams, stream `k` holding byte `k` of every value.
/// The stream length is `data.count / width` (the number of values in the page).
public enum ByteStreamSplitDecoder {
    /// Decodes the first `count` values of `width` bytes into `out` (`count * width` bytes).
    public static func decode(_ data: UnsafeRawBufferPointer, count: Int, width: Int,
                              into out: UnsafeMutableRawPointer) throws {
        guard width > 0 else { throw PFError.format("BYTE_STREAM_SPLIT: width \(width)") }
        guard data.count % width == 0 else {
            throw PFError.format("BYTE_STREAM_SPLIT: \(data.count) bytes is not a multiple of the value width \(width)")
        }
        let stride = data.count / width
        guard count >= 0, count <= stride else {
            throw PFError.format("BYTE_STREAM_SPLIT: \(count) values requested, \(stride) encoded")
        }
        let src = data.bytePointer
        let dst = out.assumingMemoryBound(to: UInt8.self)
        switch width {
        case 4:
            let s0 = src, s1 = src + stride, s2 = src + 2 * stride, s3 = src + 3 * stride
            for i in 0..<count {
                let v = UInt32(s0[i]) | UInt32(s1[i]) << 8 | UInt32(s2[i]) << 16 | UInt32(s3[i]) << 24
                (out + 4 * i).storeBytes(of: UInt32(littleEndian: v), as: UInt32.self)
            }
        case 8:
            for i in 0..<count {
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(src[k * stride + i]) << UInt64(8 * k) }
                (out + 8 * i).storeBytes(of: UInt64(littleEndian: v), as: UInt64.self)
            }
        default:
            for k in 0..<width {
                let s = src + k * stride
                for i in 0..<count { dst[i * width + k] = s[i] }
            }
        }
    }

    /// Decodes FLOAT values.
    public static func decodeFloat(_ data: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Float>) throws {
        try decode(data, count: count, width: 4, into: UnsafeMutableRawPointer(out))
    }

    /// Decodes DOUBLE values.
    public static func decodeDouble(_ data: UnsafeRawBufferPointer, count: Int,
                                    into out: UnsafeMutablePointer<Double>) throws {
        try decode(data, count: count, width: 8, into: UnsafeMutableRawPointer(out))
    }

    /// Decodes INT32 values.
    public static func decodeInt32(_ data: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Int32>) throws {
        try decode(data, count: count, width: 4, into: UnsafeMutableRawPointer(out))
    }

    /// Decodes INT64 values.
    public static func decodeInt64(_ data: UnsafeRawBufferPointer, count: Int,
                                   into out: UnsafeMutablePointer<Int64>) throws {
        try decode(data, count: count, width: 8, into: UnsafeMutableRawPointer(out))
    }
}
