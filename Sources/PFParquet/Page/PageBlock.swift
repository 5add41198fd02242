import PFColumnar

/// The bytes of one decompressed page, in a block from ``BlockCache``.
///
/// When the last ``PageBody`` using it goes away the block goes back to the cache, so the
/// next page of a similar size reuses memory that is already resident instead of faulting
/// in (and zeroing) fresh pages: with pages of about 1 MiB, fresh memory per page costs a
/// noticeable share of a full read.
final class PageBlock: @unchecked Sendable {
    /// Start of the block (immutable once the page is decompressed).
    let pointer: UnsafeMutableRawPointer
    /// Usable bytes.
    let capacity: Int

    /// A block of at least `byteCount` bytes, contents unspecified.
    init(byteCount: Int) {
        (pointer, capacity) = BlockCache.allocate(byteCount: byteCount)
    }

    deinit { BlockCache.release(pointer, capacity: capacity) }
}
