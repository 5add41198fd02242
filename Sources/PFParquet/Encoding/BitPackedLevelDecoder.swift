import PFColumnar

/// Decoder of the deprecated BIT_PACKED level encoding: values packed MSB-first, without
/// run headers (`ceil(count * bitWidth / 8)` bytes).
public enum BitPackedLevelDecoder {
    /// Decodes `count` levels of `bitWidth` bits from `data` into `out`; returns bytes used.
    @discardableResult
    public static func decode(_ data: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
                              into out: UnsafeMutablePointer<UInt32>) throws -> Int {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw PFError.format("BIT_PACKED: bit width \(bitWidth) outside 0...32")
        }
        guard count >= 0 else { throw PFError.invalidArgument("negative count") }
        let (bits, o) = count.multipliedReportingOverflow(by: bitWidth)
        let bytes = (bits + 7) / 8
        guard !o, bytes <= data.count else {
            throw PFError.format("BIT_PACKED: \(count) values of \(bitWidth) bits need \(bytes) bytes, "
                                 + "\(data.count) present")
        }
        if bitWidth == 0 {
            out.update(repeating: 0, count: count)
            return 0
        }
        var bit = 0
        for i in 0..<count {
            var v: UInt32 = 0
            var need = bitWidth
            while need > 0 {
                let byte = data[bit >> 3]
                let avail = 8 - (bit & 7)
                let take = min(avail, need)
                let shifted = UInt32(byte) >> UInt32(avail - take)
                v = v << UInt32(take) | (shifted & ((1 << UInt32(take)) - 1))
                need -= take
                bit += take
            }
            out[i] = v
        }
        return bytes
    }
}
