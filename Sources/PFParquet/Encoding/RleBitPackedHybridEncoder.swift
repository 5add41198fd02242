/// Encoder of the RLE / bit-packed hybrid encoding.
///
/// Runs of at least 8 equal values become RLE runs; everything else goes into bit-packed
/// runs of whole groups of 8 (only the final group is zero-padded).
public enum RleBitPackedHybridEncoder {
    /// Appends the hybrid encoding of `values` (each below `1 << bitWidth`) to `out`.
    public static func encode(_ values: [UInt32], bitWidth: Int, into out: inout [UInt8]) {
        let n = values.count
        var literal: [UInt64] = []
        var i = 0
        func flushLiteral() {
            if literal.isEmpty { return }
            let groups = (literal.count + 7) / 8
            writeVarint(UInt64(groups) << 1 | 1, into: &out)
            BitUnpacking.pack(literal, bitWidth: bitWidth, into: &out)
            literal.removeAll(keepingCapacity: true)
        }
        while i < n {
            let v = values[i]
            var r = 1
            while i + r < n && values[i + r] == v { r += 1 }
            if r >= 8 {
                if literal.count % 8 != 0 {
                    // Complete the pending literal group with values of this run.
                    let k = 8 - literal.count % 8
                    for _ in 0..<k { literal.append(UInt64(v)) }
                    i += k
                    r -= k
                    if r < 8 {
                        for _ in 0..<r { literal.append(UInt64(v)) }
                        i += r
                        continue
                    }
                }
                flushLiteral()
                writeVarint(UInt64(r) << 1, into: &out)
                let nbytes = (bitWidth + 7) / 8
                for b in 0..<nbytes { out.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * b))) }
                i += r
            } else {
                for _ in 0..<r { literal.append(UInt64(v)) }
                i += r
            }
        }
        flushLiteral()
    }

    /// Levels with the 4-byte little-endian length prefix of data page v1.
    public static func encodeLevelsWithLengthPrefix(_ values: [UInt32], bitWidth: Int, into out: inout [UInt8]) {
        var body: [UInt8] = []
        encode(values, bitWidth: bitWidth, into: &body)
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: body)
    }

    /// Dictionary indices (RLE_DICTIONARY data pages): a bit-width byte, then the runs.
    public static func encodeDictionaryIndices(_ indices: [UInt32], into out: inout [UInt8]) {
        let maxIndex = indices.max() ?? 0
        let w = BitUnpacking.bitWidth(of: UInt64(maxIndex))
        out.append(UInt8(w))
        encode(indices, bitWidth: w, into: &out)
    }

    static func writeVarint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }
}
