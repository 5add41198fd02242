import PFColumnar
@testable import PFParquet
import Testing

/// The definition-level-to-bitmap fast path agrees with the general hybrid decoder.
@Suite("Validity bitmap decoding of definition levels")
struct ValidityBitmapDecoderTests {
    @Test func matchesGeneralDecoderAtEveryBitOffset() throws {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<60 {
            let n = Int(rng.next() % 3000) + 1
            // Mixed shapes: long runs (RLE) and noise (bit-packed).
            var levels: [UInt32] = []
            while levels.count < n {
                let run = Int(rng.next() % 200) + 1
                if rng.next() % 2 == 0 {
                    levels += Array(repeating: UInt32(rng.next() % 2), count: run)
                } else {
                    for _ in 0..<run { levels.append(UInt32(rng.next() % 4 == 0 ? 0 : 1)) }
                }
            }
            levels = Array(levels.prefix(n))
            var encoded: [UInt8] = []
            RleBitPackedHybridEncoder.encode(levels, bitWidth: 1, into: &encoded)
            let offset = trial % 17
            // Bits before `offset` set, as left by an earlier page; the byte after the bitmap
            // guards against writes past its end.
            let bytes = Bitmap.byteCount(bits: offset + n)
            var bitmap = [UInt8](repeating: 0, count: bytes + 1)
            for i in 0..<offset { bitmap[i >> 3] |= 1 << UInt8(i & 7) }
            let valid = try encoded.withUnsafeBytes { b in
                try bitmap.withUnsafeMutableBufferPointer { m in
                    try ValidityBitmapDecoder.decode(b, count: n, into: m.baseAddress!, bitOffset: offset)
                }
            }
            #expect(valid == levels.filter { $0 == 1 }.count)
            #expect(bitmap[bytes] == 0)
            for i in 0..<offset { #expect(bitmap[i >> 3] >> UInt8(i & 7) & 1 == 1) }
            var mismatches = 0
            for (i, l) in levels.enumerated() {
                let j = offset + i
                if UInt32(bitmap[j >> 3] >> UInt8(j & 7) & 1) != l { mismatches += 1 }
            }
            #expect(mismatches == 0, "trial \(trial)")
        }
    }

    @Test func malformedLevelsThrow() throws {
        var bitmap = [UInt8](repeating: 0, count: 8)
        func decode(_ data: [UInt8], _ n: Int) throws -> Int {
            try data.withUnsafeBytes { b in
                try bitmap.withUnsafeMutableBufferPointer { m in
                    try ValidityBitmapDecoder.decode(b, count: n, into: m.baseAddress!, bitOffset: 0)
                }
            }
        }
        #expect(throws: PFError.self) { _ = try decode([0x08, 0x02], 4) }  // RLE value 2 > max 1
        #expect(throws: PFError.self) { _ = try decode([0x04, 0x01], 4) }  // 2 levels, 4 expected
        #expect(throws: PFError.self) { _ = try decode([0x05, 0xFF], 20) } // truncated bit-packed run
        #expect(throws: PFError.self) { _ = try decode([0x80], 1) }        // truncated header
        #expect(try decode([0x08, 0x01], 4) == 4)
    }
}
