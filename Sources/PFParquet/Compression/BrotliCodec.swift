import CCodecs

/// BROTLI.
public struct BrotliCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.brotli`.
    public var codec: ParquetCompressionCodec { .brotli }

    /// Decompresses into exactly `output.count` bytes; more output is an error.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        var size = output.count
        let rc = BrotliDecoderDecompress(input.count, input.bytePointer, &size, output.bytePointer)
        guard rc == BROTLI_DECODER_RESULT_SUCCESS else {
            throw ParquetCompression.error(codec, "corrupt data or more than \(output.count) bytes")
        }
        guard size == output.count else {
            throw ParquetCompression.error(codec, "data decompresses to \(size) bytes, header says \(output.count)")
        }
    }

    /// Compresses with quality `level` 0...11 (default 5).
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let cap = BrotliEncoderMaxCompressedSize(input.count)
        let capacity = cap == 0 ? input.count + 1024 : cap
        let quality = Int32(max(0, min(11, level ?? 5)))
        return try [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            var n = capacity
            let ok = BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                                           input.count, input.bytePointer, &n,
                                           UnsafeMutableRawBufferPointer(buf).bytePointer)
            guard ok == BROTLI_TRUE else { throw ParquetCompression.error(codec, "brotli compression failed") }
            count = n
        }
    }
}
