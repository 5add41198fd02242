/// A view over lists of exactly `size` child values per slot.
public struct FixedSizeListArray: TypedArray {
    public let data: ArrayData
    public let size: Int

    public init(_ data: ArrayData) throws(PFError) {
        guard case .fixedSizeList(_, let n) = data.type else {
            throw .invalidArgument("expected fixed_list array, got \(data.type.shortName)")
        }
        self.data = data
        size = n
    }

    /// The child values.
    public var values: ArrayData { data.children[0] }

    /// The values of slot `i` (zero-copy), nil when null.
    public subscript(i: Int) -> ArrayData? {
        data.isNull(i) ? nil : values.slice(unchecked: (data.offset + i) * size, size)
    }
}
