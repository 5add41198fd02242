import PFColumnar
@testable import PFParquet
import Testing

@Suite("Compression codecs")
struct CompressionTests {
    static let codecs: [ParquetCompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd, .lz4, .lz4Raw, .brotli]

    @Test(arguments: codecs)
    func roundTrip(codec: ParquetCompressionCodec) throws {
        var rng = SplitMix64(seed: 3)
        for size in [0, 1, 100, 65_536, 300_001] {
            let data: [UInt8] = (0..<size).map { i in i % 7 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : UInt8(i % 13) }
            let c = try ParquetCompression.compress(codec, data, level: nil)
            let d = try ParquetCompression.decompress(codec, c, uncompressedSize: size)
            #expect(d == data, "\(codec) size \(size)")
            if size > 0 {
                // Wrong declared sizes are errors, never over-allocation or a trap.
                #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(codec, c, uncompressedSize: size - 1) }
                #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(codec, c, uncompressedSize: size + 1) }
            }
        }
    }

    @Test(arguments: codecs)
    func garbageIsAnError(codec: ParquetCompressionCodec) throws {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<200 {
            let junk = (0..<Int(rng.next() % 100 + 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? ParquetCompression.decompress(codec, junk, uncompressedSize: Int(rng.next() % 5000))
        }
        #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(codec, [1, 2, 3], uncompressedSize: -1) }
    }

    @Test func absurdSizesRejectedBeforeAllocation() throws {
        let c = try ParquetCompression.compress(.gzip, [UInt8](repeating: 0, count: 100))
        #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(.gzip, c, uncompressedSize: 1 << 30) }
        let s = try ParquetCompression.compress(.snappy, [UInt8](repeating: 0, count: 100))
        #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(.snappy, s, uncompressedSize: 1 << 30) }
        #expect(throws: PFError.self) { _ = try ParquetCompression.decompress(.lz4Raw, [0x10, 0x41], uncompressedSize: 1 << 30) }
        #expect(throws: PFError.self) { _ = try ParquetCompression.codec(.lzo) }
    }

    @Test func gzipConcatenatedMembersAndZlibHeader() throws {
        let a = try ParquetCompression.compress(.gzip, Array("hello ".utf8))
        let b = try ParquetCompression.compress(.gzip, Array("world".utf8))
        #expect(try ParquetCompression.decompress(.gzip, a + b, uncompressedSize: 11) == Array("hello world".utf8))
    }

    @Test func lz4FallbacksToRawBlock() throws {
        let data = [UInt8](repeating: 7, count: 1000) + Array("tail".utf8)
        let raw = try ParquetCompression.compress(.lz4Raw, data)
        #expect(try ParquetCompression.decompress(.lz4, raw, uncompressedSize: data.count) == data)
    }

    @Test func crc32KnownValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}
