import CCodecs

/// LZ4 (deprecated codec 5): Hadoop block framing (big-endian decompressed size and
/// compressed size before each LZ4 block). Like other readers, falls back to a raw LZ4
/// block and then to the LZ4 frame format when the framing does not fit.
public struct Lz4HadoopCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.lz4`.
    public var codec: ParquetCompressionCodec { .lz4 }

    /// Decompresses Hadoop-framed, raw or framed LZ4 into exactly `output.count` bytes.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if input.count == 0 && output.count == 0 { return }
        try ParquetCompression.checkRatio(codec, input: input.count, output: output.count, maxRatio: 256)
        if Lz4HadoopCodec.decodeHadoop(input, into: output) { return }
        if let n = Lz4RawCodec.decodeBlock(input, into: output), n == output.count { return }
        if Lz4HadoopCodec.decodeFrame(input, into: output) { return }
        throw ParquetCompression.error(codec, "data is neither Hadoop-framed, raw nor framed LZ4 "
                                       + "of \(output.count) bytes")
    }

    static func bigEndian32(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int {
        Int(p[at]) << 24 | Int(p[at + 1]) << 16 | Int(p[at + 2]) << 8 | Int(p[at + 3])
    }

    /// Hadoop framing; returns false when the input is not entirely valid framing.
    static func decodeHadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var inPos = 0, outPos = 0
        while input.count - inPos >= 8 {
            let dsize = bigEndian32(input, inPos)
            let csize = bigEndian32(input, inPos + 4)
            inPos += 8
            guard csize <= input.count - inPos, dsize <= output.count - outPos else { return false }
            let block = UnsafeRawBufferPointer(rebasing: input[inPos..<(inPos + csize)])
            let out = UnsafeMutableRawBufferPointer(rebasing: output[outPos..<(outPos + dsize)])
            guard let n = Lz4RawCodec.decodeBlock(block, into: out), n == dsize else { return false }
            inPos += csize
            outPos += dsize
        }
        return inPos == input.count && outPos == output.count
    }

    /// LZ4 frame format; returns false on any error or size mismatch.
    static func decodeFrame(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var ctx: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&ctx, UInt32(LZ4F_VERSION))) == 0,
              let dctx = ctx else { return false }
        defer { LZ4F_freeDecompressionContext(dctx) }
        var inPos = 0, outPos = 0
        while inPos < input.count {
            var srcSize = input.count - inPos
            var dstSize = output.count - outPos
            let hint = LZ4F_decompress(dctx, output.bytePointer + outPos, &dstSize,
                                       input.bytePointer + inPos, &srcSize, nil)
            if LZ4F_isError(hint) != 0 { return false }
            inPos += srcSize
            outPos += dstSize
            if hint == 0 { break }
            if srcSize == 0 && dstSize == 0 { return false }
        }
        return inPos == input.count && outPos == output.count
    }

    /// Compresses with Hadoop framing (one block).
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        let body = try Lz4RawCodec().compress(input, level: level)
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 8)
        for v in [input.count, body.count] {
            out.append(contentsOf: [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16),
                                    UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)])
        }
        out.append(contentsOf: body)
        return out
    }
}
