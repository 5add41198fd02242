import CCodecs
import PFColumnar
#if canImport(Glibc)
import Glibc
#endif

/// The compression codecs of Avro object container files (`avro.codec`).
public enum AvroCodec: String, Sendable, CaseIterable {
    case null
    /// Raw deflate (RFC 1951, no zlib or gzip header).
    case deflate
    /// Snappy followed by the big-endian CRC32 of the uncompressed data.
    case snappy
    case zstandard
    case bzip2
    case xz

    /// The codec named in the header; nil/absent means `null`.
    public init(headerValue: String?) throws(PFError) {
        guard let v = headerValue else { self = .null; return }
        guard let c = AvroCodec(rawValue: v) else { throw .unsupported("Avro codec '\(v)'") }
        self = c
    }

    /// Decompresses one block. Output larger than `limit` bytes is rejected as a
    /// decompression bomb (``PFError/format(_:offset:)`` at `offset`); corrupt input is
    /// a format error. `.null` copies nothing: the caller uses the input directly.
    public func decompress(_ input: UnsafeRawBufferPointer, limit: Int = AvroLimits.defaultMaxBlockBytes,
                           offset: Int64 = -1) throws(PFError) -> AvroBlockBuffer {
        let fail = { (what: String) -> PFError in .format("\(self.rawValue) block: \(what)", offset: offset) }
        switch self {
        case .null:
            let b = AvroBlockBuffer(capacity: input.count)
            if input.count > 0, let src = input.baseAddress { memcpy(b.pointer, src, input.count) }
            b.count = input.count
            return b
        case .snappy: return try AvroCodec.snappy(input, limit: limit, fail)
        case .deflate: return try AvroCodec.inflate(input, limit: limit, fail)
        case .zstandard: return try AvroCodec.zstd(input, limit: limit, fail)
        case .bzip2: return try AvroCodec.bunzip2(input, limit: limit, fail)
        case .xz: return try AvroCodec.unxz(input, limit: limit, fail)
        }
    }

    static func bomb(_ limit: Int, _ fail: (String) -> PFError) -> PFError {
        fail("decompressed data exceeds the limit of \(limit) bytes (decompression bomb?)")
    }

    static func snappy(_ input: UnsafeRawBufferPointer, limit: Int, _ fail: (String) -> PFError) throws(PFError) -> AvroBlockBuffer {
        guard input.count >= 4, let base = input.baseAddress else { throw fail("shorter than its 4-byte CRC") }
        let n = input.count - 4
        let src = base.assumingMemoryBound(to: CChar.self)
        var declared = 0
        guard snappy_uncompressed_length(src, n, &declared) == SNAPPY_OK else { throw fail("invalid snappy preamble") }
        guard declared <= limit else { throw bomb(limit, fail) }
        let out = AvroBlockBuffer(capacity: declared)
        var outLen = declared
        guard snappy_uncompress(src, n, out.pointer.assumingMemoryBound(to: CChar.self), &outLen) == SNAPPY_OK,
              outLen == declared else { throw fail("corrupt snappy data") }
        out.count = outLen
        var expected: UInt32 = 0
        for k in 0..<4 { expected = expected << 8 | UInt32(input[n + k]) }
        let actual = UInt32(truncatingIfNeeded: crc32(0, out.pointer.assumingMemoryBound(to: UInt8.self), UInt32(outLen)))
        guard actual == expected else {
            throw fail("CRC32 mismatch: stored \(hex(expected)), computed \(hex(actual))")
        }
        return out
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    static func initialCapacity(_ inputCount: Int, limit: Int) -> Int {
        min(limit, max(64 << 10, inputCount &* 4))
    }

    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int, _ fail: (String) -> PFError) throws(PFError) -> AvroBlockBuffer {
        guard input.count <= Int(UInt32.max) else { throw fail("compressed block larger than 4 GiB") }
        var s = z_stream()
        guard inflateInit2_(&s, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .internalError("inflateInit2 failed")
        }
        defer { inflateEnd(&s) }
        s.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        s.avail_in = UInt32(input.count)
        let out = AvroBlockBuffer(capacity: initialCapacity(input.count, limit: limit))
        while true {
            if out.count == out.capacity { try out.grow(limit: limit, fail) }
            let room = min(out.capacity - out.count, Int(UInt32.max))
            s.next_out = (out.pointer + out.count).assumingMemoryBound(to: UInt8.self)
            s.avail_out = UInt32(room)
            let rc = CCodecs.inflate(&s, Z_NO_FLUSH)
            out.count += room - Int(s.avail_out)
            if rc == Z_STREAM_END { return out }
            if rc == Z_BUF_ERROR && s.avail_in == 0 && s.avail_out > 0 { throw fail("truncated deflate data") }
            guard rc == Z_OK || rc == Z_BUF_ERROR else {
                let msg = s.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw fail("corrupt deflate data: \(msg)")
            }
        }
    }

