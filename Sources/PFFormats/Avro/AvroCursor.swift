import PFColumnar

/// Reads Avro binary encoding from a byte range (Avro 1.11 "Binary Encoding").
///
/// Every read checks the remaining length; malformed input raises
/// ``PFError/format(_:offset:)`` with the file offset of the failing byte (for compressed
/// blocks, the offset of the block plus the position in its decompressed data).
public struct AvroCursor {
    @usableFromInline var p: UnsafeRawPointer
    @usableFromInline let end: UnsafeRawPointer
    @usableFromInline let start: UnsafeRawPointer
    /// File offset of the first byte (for error messages).
    public let fileOffset: Int64
    /// Description of the data ("block at byte N, decompressed") for error messages.
    let context: String

    /// A cursor over `bytes`; `fileOffset` is the file offset of `bytes[0]`.
    public init(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64 = 0, context: String = "") {
        let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 0x10)!
        start = base
        p = base
        end = base + bytes.count
        self.fileOffset = fileOffset
        self.context = context
    }

    /// Bytes not read yet.
    @inlinable public var remaining: Int { end - p }
    /// Bytes read so far.
    @inlinable public var position: Int { p - start }

    /// A format error at the current position.
    public func error(_ what: String) -> PFError {
        let ctx = context.isEmpty ? "" : " (\(context), byte \(position) of the block data)"
        return .format(what + ctx, offset: fileOffset + Int64(position))
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    @inlinable
    public mutating func readVarint() throws(PFError) -> UInt64 {
        // Fast path: one byte.
        if p < end {
            let b = p.load(as: UInt8.self)
            if b < 0x80 { p += 1; return UInt64(b) }
        }
        return try readVarintSlow()
    }

    @usableFromInline
    mutating func readVarintSlow() throws(PFError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var q = p
        while true {
            guard q < end else { throw error("truncated varint") }
            let b = q.load(as: UInt8.self)
            q += 1
            if shift == 63 && b > 1 { throw error("varint longer than 10 bytes / overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            if shift > 63 { throw error("varint longer than 10 bytes") }
        }
        p = q
        return result
    }

    /// Reads a zigzag-encoded `long`.
    @inlinable
    public mutating func readLong() throws(PFError) -> Int64 {
        AvroZigZag.decode(try readVarint())
    }

    /// Reads a zigzag-encoded `int` (rejects values outside the 32-bit range).
    @inlinable
    public mutating func readInt() throws(PFError) -> Int32 {
        let v = try readLong()
        guard let i = Int32(exactly: v) else { throw error("int value \(v) outside the 32-bit range") }
        return i
    }

    /// Reads `n` raw bytes (little-endian scalar helpers below build on it).
    @inlinable
    public mutating func readBytes(_ n: Int) throws(PFError) -> UnsafeRawBufferPointer {
        guard n >= 0, n <= end - p else { throw error("\(n) bytes requested but only \(end - p) remain") }
        let r = UnsafeRawBufferPointer(start: p, count: n)
        p += n
        return r
    }

    /// Reads a length-prefixed byte string (`bytes` or `string`).
    @inlinable
    public mutating func readLengthPrefixed() throws(PFError) -> UnsafeRawBufferPointer {
        let n = try readLong()
        guard n >= 0 else { throw error("negative length \(n)") }
        guard n <= Int64(end - p) else { throw error("length \(n) exceeds the \(end - p) remaining bytes") }
        let r = UnsafeRawBufferPointer(start: p, count: Int(n))
        p += Int(n)
        return r
    }

    /// Reads a little-endian IEEE 754 float.
    @inlinable
    public mutating func readFloat() throws(PFError) -> Float {
        guard end - p >= 4 else { throw error("truncated float") }
        let v = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
        p += 4
        return Float(bitPattern: v)
    }

    /// Reads a little-endian IEEE 754 double.
    @inlinable
    public mutating func readDouble() throws(PFError) -> Double {
        guard end - p >= 8 else { throw error("truncated double") }
        let v = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        p += 8
        return Double(bitPattern: v)
    }

    /// Reads a boolean (one byte, 0 or 1).
    @inlinable
    public mutating func readBoolean() throws(PFError) -> Bool {
        guard p < end else { throw error("truncated boolean") }
        let b = p.load(as: UInt8.self)
        guard b <= 1 else { throw error("boolean byte \(b) is neither 0 nor 1") }
        p += 1
        return b == 1
    }

    /// Skips `n` bytes.
    @inlinable
    public mutating func skip(_ n: Int) throws(PFError) {
        guard n >= 0, n <= end - p else { throw error("cannot skip \(n) bytes, \(end - p) remain") }
        p += n
    }

    /// Reads the count of the next array/map block: a negative count is followed by the
    /// block's byte size, returned as `byteSize` (nil otherwise). `minItemSize` bounds the
    /// count by the remaining bytes.
    @inlinable
    public mutating func readBlockCount(minItemSize: Int) throws(PFError) -> (count: Int, byteSize: Int?) {
        let c = try readLong()
        if c >= 0 {
            try checkCount(c, minItemSize: minItemSize)
            return (Int(c), nil)
        }
        guard c != Int64.min else { throw error("invalid block count") }
        let size = try readLong()
        guard size >= 0, size <= Int64(end - p) else { throw error("block byte size \(size) outside 0...\(end - p)") }
        try checkCount(-c, minItemSize: minItemSize)
        return (Int(-c), Int(size))
    }

    @usableFromInline
    func checkCount(_ c: Int64, minItemSize: Int) throws(PFError) {
        if minItemSize > 0 {
            guard c <= Int64((end - p) / minItemSize) else {
                throw error("block count \(c) exceeds what the \(end - p) remaining bytes can hold")
            }
        } else {
            guard c <= AvroLimits.maxZeroSizeItems else {
                throw error("block count \(c) of zero-size items exceeds the limit of \(AvroLimits.maxZeroSizeItems)")
            }
        }
    }
}

/// Zigzag encoding of signed integers (Avro `int` and `long`).
public enum AvroZigZag {
    /// Maps a zigzag-encoded value back to a signed one.
    @inlinable
    public static func decode(_ u: UInt64) -> Int64 {
        Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Maps a signed value to its zigzag encoding.
    @inlinable
    public static func encode(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v << 1) ^ (v >> 63))
    }

    /// The varint bytes of a zigzag-encoded `long` (for tests and writers).
    public static func encodeLong(_ v: Int64) -> [UInt8] {
        var u = encode(v)
        var out: [UInt8] = []
        while u >= 0x80 { out.append(UInt8(u & 0x7F) | 0x80); u >>= 7 }
        out.append(UInt8(u))
        return out
    }
}

/// Bounds that keep hostile files from exhausting memory or time.
public enum AvroLimits {
    /// The most items an array/map block or a container block may declare when the item
    /// type encodes in zero bytes (null, empty records).
    public static let maxZeroSizeItems: Int64 = 1 << 24
    /// Default bound on one decompressed container block (256 MiB).
    public static let defaultMaxBlockBytes = 256 << 20
    /// The most bytes the file header (magic, metadata, sync) may take (64 MiB).
    public static let maxHeaderBytes = 64 << 20
}
