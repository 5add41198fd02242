import CCodecs
import PFColumnar
@testable import PFParquet
import Testing

/// ``SnappyDecoder`` against the reference snappy library (its compressor produces the
/// streams, its decompressor is the oracle for corrupted ones) and hand-built streams
/// following the format description.
@Suite("Snappy decoder")
struct SnappyDecoderTests {
    /// Compresses with the reference library.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var n = snappy_max_compressed_length(data.count)
        var out = [UInt8](repeating: 0, count: n)
        let ok = data.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                snappy_compress(src.baseAddress?.assumingMemoryBound(to: CChar.self), data.count,
                                dst.baseAddress?.assumingMemoryBound(to: CChar.self), &n)
            }
        }
        precondition(ok == SNAPPY_OK)
        return Array(out.prefix(n))
    }

    /// The reference library's result for `input` (nil when it rejects it).
    static func reference(_ input: [UInt8]) -> [UInt8]? {
        var len = 0
        let ok = input.withUnsafeBytes { src in
            snappy_uncompressed_length(src.baseAddress?.assumingMemoryBound(to: CChar.self), input.count, &len)
        }
        guard ok == SNAPPY_OK, len <= 1 << 24 else { return nil }
        var out = [UInt8](repeating: 0, count: len)
        var n = len
        let r = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                snappy_uncompress(src.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                                  dst.baseAddress?.assumingMemoryBound(to: CChar.self), &n)
            }
        }
        return r == SNAPPY_OK && n == len ? out : nil
    }

    /// Our result for `input` decoded into `size` bytes (nil when rejected).
    static func ours(_ input: [UInt8], size: Int) -> [UInt8]? {
        try? ParquetCompression.decompress(.snappy, input, uncompressedSize: size)
    }

    /// Data shapes exercising literals of every length class and copies at small (< 8),
    /// medium (8-15) and large offsets, overlapping and not.
    static func samples(_ rng: inout SplitMix64) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for size in [0, 1, 3, 4, 5, 15, 16, 17, 63, 64, 65, 100, 1000, 70_000, 300_001] {
            out.append((0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) })  // incompressible
            out.append([UInt8](repeating: 0, count: size))                           // runs (offset 1)
            for period in [2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 40, 100] {
                let unit = (0..<period).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                out.append((0..<size).map { i in i % 97 == 96 ? UInt8(truncatingIfNeeded: rng.next()) : unit[i % period] })
            }
            // Little-endian int64 sequence and word-like text.
            out.append((0..<size).map { i in UInt8(truncatingIfNeeded: (i / 8) >> (8 * (i % 8))) })
            var text: [UInt8] = []
            while text.count < size { text += Array("w\(rng.next() % 20000) ".utf8) }
            out.append(Array(text.prefix(size)))
        }
        return out
    }

    @Test func roundTripsReferenceStreams() throws {
        var rng = SplitMix64(seed: 11)
        for data in Self.samples(&rng) {
            let c = Self.compress(data)
            #expect(Self.ours(c, size: data.count) == data, "size \(data.count)")
        }
    }

    @Test func handBuiltElements() throws {
        // Literal "abcd" (tag (4-1)<<2), copy type 1 of 6 bytes at offset 4 (pattern repeat),
        // copy type 2 of 3 bytes at offset 10, copy type 3 of 2 bytes at offset 1.
        let stream: [UInt8] = [15, 3 << 2, 97, 98, 99, 100,
                               0b000_010_01, 4,
                               (2 << 2) | 2, 10, 0,
                               (1 << 2) | 3, 1, 0, 0, 0]
        #expect(Self.ours(stream, size: 15) == Array("abcdabcdababccc".utf8))
        #expect(Self.reference(stream) == Self.ours(stream, size: 15))
        // Literal lengths stored in 1, 2, 3 and 4 extra bytes (tags 60...63).
        for extra in 1...4 {
            let len = 200
            var s: [UInt8] = []
            var v = len
            while v >= 0x80 { s.append(UInt8(v & 0x7F | 0x80)); v >>= 7 }
            s.append(UInt8(v))
            s.append(UInt8((59 + extra) << 2))
            for k in 0..<extra { s.append(UInt8(truncatingIfNeeded: (len - 1) >> (8 * k))) }
            let body = (0..<len).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            s += body
            #expect(Self.ours(s, size: len) == body, "extra \(extra)")
            #expect(Self.reference(s) == body, "extra \(extra)")
        }
    }

    @Test func corruptStreamsAreErrors() throws {
        let bad: [(String, [UInt8], Int)] = [
            ("offset 0", [5, 0, 65, 0b000_000_01, 0], 5),
            ("offset past the start", [5, 0, 65, 0b000_000_01, 2], 5),
            ("copy past the output", [5, 0, 65, (63 << 2) | 2, 1, 0], 5),
            ("literal past the input", [5, 4 << 2, 65, 66], 5),
            ("truncated literal length", [100, 61 << 2, 1], 100),
            ("truncated copy offset", [5, 0, 65, (3 << 2) | 3, 1, 0], 5),
            ("trailing element", [1, 0, 65, 0, 66], 1),
            ("output not filled", [5, 0, 65], 5),
            ("preamble over 5 bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 0),
            ("preamble above UInt32", [0xFF, 0xFF, 0xFF, 0xFF, 0x1F], 0),
        ]
        for (what, s, size) in bad {
            #expect(Self.ours(s, size: size) == nil, "\(what)")
        }
    }

    /// Elements in the branch-free fast loop (16+ bytes written, input and output left):
    /// a short copy reaching before the start of the output is rejected there too, and
    /// valid short literals and copies around it decode as the reference decodes them.
    @Test func fastLoopChecksCopyOffsets() throws {
        let size = 16 + 4 + 4 + 19 * 8
        var head: [UInt8] = [UInt8(size & 0x7F | 0x80), UInt8(size >> 7)]   // preamble
        head += [15 << 2] + (0..<16).map { UInt8(65 + $0) }     // literal of 16 bytes
        head += [(3 << 2) | 2, 16, 0]                           // copy 4 bytes at offset 16: valid
        let tail: [UInt8] = [(7 << 2)] + [UInt8](repeating: 90, count: 8)    // literal of 8 bytes
        func stream(offset: Int) -> [UInt8] {
            var s = head + [(3 << 2) | 2, UInt8(offset & 0xFF), UInt8(offset >> 8)]   // copy 4 bytes
            for _ in 0..<19 { s += tail }                        // 19 x 9 input bytes after it
            return s
        }
        // Written so far: 20 bytes. Offsets 20 (the first byte) and 21 (before it).
        let good = stream(offset: 20), bad = stream(offset: 21)
        let ok = Self.ours(good, size: size)
        #expect(ok != nil && ok == Self.reference(good))
        #expect(ok.map { Array($0[20..<24]) } == Array("ABCD".utf8), "the copy at offset 20 repeats the first bytes")
        #expect(Self.ours(bad, size: size) == nil)
        #expect(Self.reference(bad) == nil)
    }

    /// Corrupted streams (flipped bytes, truncations, random tails): never a trap, and the
    /// same verdict and bytes as the reference decoder.
    @Test func corruptedStreamsMatchReference() throws {
        var rng = SplitMix64(seed: 5)
        let sources = Self.samples(&rng).filter { $0.count >= 16 && $0.count <= 70_000 }
        for _ in 0..<3000 {
            let data = sources[Int(rng.next() % UInt64(sources.count))]
            var c = Self.compress(data)
            switch rng.next() % 3 {
            case 0:
                for _ in 0..<(1 + rng.next() % 3) {
                    let i = Int(rng.next() % UInt64(c.count))
                    c[i] = UInt8(truncatingIfNeeded: rng.next())
                }
            case 1:
                c = Array(c.prefix(Int(rng.next() % UInt64(c.count))))
            default:
                c += (0..<(1 + rng.next() % 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            let expected = Self.reference(c)
            var declared = 0
            let parsed = c.withUnsafeBytes { SnappyDecoder.preamble($0) }
            declared = parsed?.length ?? data.count
            guard declared <= 1 << 24 else { continue }
            let got = Self.ours(c, size: declared)
            #expect(got == expected)
        }
    }
}
