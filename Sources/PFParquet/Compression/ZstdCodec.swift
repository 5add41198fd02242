import CCodecs

/// ZSTD (one or more zstd frames).
public struct ZstdCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.zstd`.
    public var codec: ParquetCompressionCodec { .zstd }

    /// Decompresses; a frame content size in the header must match before any work is done.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if input.count == 0 && output.count == 0 { return }
        let declared = ZSTD_getFrameContentSize(input.bytePointer, input.count)
        // ZSTD_CONTENTSIZE_ERROR = -2, ZSTD_CONTENTSIZE_UNKNOWN = -1 (as unsigned long long)
        if declared == UInt64.max - 1 {
            throw ParquetCompression.error(codec, "not a zstd frame")
        }
        if declared != UInt64.max && declared > UInt64(output.count) {
            throw ParquetCompression.error(codec, "frame holds \(declared) bytes, header says \(output.count)")
        }
        let n = ZSTD_decompress(output.bytePointer, output.count, input.bytePointer, input.count)
        if ZSTD_isError(n) != 0 {
            let name = String(cString: ZSTD_getErrorName(n))
            throw ParquetCompression.error(codec, "\(name) (expected \(output.count) bytes)")
        }
        guard n == output.count else {
            throw ParquetCompression.error(codec, "data decompresses to \(n) bytes, header says \(output.count)")
        }
    }

    /// Compresses at `level` (default 3; clamped to the library's range).
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let cap = ZSTD_compressBound(input.count)
        let lvl = Int32(max(Int(ZSTD_minCLevel()), min(Int(ZSTD_maxCLevel()), level ?? 3)))
        return try [UInt8](unsafeUninitializedCapacity: cap) { buf, count in
            let n = ZSTD_compress(UnsafeMutableRawBufferPointer(buf).bytePointer, cap,
                                  input.bytePointer, input.count, lvl)
            if ZSTD_isError(n) != 0 {
                throw ParquetCompression.error(codec, "compression failed: \(String(cString: ZSTD_getErrorName(n)))")
            }
            count = n
        }
    }
}
