/// Encoders of the PLAIN encoding; every function appends to `out`.
public enum PlainEncoder {
    static func appendRaw<T>(_ values: UnsafeBufferPointer<T>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// INT32 values.
    public static func encode(_ values: [Int32], into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { appendRaw($0, into: &out) }
    }

    /// INT64 values.
    public static func encode(_ values: [Int64], into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { appendRaw($0, into: &out) }
    }

    /// FLOAT values.
    public static func encode(_ values: [Float], into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { appendRaw($0, into: &out) }
    }

    /// DOUBLE values.
    public static func encode(_ values: [Double], into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { appendRaw($0, into: &out) }
    }

    /// BOOLEAN values, bit-packed LSB-first (the last byte zero-padded).
    public static func encode(_ values: [Bool], into out: inout [UInt8]) {
        var byte: UInt8 = 0
        for (i, v) in values.enumerated() {
            if v { byte |= 1 << UInt8(i & 7) }
            if i & 7 == 7 { out.append(byte); byte = 0 }
        }
        if values.count & 7 != 0 { out.append(byte) }
    }

    /// BYTE_ARRAY values: 4-byte little-endian length, then the bytes.
    public static func encode(byteArrays values: ByteArrayBuffer, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + values.values.count + 4 * values.count)
        for i in 0..<values.count {
            let len = UInt32(values.offsets[i + 1] - values.offsets[i])
            withUnsafeBytes(of: len.littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: values[i])
        }
    }

    /// FIXED_LEN_BYTE_ARRAY (or INT96) values: the bytes, back to back.
    public static func encode(fixedLength bytes: [UInt8], into out: inout [UInt8]) {
        out.append(contentsOf: bytes)
    }
}
