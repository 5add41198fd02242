import CCodecs

/// SNAPPY (raw snappy blocks): decompression by ``SnappyDecoder``, compression via snappy-c.
public struct SnappyCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.snappy`.
    public var codec: ParquetCompressionCodec { .snappy }

    /// Checks the length stored in the snappy preamble against the output size before
    /// decompressing (with ``SnappyDecoder``).
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if input.count == 0 && output.count == 0 { return }
        guard let (declared, size) = SnappyDecoder.preamble(input) else {
            throw ParquetCompression.error(codec, "invalid snappy preamble")
        }
        guard declared == output.count else {
            throw ParquetCompression.error(codec, "snappy data holds \(declared) bytes, header says \(output.count)")
        }
        guard SnappyDecoder.decompress(UnsafeRawBufferPointer(rebasing: input[size...]), into: output) else {
            throw ParquetCompression.error(codec, "corrupt snappy data")
        }
    }

    /// Compresses with snappy.
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let cap = snappy_max_compressed_length(input.count)
        let src = UnsafeRawPointer(input.bytePointer).assumingMemoryBound(to: CChar.self)
        return try [UInt8](unsafeUninitializedCapacity: cap) { buf, count in
            var n = cap
            let dst = UnsafeMutableRawPointer(UnsafeMutableRawBufferPointer(buf).bytePointer)
                .assumingMemoryBound(to: CChar.self)
            guard snappy_compress(src, input.count, dst, &n) == SNAPPY_OK else {
                throw ParquetCompression.error(codec, "snappy compression failed")
            }
            count = n
        }
    }
}
