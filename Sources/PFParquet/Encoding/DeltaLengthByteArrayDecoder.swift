import PFColumnar

/// Decoder of DELTA_LENGTH_BYTE_ARRAY: all lengths (DELTA_BINARY_PACKED), then all bytes.
public enum DeltaLengthByteArrayDecoder {
    /// Decodes the lengths of `data`; returns them and the offset where the bytes start.
    static func lengths(_ data: UnsafeRawBufferPointer, what: String) throws -> ([Int64], Int) {
        var d = try DeltaBinaryPackedDecoder(data)
        let lengths = try d.decodeAll()
        return (lengths, d.bytesConsumed)
    }

    /// Decodes `count` values of `data` and appends them to `out`; returns bytes consumed.
    @discardableResult
    public static func decode(_ data: UnsafeRawBufferPointer, count: Int,
                              into out: inout ByteArrayBuffer) throws -> Int {
        let (lens, start) = try lengths(data, what: "DELTA_LENGTH_BYTE_ARRAY")
        guard count >= 0, count <= lens.count else {
            throw PFError.format("DELTA_LENGTH_BYTE_ARRAY: \(count) values requested, \(lens.count) encoded")
        }
        var pos = start
        let p = data.bytePointer
        var total = 0
        for i in 0..<count {
            let l = lens[i]
            guard l >= 0, l <= Int64(data.count - start - total) else {
                throw PFError.format("DELTA_LENGTH_BYTE_ARRAY: length \(l) of value \(i) is negative or exceeds the data")
            }
            total += Int(l)
        }
        out.reserve(values: count, bytes: total)
        for i in 0..<count {
            let l = Int(lens[i])
            out.values.append(contentsOf: UnsafeRawBufferPointer(start: p + pos, count: l))
            try out.commit()
            pos += l
        }
        return pos
    }
}
