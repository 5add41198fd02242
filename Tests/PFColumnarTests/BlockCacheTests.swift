import Testing
import PFTestSupport
@testable import PFColumnar

/// The cache is process-wide and other suites run concurrently: assertions are about
/// blocks of size classes (around 150 MiB) that no other test allocates, and nothing
/// here calls ``BlockCache/trim()`` while another test could depend on held blocks.
@Suite(.serialized, .enabled(if: BlockCache.limitBytes >= 1 << 30, "the cache holds at least 1 GiB"))
struct BlockCacheTests {
    /// A request in a size class of its own (150 MiB + a few bytes; class step 16 MiB).
    static let odd = (150 << 20) + 12_345

    @Test func sizeClassesRoundUpByAtMostAnEighth() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let n = BlockCache.minimumBlock + Int(rng.next() % UInt64(1 << 34))
            let c = BlockCache.sizeClass(n)
            #expect(c >= n && c - n <= n / 8 + 1, "n=\(n) class=\(c)")
            #expect(BlockCache.sizeClass(c) == c, "classes are fixed points")
            #expect(c % 64 == 0)
        }
        #expect(BlockCache.sizeClass(100) == 128)
        #expect(BlockCache.sizeClass(0) == 64)
        #expect(BlockCache.sizeClass(BlockCache.minimumBlock) == BlockCache.minimumBlock)
    }

    @Test func releasedBlocksAreReusedScratchIsNot() {
        let c = BlockCache.sizeClass(Self.odd)
        let before = BlockCache.heldBlocks(ofClass: c)
        let (p, cap) = BlockCache.allocate(byteCount: Self.odd)
        #expect(cap == c && cap >= Self.odd)
        BlockCache.release(p, capacity: cap)
        #expect(BlockCache.heldBlocks(ofClass: c) == before + 1)
        let (q, cap2) = BlockCache.allocate(byteCount: Self.odd - 1000)   // same class
        #expect(q == p && cap2 == cap, "the held block of the class is reused")
        #expect(BlockCache.heldBlocks(ofClass: c) == before)
        BlockCache.free(q)                                                 // scratch
        #expect(BlockCache.heldBlocks(ofClass: c) == before)
    }

    @Test func smallAndOddBlocksAreNeverHeld() {
        let (p, cap) = BlockCache.allocate(byteCount: 1000)
        #expect(cap == 1024)
        BlockCache.release(p, capacity: cap)
        #expect(BlockCache.heldBlocks(ofClass: 1024) == 0, "below the minimum block")
        let n = (3 << 20) + 64
        let stray = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 64)
        BlockCache.release(stray, capacity: n)
        #expect(BlockCache.heldBlocks(ofClass: n) == 0, "not a size class: freed")
    }

    @Test func finishedBuffersReturnTheirBlockAndReuseIsZeroedWhenAsked() {
        let c = BlockCache.sizeClass(Self.odd)
        let before = BlockCache.heldBlocks(ofClass: c)
        do {
            var m = MutableBuffer(capacity: Self.odd)
            [UInt8](repeating: 0xEE, count: 4096).withUnsafeBytes { m.append(bytes: $0) }
            let b = m.finish()
            #expect(b.byteCount == 4096 && b.load(4095, as: UInt8.self) == 0xEE)
            #expect(BlockCache.heldBlocks(ofClass: c) == before)
        }
        #expect(BlockCache.heldBlocks(ofClass: c) == before + 1, "released buffer held for reuse")
        let z = Buffer.zeroed(byteCount: Self.odd)
        #expect(BlockCache.heldBlocks(ofClass: c) == before)
        #expect(z.typed(UInt64.self, count: 1024).allSatisfy { $0 == 0 }, "stale bytes of the reused block cleared")
        #expect(z.load(Self.odd - 1, as: UInt8.self) == 0)
    }

    @Test func scratchBuffersAreFreedNotHeld() {
        let c = BlockCache.sizeClass(Self.odd)
        var afterAllocation = 0
        do {
            let m = MutableBuffer(capacity: Self.odd)     // may take a held block of the class
            afterAllocation = BlockCache.heldBlocks(ofClass: c)
            let b = m.finish()
            b.markScratch()
        }
        #expect(BlockCache.heldBlocks(ofClass: c) == afterAllocation, "an intermediate result is not cached")
    }

    /// Idle expiry on a state of its own (nothing shared): per class, the blocks released
    /// longer than the idle limit ago go, the rest stay in release order.
    @Test func idleBlocksExpireOldestFirst() {
        let limit = BlockCache.maxIdleNanoseconds
        var s = BlockCache.State()
        func held(_ k: Int, _ size: Int, at t: UInt64) -> BlockCache.Held {
            BlockCache.Held(pointer: UnsafeMutableRawPointer(bitPattern: 0x10000 * k)!, capacity: size, releasedAt: t)
        }
        s.byClass[1 << 20] = [held(1, 1 << 20, at: 0), held(2, 1 << 20, at: 2_000), held(3, 1 << 20, at: 9_000)]
        s.byClass[2 << 20] = [held(4, 2 << 20, at: 8_000)]
        s.bytes = 3 << 20 + 2 << 20
        #expect(BlockCache.dropIdle(&s, now: limit).isEmpty, "nothing idle for longer than the limit yet")
        let gone = BlockCache.dropIdle(&s, now: limit + 5_000)
        #expect(gone.map { Int(bitPattern: $0.pointer) } == [0x10000, 0x20000])
        #expect(s.byClass[1 << 20]?.map { $0.releasedAt } == [9_000])
        #expect(s.byClass[2 << 20]?.count == 1)
        #expect(s.bytes == 1 << 20 + 2 << 20)
        _ = BlockCache.dropIdle(&s, now: limit + 10_000)
        #expect(s.byClass.isEmpty && s.bytes == 0)
    }
}
