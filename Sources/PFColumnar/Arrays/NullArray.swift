/// A view over the null type: every slot is null and there are no buffers.
public struct NullArray: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        guard data.type == .null else { throw .invalidArgument("expected null array, got \(data.type.shortName)") }
        self.data = data
    }

    /// A null array of `length` slots.
    public init(length: Int) {
        data = ArrayData(unchecked: .null, length: max(0, length), nullCount: max(0, length), buffers: [])
    }
}
