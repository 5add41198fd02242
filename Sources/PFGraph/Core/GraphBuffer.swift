/// An owned, 64-byte aligned, immutable-after-build raw allocation.
///
/// Graph arrays live in these so that they can be exported zero-copy (numpy, Arrow):
/// the buffer stays alive as long as an object retains it.
public final class GraphBuffer: @unchecked Sendable {
    /// Alignment of every graph buffer, in bytes.
    public static let alignment = 64

    /// Start of the allocation (never null, even for zero bytes).
    public let baseAddress: UnsafeMutableRawPointer
    /// Size in bytes.
    public let byteCount: Int

    /// Allocates `byteCount` uninitialised bytes.
    init(byteCount: Int) {
        self.byteCount = byteCount
        baseAddress = .allocate(byteCount: max(byteCount, GraphBuffer.alignment),
                                alignment: GraphBuffer.alignment)
    }

    /// Allocates room for `count` values of `T` (memory bound to `T`, uninitialised).
    convenience init<T>(count: Int, of: T.Type) {
        self.init(byteCount: count * MemoryLayout<T>.stride)
        baseAddress.bindMemory(to: T.self, capacity: max(count, 1))
    }

    deinit { baseAddress.deallocate() }

    /// Typed mutable view (builders only).
    @inline(__always) func typed<T>(_ t: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(start: baseAddress.assumingMemoryBound(to: T.self), count: count)
    }
}
