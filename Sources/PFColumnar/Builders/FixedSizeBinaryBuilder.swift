/// Appends binary values of one fixed width.
public final class FixedSizeBinaryBuilder {
    public let byteWidth: Int
    private var bytes: MutableBuffer
    private var validity: BitmapBuilder
    private var nulls = 0
    public private(set) var count = 0

    public init(byteWidth: Int, capacity: Int = 0) {
        self.byteWidth = max(0, byteWidth)
        bytes = MutableBuffer(capacity: capacity * self.byteWidth)
        validity = BitmapBuilder(capacity: capacity)
    }

    /// Appends one value of exactly ``byteWidth`` bytes.
    public func append(bytes b: UnsafeRawBufferPointer) throws(PFError) {
        guard b.count == byteWidth else {
            throw .invalidArgument("fixed_binary[\(byteWidth)] value has \(b.count) bytes")
        }
        bytes.append(bytes: b)
        validity.append(true)
        count += 1
    }

    public func appendNull() {
        bytes.appendZeros(byteWidth)
        validity.append(false)
        nulls += 1
        count += 1
    }

    /// Produces the array; the builder is empty afterwards.
    public func finish() throws(PFError) -> ArrayData {
        let d = swapOut(&bytes, MutableBuffer()).finish()
        let v = swapOut(&validity, BitmapBuilder()).finish()
        let n = count, nc = nulls
        count = 0; nulls = 0
        return try ArrayData(type: .fixedSizeBinary(byteWidth: byteWidth), length: n, nullCount: nc,
                             buffers: [nc > 0 ? v : nil, d])
    }
}
