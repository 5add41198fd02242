import PFColumnar
@testable import PFParquet
import Testing

func decodeHybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
    try bytes.withUnsafeBytes { (b) throws -> [UInt32] in
        var d = try RleBitPackedHybridDecoder(b, bitWidth: bitWidth)
        var out: [UInt32] = []
        try d.decode(count: count, appendingTo: &out)
        return out
    }
}

func decodeDelta64(_ bytes: [UInt8], count: Int) throws -> [Int64] {
    try bytes.withUnsafeBytes { (b) throws -> [Int64] in
        var d = try DeltaBinaryPackedDecoder(b)
        var out = [Int64](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBufferPointer { try d.decode(into: $0.baseAddress!, count: count) }
        return Array(out[0..<n])
    }
}

func decodeDelta32(_ bytes: [UInt8], count: Int) throws -> [Int32] {
    try bytes.withUnsafeBytes { (b) throws -> [Int32] in
        var d = try DeltaBinaryPackedDecoder(b)
        var out = [Int32](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBufferPointer { try d.decode(into: $0.baseAddress!, count: count) }
        return Array(out[0..<n])
    }
}

@Suite("Encodings")
struct EncodingTests {
    // MARK: spec examples

    @Test func hybridSpecExamples() throws {
        // Bit-packed run of 0..7 in 3 bits (Encodings.md example): header 0x03.
        #expect(try decodeHybrid([0x03, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
        // RLE run: 5 copies of 3 (bit width 2): header 5<<1 = 0x0A, one value byte.
        #expect(try decodeHybrid([0x0A, 0x03], bitWidth: 2, count: 5) == [3, 3, 3, 3, 3])
        // Mixed: RLE of 2 x 300 (width 9 -> 2 bytes), then 8 bit-packed ones of width 9.
        var bytes: [UInt8] = [0x04, 0x2C, 0x01, 0x03]
        BitUnpacking.pack([UInt64](repeating: 1, count: 8), bitWidth: 9, into: &bytes)
        #expect(try decodeHybrid(bytes, bitWidth: 9, count: 10) == [300, 300] + [UInt32](repeating: 1, count: 8))
        // Running out of data is an error for exact decoding.
        #expect(throws: PFError.self) { _ = try decodeHybrid([0x0A, 0x03], bitWidth: 2, count: 6) }
        // Truncated bit-packed run yields what its bytes hold.
        #expect(try decodeHybrid([0x03, 0x88, 0xC6], bitWidth: 3, count: 5) == [0, 1, 2, 3, 4])
        // Bit width over 32 is rejected.
        #expect(throws: PFError.self) { _ = try decodeHybrid([0x00], bitWidth: 33, count: 0) }
        // Length-prefixed levels.
        let prefixed: [UInt8] = [2, 0, 0, 0, 0x0A, 0x01, 0xFF]
        let (vals, used) = try prefixed.withUnsafeBytes { (b) throws -> ([UInt32], Int) in
            var (d, n) = try RleBitPackedHybridDecoder.withLengthPrefix(b, bitWidth: 1)
            var out: [UInt32] = []
            try d.decode(count: 5, appendingTo: &out)
            return (out, n)
        }
        #expect(vals == [1, 1, 1, 1, 1] && used == 6)
        // Dictionary indices: bit-width byte then runs; range-checked.
        let dict: [UInt8] = [0x02, 0x06, 0x03]
        try dict.withUnsafeBytes { (b) throws in
            var d = try RleBitPackedHybridDecoder.dictionaryIndices(b)
            var out = [UInt32](repeating: 9, count: 3)
            #expect(throws: PFError.self) {
                try out.withUnsafeMutableBufferPointer { try d.decodeIndices(into: $0.baseAddress!, count: 3, dictionarySize: 3) }
            }
        }
    }

    @Test func legacyBitPackedSpecExample() throws {
        // 0..7 in 3 bits, MSB first: 00000101 00111001 01110111
        let data: [UInt8] = [0x05, 0x39, 0x77]
        var out = [UInt32](repeating: 0, count: 8)
        let used = try data.withUnsafeBytes { b in
            try out.withUnsafeMutableBufferPointer { try BitPackedLevelDecoder.decode(b, bitWidth: 3, count: 8, into: $0.baseAddress!) }
        }
        #expect(out == [0, 1, 2, 3, 4, 5, 6, 7] && used == 3)
        #expect(throws: PFError.self) {
            try data.withUnsafeBytes { b in
                try out.withUnsafeMutableBufferPointer { try BitPackedLevelDecoder.decode(b, bitWidth: 3, count: 9, into: $0.baseAddress!) }
            }
        }
    }

    @Test func deltaBinaryPackedSpecExamples() throws {
        // 1,2,3,4,5: block 128, 4 miniblocks, 5 values, first 1; min delta 1, widths 0.
        let ex1: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        #expect(try decodeDelta64(ex1, count: 5) == [1, 2, 3, 4, 5])
        // 7,5,3,1,2,3,4,5: min delta -2, relative deltas 0,0,0,3,3,3,3 in 2 bits.
        var ex2: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00]
        BitUnpacking.pack([0, 0, 0, 3, 3, 3, 3] + [UInt64](repeating: 0, count: 25), bitWidth: 2, into: &ex2)
        #expect(try decodeDelta32(ex2, count: 8) == [7, 5, 3, 1, 2, 3, 4, 5])
        var enc: [UInt8] = []
        DeltaBinaryPackedEncoder.encode([Int32]([7, 5, 3, 1, 2, 3, 4, 5]), into: &enc)
        #expect(enc == ex2)
        // Bad headers.
        #expect(throws: PFError.self) { _ = try decodeDelta64([0x00, 0x04, 0x05, 0x02], count: 5) }
        #expect(throws: PFError.self) { _ = try decodeDelta64([0x80, 0x01, 0x03, 0x05, 0x02], count: 5) }
        #expect(throws: PFError.self) { _ = try decodeDelta64([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x07], count: 5) }
        // Truncated miniblock.
        #expect(throws: PFError.self) { _ = try decodeDelta64(Array(ex2.prefix(11)), count: 8) }
    }

    @Test func plainSpecExamples() throws {
        let ba: [UInt8] = [3, 0, 0, 0, 0x61, 0x62, 0x63, 0, 0, 0, 0, 1, 0, 0, 0, 0x7A]
        var out = ByteArrayBuffer()
        let used = try ba.withUnsafeBytes { try PlainDecoder.decodeByteArray($0, count: 3, into: &out) }
        #expect(used == ba.count)
        #expect(out.arrays == [[0x61, 0x62, 0x63], [], [0x7A]])
        var out2 = ByteArrayBuffer()
        #expect(throws: PFError.self) { try ba.withUnsafeBytes { _ = try PlainDecoder.decodeByteArray($0, count: 4, into: &out2) } }
        let hostile: [UInt8] = [0xFF, 0xFF, 0xFF, 0x7F, 1, 2]
        #expect(throws: PFError.self) { try hostile.withUnsafeBytes { _ = try PlainDecoder.decodeByteArray($0, count: 1, into: &out2) } }

        let bools: [UInt8] = [0b1010_0101, 0b0000_0001]
        var b = [Bool](repeating: false, count: 9)
        try bools.withUnsafeBytes { src in
            _ = try b.withUnsafeMutableBufferPointer { try PlainDecoder.decodeBoolean(src, count: 9, into: $0.baseAddress!) }
        }
        #expect(b == [true, false, true, false, false, true, false, true, true])
        var enc: [UInt8] = []
        PlainEncoder.encode(b, into: &enc)
        #expect(enc == bools)
        var bitmap: [UInt8] = [0xFF, 0xFF, 0xFF]
        try bools.withUnsafeBytes { src in
            _ = try bitmap.withUnsafeMutableBufferPointer { try PlainDecoder.decodeBooleanBits(src, count: 9, into: $0.baseAddress!, bitOffset: 3) }
        }
        #expect(bitmap == [0b0010_1111, 0b1111_1101, 0xFF])

        let ints: [UInt8] = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        var i32 = [Int32](repeating: 0, count: 2)
        try ints.withUnsafeBytes { src in
            _ = try i32.withUnsafeMutableBufferPointer { try PlainDecoder.decodeInt32(src, count: 2, into: $0.baseAddress!) }
        }
        #expect(i32 == [1, -1])
        #expect(throws: PFError.self) {
            try ints.withUnsafeBytes { src in
                _ = try i32.withUnsafeMutableBufferPointer { try PlainDecoder.decodeInt32(src, count: 3, into: $0.baseAddress!) }
            }
        }
    }

    @Test func byteStreamSplitSpecExample() throws {
        // Two floats 0xA1B2C3D4, 0x11223344 (little endian bytes D4 C3 B2 A1 / 44 33 22 11).
        let data: [UInt8] = [0xD4, 0x44, 0xC3, 0x33, 0xB2, 0x22, 0xA1, 0x11]
        var out = [Int32](repeating: 0, count: 2)
        try data.withUnsafeBytes { src in
            try out.withUnsafeMutableBufferPointer { try ByteStreamSplitDecoder.decodeInt32(src, count: 2, into: $0.baseAddress!) }
        }
        #expect(out.map { UInt32(bitPattern: $0) } == [0xA1B2_C3D4, 0x1122_3344])
        var enc: [UInt8] = []
        ByteStreamSplitEncoder.encode(out, into: &enc)
        #expect(enc == data)
        #expect(throws: PFError.self) {
            try data.withUnsafeBytes { src in
                try out.withUnsafeMutableBufferPointer { try ByteStreamSplitDecoder.decodeInt32(UnsafeRawBufferPointer(rebasing: src[0..<7]), count: 1, into: $0.baseAddress!) }
            }
        }
    }

    @Test func deltaByteArraySpecExample() throws {
        let words = ["axis", "axle", "babble", "babyhood"].map { Array($0.utf8) }
        var enc: [UInt8] = []
        DeltaByteArrayEncoder.encode(try ByteArrayBuffer(words), into: &enc)
        // The prefix lengths come first: 0, 2, 0, 3.
        #expect(try decodeDelta64(enc, count: 4) == [0, 2, 0, 3])
        var out = ByteArrayBuffer()
        let used = try enc.withUnsafeBytes { try DeltaByteArrayDecoder.decode($0, count: 4, into: &out) }
        #expect(out.arrays == words && used == enc.count)
        // A prefix longer than the previous value is an error.
        var bad: [UInt8] = []
        DeltaBinaryPackedEncoder.encode([Int32]([5]), into: &bad)
        DeltaLengthByteArrayEncoder.encode(try ByteArrayBuffer([[1]]), into: &bad)
        var out2 = ByteArrayBuffer()
        #expect(throws: PFError.self) { try bad.withUnsafeBytes { _ = try DeltaByteArrayDecoder.decode($0, count: 1, into: &out2) } }
    }

    // MARK: random round trips

    @Test(arguments: Array(0...32))
    func hybridRoundTrip(bitWidth: Int) throws {
        var rng = SplitMix64(seed: UInt64(bitWidth) &* 7919)
        let maxV: UInt64 = bitWidth == 0 ? 0 : (1 << UInt64(bitWidth)) - 1
        for trial in 0..<20 {
            var values: [UInt32] = []
            let n = Int(rng.next() % 3000)
            while values.count < n {
                let v = UInt32(truncatingIfNeeded: maxV == 0 ? 0 : rng.next() % (maxV + 1))
                let run = rng.next() % 3 == 0 ? Int(rng.next() % 40) + 1 : 1
                values += [UInt32](repeating: v, count: min(run, n - values.count))
            }
            var enc: [UInt8] = []
            RleBitPackedHybridEncoder.encode(values, bitWidth: bitWidth, into: &enc)
            #expect(try decodeHybrid(enc, bitWidth: bitWidth, count: n) == values, "width \(bitWidth) trial \(trial)")
            // Odd-sized partial reads give the same values.
            let pieces = try enc.withUnsafeBytes { (b) throws -> [UInt32] in
                var d = try RleBitPackedHybridDecoder(b, bitWidth: bitWidth)
                var out: [UInt32] = []
                var left = n
                while left > 0 {
                    let k = min(left, Int(rng.next() % 13) + 1)
                    try d.decode(count: k, appendingTo: &out)
                    left -= k
                }
                return out
            }
            #expect(pieces == values)
        }
    }

    @Test func deltaBinaryPackedRoundTrip() throws {
        var rng = SplitMix64(seed: 99)
        for trial in 0..<60 {
            let n = Int(rng.next() % 1500)
            let mode = trial % 4
            let v64: [Int64] = (0..<n).map { i in
                switch mode {
                case 0: return Int64(bitPattern: rng.next())
                case 1: return Int64(i) * 3 - 100
                case 2: return [Int64.min, Int64.max, 0, -1][Int(rng.next() % 4)]
                default: return Int64(rng.next() % 1000)
                }
            }
            var enc: [UInt8] = []
            DeltaBinaryPackedEncoder.encode(v64, into: &enc)
            #expect(try decodeDelta64(enc, count: n) == v64, "trial \(trial)")
            let consumed = try enc.withUnsafeBytes { (b) throws -> Int in
                var d = try DeltaBinaryPackedDecoder(b)
                _ = try d.decodeAll()
                return d.bytesConsumed
            }
            #expect(consumed == enc.count)
            let v32: [Int32] = v64.map { Int32(truncatingIfNeeded: $0) }
            var enc32: [UInt8] = []
            DeltaBinaryPackedEncoder.encode(v32, into: &enc32)
            #expect(try decodeDelta32(enc32, count: n) == v32)
        }
    }

    @Test func byteArrayEncodingsRoundTrip() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<40 {
            let n = Int(rng.next() % 400)
            var items: [[UInt8]] = []
            for _ in 0..<n {
                if let prev = items.last, rng.next() % 2 == 0 {
                    let keep = Int(rng.next() % UInt64(prev.count + 1))
                    items.append(Array(prev.prefix(keep)) + (0..<Int(rng.next() % 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
                } else {
                    items.append((0..<Int(rng.next() % 30)).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
                }
            }
            let buf = try ByteArrayBuffer(items)
            var plain: [UInt8] = [], dlba: [UInt8] = [], dba: [UInt8] = []
            PlainEncoder.encode(byteArrays: buf, into: &plain)
            DeltaLengthByteArrayEncoder.encode(buf, into: &dlba)
            DeltaByteArrayEncoder.encode(buf, into: &dba)
            var a = ByteArrayBuffer(), b = ByteArrayBuffer(), c = ByteArrayBuffer()
            #expect(try plain.withUnsafeBytes { try PlainDecoder.decodeByteArray($0, count: n, into: &a) } == plain.count)
            #expect(try dlba.withUnsafeBytes { try DeltaLengthByteArrayDecoder.decode($0, count: n, into: &b) } == dlba.count)
            #expect(try dba.withUnsafeBytes { try DeltaByteArrayDecoder.decode($0, count: n, into: &c) } == dba.count)
            #expect(a == buf && b == buf && c == buf)
        }
    }

    @Test func byteStreamSplitRoundTrip() throws {
        var rng = SplitMix64(seed: 11)
        let doubles = (0..<777).map { _ in Double(bitPattern: rng.next()) }
        var enc: [UInt8] = []
        ByteStreamSplitEncoder.encode(doubles, into: &enc)
        var out = [Double](repeating: 0, count: doubles.count)
        try enc.withUnsafeBytes { src in
            try out.withUnsafeMutableBufferPointer { try ByteStreamSplitDecoder.decodeDouble(src, count: doubles.count, into: $0.baseAddress!) }
        }
        #expect(out.map(\.bitPattern) == doubles.map(\.bitPattern))
        // FLBA of width 3.
        let flba = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var enc3: [UInt8] = []
        flba.withUnsafeBytes { ByteStreamSplitEncoder.encode($0, width: 3, into: &enc3) }
        var out3 = [UInt8](repeating: 0, count: 300)
        try enc3.withUnsafeBytes { src in
            try out3.withUnsafeMutableBytes { try ByteStreamSplitDecoder.decode(src, count: 100, width: 3, into: $0.baseAddress!) }
        }
        #expect(out3 == flba)
    }

    @Test func hostileDecoderInputsNeverTrap() throws {
        var rng = SplitMix64(seed: 1234)
        for _ in 0..<2000 {
            let junk = (0..<Int(rng.next() % 80)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let n = Int(rng.next() % 200)
            _ = try? decodeHybrid(junk, bitWidth: Int(rng.next() % 33), count: n)
            _ = try? decodeDelta64(junk, count: n)
            _ = try? decodeDelta32(junk, count: n)
            var x = ByteArrayBuffer()
            _ = try? junk.withUnsafeBytes { try DeltaByteArrayDecoder.decode($0, count: n, into: &x) }
            _ = try? junk.withUnsafeBytes { try DeltaLengthByteArrayDecoder.decode($0, count: n, into: &x) }
            _ = try? junk.withUnsafeBytes { try PlainDecoder.decodeByteArray($0, count: n, into: &x) }
        }
    }
}
