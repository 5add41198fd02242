import PFColumnar

/// One compression codec: decompression into an exactly-sized buffer, and compression.
public protocol ParquetCodec: Sendable {
    /// The Parquet codec this implements.
    var codec: ParquetCompressionCodec { get }

    /// Decompresses `input` into `output`, whose size is the exact expected decompressed size.
    /// - Throws: `PFError.format` when the data is corrupt or decompresses to another size.
    func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws

    /// Compresses `input`. `level` is codec-specific (nil: the codec's default).
    func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8]
}

/// Entry points for page (de)compression.
public enum ParquetCompression {
    /// The largest decompressed page accepted (2 GiB - 1, the range of `uncompressed_page_size`).
    public static let maxDecompressedSize = Int(Int32.max)

    /// The implementation of `codec`.
    /// - Throws: `.unsupported` for LZO and unknown codecs.
    public static func codec(_ codec: ParquetCompressionCodec) throws -> any ParquetCodec {
        switch codec {
        case .uncompressed: return UncompressedCodec()
        case .snappy: return SnappyCodec()
        case .gzip: return GzipCodec()
        case .zstd: return ZstdCodec()
        case .lz4: return Lz4HadoopCodec()
        case .lz4Raw: return Lz4RawCodec()
        case .brotli: return BrotliCodec()
        case .lzo: throw PFError.unsupported("LZO compression")
        case .unknown(let v): throw PFError.unsupported("compression codec \(v)")
        }
    }

    /// Decompresses `input` into a new buffer of exactly `uncompressedSize` bytes.
    /// - Throws: `.format` for a negative or absurd size, corrupt data or a size mismatch.
    public static func decompress(_ codec: ParquetCompressionCodec, _ input: UnsafeRawBufferPointer,
                                  uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0, uncompressedSize <= maxDecompressedSize else {
            throw PFError.format("\(codec): declared decompressed size \(uncompressedSize) is out of range")
        }
        let impl = try self.codec(codec)
        return try [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buf, count in
            try impl.decompress(input, into: UnsafeMutableRawBufferPointer(buf))
            count = uncompressedSize
        }
    }

    /// Decompresses a byte array (convenience for tests and small buffers).
    public static func decompress(_ codec: ParquetCompressionCodec, _ input: [UInt8],
                                  uncompressedSize: Int) throws -> [UInt8] {
        try input.withUnsafeBytes { try decompress(codec, $0, uncompressedSize: uncompressedSize) }
    }

    /// Compresses `input` with `codec` at `level` (nil: default).
    public static func compress(_ codec: ParquetCompressionCodec, _ input: UnsafeRawBufferPointer,
                                level: Int? = nil) throws -> [UInt8] {
        try self.codec(codec).compress(input, level: level)
    }

    /// Compresses a byte array.
    public static func compress(_ codec: ParquetCompressionCodec, _ input: [UInt8],
                                level: Int? = nil) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress(codec, $0, level: level) }
    }

    /// A format error naming the codec.
    static func error(_ codec: ParquetCompressionCodec, _ what: String) -> PFError {
        .format("\(codec) decompression: \(what)")
    }

    /// Rejects declared sizes that the codec's maximum compression ratio cannot produce,
    /// before any work is done.
    static func checkRatio(_ codec: ParquetCompressionCodec, input: Int, output: Int,
                           maxRatio: Int) throws {
        let (limit, o) = input.multipliedReportingOverflow(by: maxRatio)
        if !o && output > limit &+ 65536 {
            throw error(codec, "declared size \(output) is impossible for \(input) compressed bytes")
        }
    }
}
