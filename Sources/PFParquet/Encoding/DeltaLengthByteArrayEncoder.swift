/// Encoder of DELTA_LENGTH_BYTE_ARRAY: lengths with DELTA_BINARY_PACKED, then all bytes.
public enum DeltaLengthByteArrayEncoder {
    /// Appends the encoding of `values`.
    public static func encode(_ values: ByteArrayBuffer, into out: inout [UInt8]) {
        var lengths: [Int32] = []
        lengths.reserveCapacity(values.count)
        for i in 0..<values.count { lengths.append(values.offsets[i + 1] - values.offsets[i]) }
        DeltaBinaryPackedEncoder.encode(lengths, into: &out)
        out.append(contentsOf: values.values[Int(values.offsets[0])...])
    }
}
