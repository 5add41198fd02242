/// Encoder of BYTE_STREAM_SPLIT.
public enum ByteStreamSplitEncoder {
    /// Appends the encoding of `count` values of `width` bytes stored back to back in `bytes`.
    public static func encode(_ bytes: UnsafeRawBufferPointer, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        let count = bytes.count / width
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count * width))
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<count {
                for k in 0..<width { o[start + k * count + i] = bytes[i * width + k] }
            }
        }
    }

    /// FLOAT values.
    public static func encode(_ values: [Float], into out: inout [UInt8]) {
        values.withUnsafeBytes { encode($0, width: 4, into: &out) }
    }

    /// DOUBLE values.
    public static func encode(_ values: [Double], into out: inout [UInt8]) {
        values.withUnsafeBytes { encode($0, width: 8, into: &out) }
    }

    /// INT32 values.
    public static func encode(_ values: [Int32], into out: inout [UInt8]) {
        values.withUnsafeBytes { encode($0, width: 4, into: &out) }
    }

    /// INT64 values.
    public static func encode(_ values: [Int64], into out: inout [UInt8]) {
        values.withUnsafeBytes { encode($0, width: 8, into: &out) }
    }
}
