/// Encoder of DELTA_BINARY_PACKED with blocks of 128 values in 4 miniblocks of 32.
///
/// INT32 data is encoded with 32-bit wrapping deltas so that every miniblock bit width stays
/// at most 32, as readers of INT32 columns expect.
public enum DeltaBinaryPackedEncoder {
    /// Block size used.
    public static let blockSize = 128
    /// Miniblocks per block used.
    public static let miniblocks = 4

    /// Appends the encoding of INT64 values.
    public static func encode(_ values: [Int64], into out: inout [UInt8]) {
        encode(values.map { UInt64(bitPattern: $0) }, width: 64, into: &out)
    }

    /// Appends the encoding of INT32 values.
    public static func encode(_ values: [Int32], into out: inout [UInt8]) {
        encode(values.map { UInt64(UInt32(bitPattern: $0)) }, width: 32, into: &out)
    }

    /// Core: values are `width`-bit two's complement patterns in the low bits.
    static func encode(_ values: [UInt64], width: Int, into out: inout [UInt8]) {
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        func signed(_ u: UInt64) -> Int64 {
            width == 64 ? Int64(bitPattern: u) : Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: u)))
        }
        RleBitPackedHybridEncoder.writeVarint(UInt64(blockSize), into: &out)
        RleBitPackedHybridEncoder.writeVarint(UInt64(miniblocks), into: &out)
        RleBitPackedHybridEncoder.writeVarint(UInt64(values.count), into: &out)
        let first = values.first.map(signed) ?? 0
        RleBitPackedHybridEncoder.writeVarint(UInt64(bitPattern: (first << 1) ^ (first >> 63)), into: &out)
        if values.count <= 1 { return }
        var deltas: [Int64] = []
        deltas.reserveCapacity(values.count - 1)
        for i in 1..<values.count { deltas.append(signed((values[i] &- values[i - 1]) & mask)) }
        let perMini = blockSize / miniblocks
        var start = 0
        while start < deltas.count {
            let block = deltas[start..<min(start + blockSize, deltas.count)]
            let minDelta = block.min() ?? 0
            RleBitPackedHybridEncoder.writeVarint(UInt64(bitPattern: (minDelta << 1) ^ (minDelta >> 63)), into: &out)
            var packed: [[UInt64]] = []
            var widths: [UInt8] = []
            for m in 0..<miniblocks {
                let lo = block.startIndex + m * perMini
                if lo >= block.endIndex { widths.append(0); packed.append([]); continue }
                let mb = block[lo..<min(lo + perMini, block.endIndex)].map {
                    (UInt64(bitPattern: $0) &- UInt64(bitPattern: minDelta)) & mask
                }
                let w = BitUnpacking.bitWidth(of: mb.reduce(0, |))
                widths.append(UInt8(w))
                packed.append(mb + [UInt64](repeating: 0, count: perMini - mb.count))
            }
            out.append(contentsOf: widths)
            for m in 0..<miniblocks where !packed[m].isEmpty {
                BitUnpacking.pack(packed[m], bitWidth: Int(widths[m]), into: &out)
            }
            start += blockSize
        }
    }
}
