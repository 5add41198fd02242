/// UNCOMPRESSED: a size-checked copy.
public struct UncompressedCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.uncompressed`.
    public var codec: ParquetCompressionCodec { .uncompressed }

    /// Copies `input`, which must have exactly the output size.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard input.count == output.count else {
            throw ParquetCompression.error(codec, "page holds \(input.count) bytes, header says \(output.count)")
        }
        if let src = input.baseAddress, let dst = output.baseAddress {
            dst.copyMemory(from: src, byteCount: input.count)
        }
    }

    /// Returns a copy of `input`.
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        [UInt8](input)
    }
}
