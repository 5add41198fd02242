/// Encoder of DELTA_BYTE_ARRAY: prefix lengths shared with the previous value
/// (DELTA_BINARY_PACKED), then the suffixes (DELTA_LENGTH_BYTE_ARRAY).
public enum DeltaByteArrayEncoder {
    /// Appends the encoding of `values`.
    public static func encode(_ values: ByteArrayBuffer, into out: inout [UInt8]) {
        var prefixes: [Int32] = []
        var suffixes = ByteArrayBuffer()
        prefixes.reserveCapacity(values.count)
        var prev: ArraySlice<UInt8> = []
        for i in 0..<values.count {
            let cur = values[i]
            var p = 0
            let limit = min(prev.count, cur.count)
            var a = prev.startIndex, b = cur.startIndex
            while p < limit && prev[a] == cur[b] { p += 1; a += 1; b += 1 }
            prefixes.append(Int32(p))
            // Cannot fail: suffixes are never larger than the input buffer.
            try? suffixes.append(Array(cur[(cur.startIndex + p)...]))
            prev = cur
        }
        DeltaBinaryPackedEncoder.encode(prefixes, into: &out)
        DeltaLengthByteArrayEncoder.encode(suffixes, into: &out)
    }
}
