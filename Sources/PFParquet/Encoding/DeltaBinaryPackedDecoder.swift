import PFColumnar

/// Decoder of DELTA_BINARY_PACKED (INT32 and INT64), with wrapping arithmetic.
///
/// Layout: header `<block size> <miniblocks per block> <total values> <first value (zigzag)>`,
/// then blocks of `<min delta (zigzag)> <one bit-width byte per miniblock> <miniblocks>`.
/// The decoder borrows its bytes. After all values are decoded, ``bytesConsumed`` is the
/// offset just past the encoded data (DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY store
/// more data after it).
public struct DeltaBinaryPackedDecoder {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0
    /// Values per block.
    public let blockSize: Int
    /// Miniblocks per block.
    public let miniblocksPerBlock: Int
    /// Total number of values encoded.
    public let totalValues: Int
    private let valuesPerMiniblock: Int
    private var valuesLeft: Int          // not yet returned
    private var last: Int64
    private var firstPending = true
    private var minDelta: Int64 = 0
    private var bitWidths: [UInt8]
    private var miniblockIndex = 0       // next miniblock in the current block
    private var blockActive = false
    private var buffer: [UInt64]         // unpacked deltas of the current miniblock
    private var bufferPos = 0
    private var bufferCount = 0

    /// Largest block size accepted (the format allows any multiple of 128).
    public static let maxBlockSize = 1 << 16

    /// Reads the header of `data`.
    public init(_ data: UnsafeRawBufferPointer) throws {
        let b0 = data.bytePointer
        let e0 = data.count
        var p0 = 0
        func varint() throws -> UInt64 {
            var r: UInt64 = 0, s: UInt64 = 0
            while true {
                guard p0 < e0 else { throw PFError.format("DELTA_BINARY_PACKED: truncated header") }
                let b = b0[p0]; p0 += 1
                r |= UInt64(b & 0x7F) << s
                if b & 0x80 == 0 { return r }
                s += 7
                if s > 63 { throw PFError.format("DELTA_BINARY_PACKED: varint too long") }
            }
        }
        let bs = try varint(), mb = try varint(), total = try varint()
        let zz = try varint()
        guard bs > 0, bs % 128 == 0, bs <= UInt64(Self.maxBlockSize) else {
            throw PFError.format("DELTA_BINARY_PACKED: invalid block size \(bs)")
        }
        guard mb > 0, bs % mb == 0, (bs / mb) % 32 == 0 else {
            throw PFError.format("DELTA_BINARY_PACKED: invalid miniblock count \(mb) for block size \(bs)")
        }
        guard total <= UInt64(Int32.max) else {
            throw PFError.format("DELTA_BINARY_PACKED: value count \(total) too large")
        }
        base = b0
        end = e0
        pos = p0
        blockSize = Int(bs)
        miniblocksPerBlock = Int(mb)
        totalValues = Int(total)
        valuesPerMiniblock = Int(bs / mb)
        valuesLeft = Int(total)
        last = Int64(bitPattern: (zz >> 1) ^ (0 &- (zz & 1)))
        bitWidths = [UInt8](repeating: 0, count: Int(mb))
        buffer = [UInt64](repeating: 0, count: Int(bs / mb))
    }

    /// Byte offset just past the data consumed so far (past all data once every value is read).
    public var bytesConsumed: Int { pos }

    /// Values not yet decoded.
    public var remaining: Int { valuesLeft }

    private mutating func readBlockHeader() throws {
        var r: UInt64 = 0, s: UInt64 = 0
        while true {
            guard pos < end else { throw PFError.format("DELTA_BINARY_PACKED: truncated block header") }
            let b = base[pos]; pos += 1
            r |= UInt64(b & 0x7F) << s
            if b & 0x80 == 0 { break }
            s += 7
            if s > 63 { throw PFError.format("DELTA_BINARY_PACKED: varint too long") }
        }
        minDelta = Int64(bitPattern: (r >> 1) ^ (0 &- (r & 1)))
        guard end - pos >= miniblocksPerBlock else {
            throw PFError.format("DELTA_BINARY_PACKED: truncated miniblock bit widths")
        }
        for i in 0..<miniblocksPerBlock {
            let w = base[pos + i]
            bitWidths[i] = w
        }
        pos += miniblocksPerBlock
        miniblockIndex = 0
        blockActive = true
    }

