import PFColumnar

/// Decoder of the RLE / bit-packed hybrid encoding (definition and repetition levels,
/// dictionary indices, RLE booleans).
///
/// The data is a sequence of runs, each introduced by a ULEB128 header: `(n << 1) | 1` is a
/// bit-packed run of `n` groups of 8 values, `n << 1` a run of `n` copies of one value stored
/// in `ceil(bitWidth / 8)` little-endian bytes. The decoder borrows its bytes: keep them alive
/// while it is used. A bit-packed run truncated by the end of the data yields the values its
/// bytes hold.
public struct RleBitPackedHybridDecoder {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos: Int = 0
    /// Bits per value (0...32).
    public let bitWidth: Int
    private var repeatLeft = 0
    private var repeatValue: UInt32 = 0
    private var literalLeft = 0          // values left in the current bit-packed run
    private var literalGroupByte = 0      // byte offset of the current group
    private var literalIndexInGroup = 0   // 0..<8
    private var group: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    private let encodingName: String

    /// Creates a decoder over `data` (no length prefix) for values of `bitWidth` bits.
    /// - Throws: `.format` when `bitWidth` is outside 0...32.
    public init(_ data: UnsafeRawBufferPointer, bitWidth: Int, encodingName: String = "RLE") throws {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw PFError.format("\(encodingName): bit width \(bitWidth) outside 0...32")
        }
        self.base = data.bytePointer
        self.end = data.count
        self.bitWidth = bitWidth
        self.encodingName = encodingName
    }

    /// A decoder for level data that starts with a 4-byte little-endian length (data page v1);
    /// also returns the number of bytes used including the prefix.
    public static func withLengthPrefix(_ data: UnsafeRawBufferPointer,
                                        bitWidth: Int) throws -> (RleBitPackedHybridDecoder, Int) {
        guard data.count >= 4 else { throw PFError.format("RLE levels: missing 4-byte length prefix") }
        let len = Int(data[0]) | Int(data[1]) << 8 | Int(data[2]) << 16 | Int(data[3]) << 24
        guard len <= data.count - 4 else {
            throw PFError.format("RLE levels: length \(len) exceeds the \(data.count - 4) bytes left")
        }
        let d = try RleBitPackedHybridDecoder(UnsafeRawBufferPointer(rebasing: data[4..<(4 + len)]),
                                              bitWidth: bitWidth)
        return (d, 4 + len)
    }

    /// A decoder for RLE_DICTIONARY / PLAIN_DICTIONARY indices: a bit-width byte, then the runs.
    public static func dictionaryIndices(_ data: UnsafeRawBufferPointer) throws -> RleBitPackedHybridDecoder {
        guard data.count >= 1 else { throw PFError.format("RLE_DICTIONARY: missing bit-width byte") }
        let w = Int(data[0])
        guard w <= 32 else { throw PFError.format("RLE_DICTIONARY: bit width \(w) over 32") }
        return try RleBitPackedHybridDecoder(UnsafeRawBufferPointer(rebasing: data[1...]), bitWidth: w,
                                             encodingName: "RLE_DICTIONARY")
    }

    private mutating func readHeader() throws -> Bool {
        guard pos < end else { return false }
        var header: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < end else { throw PFError.format("\(encodingName): truncated run header") }
            let b = base[pos]
            pos &+= 1
            header |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift &+= 7
            if shift > 63 { throw PFError.format("\(encodingName): run header varint too long") }
        }
        if header & 1 == 1 {
            let groups = header >> 1
            let bytesLeft = end &- pos
            // Values the remaining bytes can hold (a final run may be truncated).
            let (fullBytes, o) = Int(clamping: groups).multipliedReportingOverflow(by: bitWidth)
            let availableGroups = bitWidth == 0 ? Int(clamping: groups) : min(Int(clamping: groups), bytesLeft / bitWidth)
            if !o && fullBytes <= bytesLeft {
                literalLeft = Int(clamping: groups) &* 8
            } else {
                // Truncated run: whole groups that fit, then the values of a partial group.
                let partialBits = (bytesLeft - availableGroups * bitWidth) * 8
                literalLeft = availableGroups * 8 + (bitWidth == 0 ? 0 : min(7, partialBits / bitWidth))
            }
            literalGroupByte = pos
            literalIndexInGroup = 0
            if literalLeft > 0 { loadGroup() }
            let (consumed, o2) = Int(clamping: groups).multipliedReportingOverflow(by: bitWidth)
            pos = (o2 || consumed > bytesLeft) ? end : pos &+ consumed
        } else {
            repeatLeft = Int(clamping: header >> 1)
            let nbytes = (bitWidth + 7) / 8
            guard nbytes <= end &- pos else { throw PFError.format("\(encodingName): truncated RLE run value") }
            var v: UInt32 = 0
            for i in 0..<nbytes { v |= UInt32(base[pos &+ i]) << UInt32(8 &* i) }
            pos &+= nbytes
            repeatValue = v
        }
        return true
    }

    private mutating func loadGroup() {
        withUnsafeMutableBytes(of: &group) { g in
            guard let raw = g.baseAddress else { return }
            let dst = raw.assumingMemoryBound(to: UInt32.self)
            BitUnpacking.unpack32(base + literalGroupByte, available: end &- literalGroupByte,
                                  bitWidth: bitWidth, groups: 1, into: dst)
        }
    }

    /// Decodes up to `count` values into `out`; returns how many were decoded (fewer only at
    /// the end of the data).
    public mutating func decode(into out: UnsafeMutablePointer<UInt32>, count: Int) throws -> Int {
        var done = 0
        while done < count {
            if repeatLeft > 0 {
                let n = min(repeatLeft, count &- done)
                (out + done).update(repeating: repeatValue, count: n)
                done &+= n
                repeatLeft &-= n
            } else if literalLeft > 0 {
                if literalIndexInGroup == 0 && literalLeft >= 8 && count &- done >= 8 {
                    // Whole groups straight into the output.
                    let groups = min(literalLeft, count &- done) / 8
                    BitUnpacking.unpack32(base + literalGroupByte, available: end &- literalGroupByte,
                                          bitWidth: bitWidth, groups: groups, into: out + done)
                    done &+= groups &* 8
                    literalLeft &-= groups &* 8
                    literalGroupByte &+= groups &* bitWidth
                    if literalLeft > 0 { loadGroup() }
                } else {
                    let n = min(min(literalLeft, 8 &- literalIndexInGroup), count &- done)
                    withUnsafeBytes(of: &group) { g in
                        guard let raw = g.baseAddress else { return }
                        let src = raw.assumingMemoryBound(to: UInt32.self)
                        (out + done).update(from: src + literalIndexInGroup, count: n)
                    }
                    done &+= n
                    literalLeft &-= n
                    literalIndexInGroup &+= n
                    if literalIndexInGroup == 8 {
                        literalIndexInGroup = 0
                        literalGroupByte &+= bitWidth
                        if literalLeft > 0 { loadGroup() }
                    }
                }
            } else if try !readHeader() {
                break
            }
        }
        return done
    }

    /// Decodes exactly `count` values into `out`.
    /// - Throws: `.format` when the data ends early.
    public mutating func decodeExactly(into out: UnsafeMutablePointer<UInt32>, count: Int) throws {
        let n = try decode(into: out, count: count)
        guard n == count else {
            throw PFError.format("\(encodingName): data holds \(n) values, \(count) expected")
        }
    }

    /// Decodes exactly `count` values and appends them to `out`.
    public mutating func decode(count: Int, appendingTo out: inout [UInt32]) throws {
        guard count >= 0 else { throw PFError.invalidArgument("negative count") }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        try out.withUnsafeMutableBufferPointer { b in
            guard let p = b.baseAddress else { return }
            try decodeExactly(into: p + start, count: count)
        }
    }

    /// Decodes exactly `count` dictionary indices, checking each against `dictionarySize`.
    public mutating func decodeIndices(into out: UnsafeMutablePointer<UInt32>, count: Int,
                                       dictionarySize: Int) throws {
        try decodeExactly(into: out, count: count)
        // A maximum over the block (vectorized), not a search loop with a branch per index.
        var largest: UInt32 = 0
        for i in 0..<count { largest = max(largest, out[i]) }
        if count > 0 && Int(largest) >= dictionarySize {
            throw PFError.format("\(encodingName): index out of range for a dictionary of \(dictionarySize) entries")
        }
    }

    /// Skips `count` values; returns how many were skipped.
    public mutating func skip(_ count: Int) throws -> Int {
        var left = count
        var scratch = [UInt32](repeating: 0, count: min(count, 1024))
        while left > 0 {
            let n = try scratch.withUnsafeMutableBufferPointer { b -> Int in
                guard let p = b.baseAddress else { return 0 }
                return try decode(into: p, count: min(left, b.count))
            }
            if n == 0 { break }
            left -= n
        }
        return count - left
    }
}
