import PFColumnar

/// Variable-length binary values in Arrow layout: `offsets` (count + 1 entries, starting at 0)
/// into one `values` byte buffer. Offsets are 32-bit; exceeding 2 GiB of data is an error.
public struct ByteArrayBuffer: Sendable, Equatable {
    /// Start offsets of each value plus the end offset of the last one.
    public var offsets: [Int32] = [0]
    /// Concatenated value bytes.
    public var values: [UInt8] = []

    /// Creates an empty buffer.
    public init() {}

    /// Creates a buffer holding `items`.
    public init<S: Sequence>(_ items: S) throws where S.Element == [UInt8] {
        for i in items { try append(i) }
    }

    /// Number of values.
    public var count: Int { offsets.count - 1 }

    /// Reserves room for `values` more values and `bytes` more bytes.
    public mutating func reserve(values n: Int, bytes: Int) {
        offsets.reserveCapacity(offsets.count + max(0, n))
        values.reserveCapacity(values.count + max(0, bytes))
    }

    @inline(__always)
    mutating func commit() throws {
        guard values.count <= Int(Int32.max) else {
            throw PFError.unsupported("more than 2 GiB of byte array data in one buffer")
        }
        offsets.append(Int32(truncatingIfNeeded: values.count))
    }

    /// Appends one value.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        values.append(contentsOf: bytes)
        try commit()
    }

    /// Appends one value.
    public mutating func append(_ bytes: [UInt8]) throws {
        values.append(contentsOf: bytes)
        try commit()
    }

    /// The bytes of value `i` (precondition: `0 <= i < count`).
    public subscript(i: Int) -> ArraySlice<UInt8> {
        values[Int(offsets[i])..<Int(offsets[i + 1])]
    }

    /// All values as arrays (for tests and small data).
    public var arrays: [[UInt8]] { (0..<count).map { Array(self[$0]) } }
}