    private mutating func loadMiniblock() throws {
        if !blockActive || miniblockIndex == miniblocksPerBlock { try readBlockHeader() }
        let w = Int(bitWidths[miniblockIndex])
        guard w <= 64 else { throw PFError.format("DELTA_BINARY_PACKED: miniblock bit width \(w) over 64") }
        miniblockIndex += 1
        if miniblockIndex == miniblocksPerBlock { blockActive = false }
        let needed = min(valuesPerMiniblock, valuesLeft)    // deltas still to return
        let full = valuesPerMiniblock * w / 8
        let minimal = (needed * w + 7) / 8
        let avail = end - pos
        guard minimal <= avail else {
            throw PFError.format("DELTA_BINARY_PACKED: miniblock of \(minimal) bytes exceeds the \(avail) bytes left")
        }
        let groups = (needed + 7) / 8
        let src = base + pos
        let availableForUnpack = min(full, avail)
        buffer.withUnsafeMutableBufferPointer { b in
            guard let p = b.baseAddress else { return }
            BitUnpacking.unpack64(src, available: availableForUnpack, bitWidth: w, groups: groups, into: p)
        }
        pos += min(full, avail)
        bufferPos = 0
        bufferCount = needed
    }

    /// Decodes up to `count` values as Int64 into `out`; returns how many were decoded.
    public mutating func decode(into out: UnsafeMutablePointer<Int64>, count: Int) throws -> Int {
        var done = 0
        let want = min(count, valuesLeft)
        if want > 0 && firstPending {
            out[0] = last
            firstPending = false
            done = 1
            valuesLeft -= 1
        }
        while done < want {
            if bufferPos == bufferCount { try loadMiniblock() }
            let n = min(bufferCount - bufferPos, want - done)
            var v = last
            let md = UInt64(bitPattern: minDelta)
            buffer.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    v = Int64(bitPattern: UInt64(bitPattern: v) &+ md &+ b[bufferPos + i])
                    out[done + i] = v
                }
            }
            last = v
            bufferPos += n
            done += n
            valuesLeft -= n
        }
        if valuesLeft == 0 && !firstPending { try finish() }
        return done
    }

    /// After the last value: skip the bit-width-only miniblocks of the final block.
    private mutating func finish() throws {
        // Bit widths of unused miniblocks were already consumed with the block header;
        // their data is absent by the format's definition.
        blockActive = false
    }

    /// Decodes up to `count` values as Int32 (wrapping) into `out`; returns how many.
    public mutating func decode(into out: UnsafeMutablePointer<Int32>, count: Int) throws -> Int {
        var tmp = [Int64](repeating: 0, count: min(count, 4096))
        var done = 0
        while done < count {
            let n = try tmp.withUnsafeMutableBufferPointer { b -> Int in
                guard let p = b.baseAddress else { return 0 }
                return try decode(into: p, count: min(b.count, count - done))
            }
            if n == 0 { break }
            tmp.withUnsafeBufferPointer { b in
                for i in 0..<n { out[done + i] = Int32(truncatingIfNeeded: b[i]) }
            }
            done += n
        }
        return done
    }

    /// Decodes all remaining values as Int64.
    public mutating func decodeAll() throws -> [Int64] {
        let n = valuesLeft
        var out = [Int64](repeating: 0, count: n)
        let got = try out.withUnsafeMutableBufferPointer { b -> Int in
            guard let p = b.baseAddress else { return 0 }
            return try decode(into: p, count: n)
        }
        guard got == n else { throw PFError.format("DELTA_BINARY_PACKED: decoded \(got) of \(n) values") }
        return out
    }
}
