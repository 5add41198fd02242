import CCodecs
import PFColumnar

/// GZIP (zlib inflate with gzip/zlib header auto-detection; concatenated members accepted).
public struct GzipCodec: ParquetCodec {
    /// Creates the codec.
    public init() {}
    /// `.gzip`.
    public var codec: ParquetCompressionCodec { .gzip }

    /// Inflates into exactly `output.count` bytes.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        try ParquetCompression.checkRatio(codec, input: input.count, output: output.count, maxRatio: 1100)
        var s = z_stream()
        guard inflateInit2_(&s, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PFError.internalError("inflateInit2 failed")
        }
        defer { inflateEnd(&s) }
        s.next_in = UnsafeMutablePointer(mutating: input.bytePointer)
        s.avail_in = uInt(clamping: input.count)
        s.next_out = output.bytePointer
        s.avail_out = uInt(clamping: output.count)
        guard input.count <= Int(UInt32.max), output.count <= Int(UInt32.max) else {
            throw ParquetCompression.error(codec, "buffer over 4 GiB")
        }
        while true {
            let rc = inflate(&s, Z_NO_FLUSH)
            if rc == Z_STREAM_END {
                // Another gzip member may follow (concatenated members).
                if s.avail_in > 0 && s.avail_out > 0 {
                    guard inflateReset(&s) == Z_OK else { throw ParquetCompression.error(codec, "reset failed") }
                    continue
                }
                break
            }
            if rc == Z_OK { continue }
            if rc == Z_BUF_ERROR && s.avail_out == 0 {
                // Output full: the stream must end here.
                var scratch: UInt8 = 0
                let extra: Int32 = withUnsafeMutablePointer(to: &scratch) { p in
                    s.next_out = p
                    s.avail_out = 1
                    return inflate(&s, Z_NO_FLUSH)
                }
                if extra == Z_STREAM_END && s.avail_out == 1 { break }
                throw ParquetCompression.error(codec, "data decompresses to more than \(output.count) bytes")
            }
            if rc == Z_BUF_ERROR {
                throw ParquetCompression.error(codec, "truncated data: \(s.total_out) of \(output.count) bytes")
            }
            throw ParquetCompression.error(codec, "corrupt data (zlib code \(rc))")
        }
        let produced = output.count - Int(s.avail_out)
        guard produced == output.count else {
            throw ParquetCompression.error(codec, "data decompresses to \(produced) bytes, header says \(output.count)")
        }
    }

    /// Deflates with a gzip header; `level` 0...9 (default 6).
    public func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws -> [UInt8] {
        var s = z_stream()
        let lvl = Int32(max(0, min(9, level ?? 6)))
        guard deflateInit2_(&s, lvl, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PFError.internalError("deflateInit2 failed")
        }
        defer { deflateEnd(&s) }
        let cap = Int(deflateBound(&s, uLong(input.count))) + 32
        return try [UInt8](unsafeUninitializedCapacity: cap) { buf, count in
            s.next_in = UnsafeMutablePointer(mutating: input.bytePointer)
            s.avail_in = uInt(clamping: input.count)
            s.next_out = UnsafeMutableRawBufferPointer(buf).bytePointer
            s.avail_out = uInt(clamping: cap)
            guard deflate(&s, Z_FINISH) == Z_STREAM_END else {
                throw PFError.internalError("gzip compression did not finish")
            }
            count = cap - Int(s.avail_out)
        }
    }
}
