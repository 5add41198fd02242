import PFColumnar

/// Decoder of DELTA_BYTE_ARRAY (incremental encoding): prefix lengths (DELTA_BINARY_PACKED),
/// then the suffixes (DELTA_LENGTH_BYTE_ARRAY). Value `i` is the first `prefix[i]` bytes of
/// value `i - 1` followed by suffix `i`.
public enum DeltaByteArrayDecoder {
    /// Decodes `count` values of `data` and appends them to `out`; returns bytes consumed.
    @discardableResult
    public static func decode(_ data: UnsafeRawBufferPointer, count: Int,
                              into out: inout ByteArrayBuffer) throws -> Int {
        var pd = try DeltaBinaryPackedDecoder(data)
        let prefixes = try pd.decodeAll()
        let suffixStart = pd.bytesConsumed
        let rest = UnsafeRawBufferPointer(rebasing: data[suffixStart...])
        var suffixes = ByteArrayBuffer()
        let used = try DeltaLengthByteArrayDecoder.decode(rest, count: min(count, prefixes.count),
                                                          into: &suffixes)
        guard count >= 0, count <= prefixes.count, suffixes.count == count else {
            throw PFError.format("DELTA_BYTE_ARRAY: \(count) values requested, \(prefixes.count) prefixes "
                                 + "and \(suffixes.count) suffixes encoded")
        }
        out.reserve(values: count, bytes: suffixes.values.count)
        var prev: [UInt8] = []
        for i in 0..<count {
            let pre = prefixes[i]
            guard pre >= 0, pre <= Int64(prev.count) else {
                throw PFError.format("DELTA_BYTE_ARRAY: prefix length \(pre) of value \(i) exceeds the "
                                     + "previous value's \(prev.count) bytes")
            }
            prev.removeLast(prev.count - Int(pre))
            let s = Int(suffixes.offsets[i]), e = Int(suffixes.offsets[i + 1])
            prev.append(contentsOf: suffixes.values[s..<e])
            try out.append(prev)
        }
        return suffixStart + used
    }
}
