import Testing
@testable import PFColumnar
@testable import PFParquet

/// Decompressed pages live in ``BlockCache`` blocks that go back to the cache when the last
/// page body using them is dropped. Assertions are about a size class no other test uses
/// (the cache is process-wide and suites run concurrently).
@Suite(.serialized, .enabled(if: BlockCache.limitBytes >= 1 << 30, "the cache holds at least 1 GiB"))
struct PageBlockTests {
    /// 170 MiB + a few bytes: a size class of its own (step 16 MiB).
    static let odd = (170 << 20) + 777

    @Test func droppedPageBodiesReturnTheirBlock() {
        let c = BlockCache.sizeClass(Self.odd)
        let before = BlockCache.heldBlocks(ofClass: c)
        do {
            let block = PageBlock(byteCount: Self.odd)
            #expect(block.capacity == c)
            block.pointer.storeBytes(of: 0x5A, toByteOffset: 100, as: UInt8.self)
            let body = PageBody(block: block, count: 1000).slice(90..<110)
            #expect(body.count == 20)
            #expect(body.withUnsafeBytes { $0[10] } == 0x5A, "a slice reads the block at its offset")
            #expect(BlockCache.heldBlocks(ofClass: c) == before, "still in use")
        }
        #expect(BlockCache.heldBlocks(ofClass: c) == before + 1, "held for the next page")
        let (p, cap) = BlockCache.allocate(byteCount: Self.odd)
        #expect(cap == c && BlockCache.heldBlocks(ofClass: c) == before)
        BlockCache.free(p)
    }
}
