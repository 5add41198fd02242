/// A view over binary values of one fixed width.
public struct FixedSizeBinaryArray: TypedArray {
    public let data: ArrayData
    public let byteWidth: Int

    public init(_ data: ArrayData) throws(PFError) {
        guard case .fixedSizeBinary(let w) = data.type else {
            throw .invalidArgument("expected fixed_binary array, got \(data.type.shortName)")
        }
        self.data = data
        byteWidth = w
    }

    /// The bytes of slot `i`.
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        guard let b = data.buffers[1] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: b.baseAddress + (data.offset + i) * byteWidth, count: byteWidth)
    }

    /// Slot `i`, nil when null.
    public subscript(i: Int) -> [UInt8]? { data.isNull(i) ? nil : Array(bytes(i)) }
}
