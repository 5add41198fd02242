/// A view over bit-packed booleans.
public struct BooleanArray: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        guard data.type == .boolean else { throw .invalidArgument("expected bool array, got \(data.type.shortName)") }
        self.data = data
    }

    /// Slot `i`, nil when null.
    public subscript(i: Int) -> Bool? {
        guard !data.isNull(i), let b = data.buffers[1] else { return nil }
        return Bitmap.get(b.baseAddress, data.offset + i)
    }
}
