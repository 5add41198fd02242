import CCodecs

/// LZ4_RAW (one LZ4 block without framing).
public struct Lz4RawCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.lz4Raw`.
    public var codec: ParquetCompressionCodec { .lz4Raw }

    /// Decodes one LZ4 block into exactly `output.count` bytes.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if input.count == 0 && output.count == 0 { return }
        try ParquetCompression.checkRatio(codec, input: input.count, output: output.count, maxRatio: 256)
        guard let n = Lz4RawCodec.decodeBlock(input, into: output), n == output.count else {
            throw ParquetCompression.error(codec, "corrupt LZ4 block or size other than \(output.count)")
        }
    }

    /// Decodes one block; returns the number of bytes produced or nil on error.
    static func decodeBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard input.count <= Int(Int32.max), output.count <= Int(Int32.max) else { return nil }
        let src = UnsafeRawPointer(input.bytePointer).assumingMemoryBound(to: CChar.self)
        let dst = UnsafeMutableRawPointer(output.bytePointer).assumingMemoryBound(to: CChar.self)
        let n = LZ4_decompress_safe(src, dst, Int32(input.count), Int32(output.count))
        return n < 0 ? nil : Int(n)
    }

    /// Compresses one LZ4 block.
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw ParquetCompression.error(codec, "input of \(input.count) bytes too large for LZ4")
        }
        let cap = Int(LZ4_compressBound(Int32(input.count)))
        let src = UnsafeRawPointer(input.bytePointer).assumingMemoryBound(to: CChar.self)
        return try [UInt8](unsafeUninitializedCapacity: max(cap, 1)) { buf, count in
            let dst = UnsafeMutableRawPointer(UnsafeMutableRawBufferPointer(buf).bytePointer)
                .assumingMemoryBound(to: CChar.self)
            let n = LZ4_compress_default(src, dst, Int32(input.count), Int32(cap))
            guard n > 0 || input.count == 0 else {
                throw ParquetCompression.error(codec, "LZ4 compression failed")
            }
            count = Int(n)
        }
    }
}
