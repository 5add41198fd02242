/// Appends variable-size binary or string values with offsets of type `O`.
public final class GenericBinaryBuilder<O: ArrowOffset> {
    public let type: DataType
    private var offsets: MutableBuffer
    private var bytes: MutableBuffer
    private var validity: BitmapBuilder
    private var nulls = 0
    public private(set) var count = 0

    /// `type` must be utf8/binary for `Int32` offsets, large_utf8/large_binary for `Int64`.
    public init(type: DataType, capacity: Int = 0, byteCapacity: Int = 0) {
        self.type = type
        offsets = MutableBuffer(capacity: (capacity + 1) * MemoryLayout<O>.size)
        offsets.append(O.zero)
        bytes = MutableBuffer(capacity: byteCapacity)
        validity = BitmapBuilder(capacity: capacity)
    }

    /// Appends raw bytes.
    public func append(bytes b: UnsafeRawBufferPointer) throws(PFError) {
        bytes.append(bytes: b)
        try pushOffset()
        validity.append(true)
    }

    /// Appends a byte array.
    public func append(_ b: [UInt8]) throws(PFError) {
        var failure: PFError? = nil
        b.withUnsafeBytes { p in
            do throws(PFError) { try append(bytes: p) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends a string (its UTF-8 bytes).
    public func append(_ s: String) throws(PFError) {
        var s = s
        var failure: PFError? = nil
        s.withUTF8 { u in
            do throws(PFError) { try append(bytes: UnsafeRawBufferPointer(u)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends a null.
    public func appendNull() throws(PFError) {
        try pushOffset()
        validity.append(false)
        nulls += 1
    }

    private func pushOffset() throws(PFError) {
        guard let o = O(exactly: bytes.count) else {
            throw .invalidArgument("\(type.shortName) data exceeds the offset range; use a large type")
        }
        offsets.append(o)
        count += 1
    }

    /// Produces the array; the builder is empty afterwards.
    public func finish() throws(PFError) -> ArrayData {
        let o = swapOut(&offsets, MutableBuffer()).finish()
        offsets.append(O.zero)
        let d = swapOut(&bytes, MutableBuffer()).finish()
        let v = swapOut(&validity, BitmapBuilder()).finish()
        let n = count, nc = nulls
        count = 0; nulls = 0
        let data = try ArrayData(type: type, length: n, nullCount: nc, buffers: [nc > 0 ? v : nil, o, d])
        if type.isString { try data.validate() }
        return data
    }
}

public typealias StringBuilder = GenericBinaryBuilder<Int32>
public typealias LargeStringBuilder = GenericBinaryBuilder<Int64>