    static func zstd(_ input: UnsafeRawBufferPointer, limit: Int, _ fail: (String) -> PFError) throws(PFError) -> AvroBlockBuffer {
        guard let ctx = ZSTD_createDCtx() else { throw .internalError("ZSTD_createDCtx failed") }
        defer { ZSTD_freeDCtx(ctx) }
        var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        let out = AvroBlockBuffer(capacity: initialCapacity(input.count, limit: limit))
        var lastRet = 0
        while inBuf.pos < inBuf.size || lastRet != 0 {
            if out.count == out.capacity { try out.grow(limit: limit, fail) }
            var outBuf = ZSTD_outBuffer(dst: out.pointer + out.count, size: out.capacity - out.count, pos: 0)
            let before = inBuf.pos
            let r = ZSTD_decompressStream(ctx, &outBuf, &inBuf)
            if ZSTD_isError(r) != 0 { throw fail("corrupt zstd data: \(String(cString: ZSTD_getErrorName(r)))") }
            out.count += outBuf.pos
            lastRet = r
            if r != 0 && inBuf.pos == inBuf.size && outBuf.pos < outBuf.size && before == inBuf.pos && outBuf.pos == 0 {
                throw fail("truncated zstd data")
            }
        }
        return out
    }

    static func bunzip2(_ input: UnsafeRawBufferPointer, limit: Int, _ fail: (String) -> PFError) throws(PFError) -> AvroBlockBuffer {
        guard input.count <= Int(UInt32.max) else { throw fail("compressed block larger than 4 GiB") }
        var s = bz_stream()
        guard BZ2_bzDecompressInit(&s, 0, 0) == BZ_OK else { throw .internalError("BZ2_bzDecompressInit failed") }
        defer { BZ2_bzDecompressEnd(&s) }
        s.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self))
        s.avail_in = UInt32(input.count)
        let out = AvroBlockBuffer(capacity: initialCapacity(input.count, limit: limit))
        while true {
            if out.count == out.capacity { try out.grow(limit: limit, fail) }
            let room = min(out.capacity - out.count, Int(UInt32.max))
            s.next_out = (out.pointer + out.count).assumingMemoryBound(to: CChar.self)
            s.avail_out = UInt32(room)
            let rc = BZ2_bzDecompress(&s)
            let produced = room - Int(s.avail_out)
            out.count += produced
            if rc == BZ_STREAM_END { return out }
            guard rc == BZ_OK else { throw fail("corrupt bzip2 data (error \(rc))") }
            if s.avail_in == 0 && produced == 0 { throw fail("truncated bzip2 data") }
        }
    }

    static func unxz(_ input: UnsafeRawBufferPointer, limit: Int, _ fail: (String) -> PFError) throws(PFError) -> AvroBlockBuffer {
        var s = lzma_stream()
        // The decoder's own memory is bounded too (256 MiB of dictionary and state).
        guard lzma_stream_decoder(&s, 256 << 20, 0x08 /* LZMA_CONCATENATED */) == LZMA_OK else {
            throw .internalError("lzma_stream_decoder failed")
        }
        defer { lzma_end(&s) }
        s.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        s.avail_in = input.count
        let out = AvroBlockBuffer(capacity: initialCapacity(input.count, limit: limit))
        while true {
            if out.count == out.capacity { try out.grow(limit: limit, fail) }
            let room = out.capacity - out.count
            s.next_out = (out.pointer + out.count).assumingMemoryBound(to: UInt8.self)
            s.avail_out = room
            let rc = lzma_code(&s, LZMA_FINISH)
            let produced = room - s.avail_out
            out.count += produced
            if rc == LZMA_STREAM_END { return out }
            if rc == LZMA_MEMLIMIT_ERROR { throw fail("xz data needs more than 256 MiB of decoder memory") }
            guard rc == LZMA_OK else { throw fail("corrupt xz data (lzma error \(rc.rawValue))") }
            if s.avail_in == 0 && produced == 0 { throw fail("truncated xz data") }
        }
    }
}

/// A heap byte buffer holding one decompressed block (freed on deinit).
public final class AvroBlockBuffer: @unchecked Sendable {
    /// Start of the bytes.
    public private(set) var pointer: UnsafeMutableRawPointer
    /// Allocated bytes.
    public private(set) var capacity: Int
    /// Bytes in use.
    public internal(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        pointer = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { pointer.deallocate() }

    /// The bytes in use.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }

    /// Doubles the capacity, up to `limit`; beyond it the data is a decompression bomb.
    func grow(limit: Int, _ fail: (String) -> PFError) throws(PFError) {
        guard capacity < limit else { throw AvroCodec.bomb(limit, fail) }
        let newCap = min(limit, capacity &* 2)
        let p = UnsafeMutableRawPointer.allocate(byteCount: newCap, alignment: 16)
        if count > 0 { memcpy(p, pointer, count) }
        pointer.deallocate()
        pointer = p
        capacity = newCap
    }
}
