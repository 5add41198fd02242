/// A view over variable-size binary or string values with offsets of type `O`.
public struct GenericBinaryArray<O: ArrowOffset>: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        let ok: Bool
        switch data.type {
        case .utf8, .binary: ok = O.self == Int32.self
        case .largeUtf8, .largeBinary: ok = O.self == Int64.self
        default: ok = false
        }
        guard ok else { throw .invalidArgument("array of type \(data.type.shortName) is not a \(O.self)-offset binary array") }
        self.data = data
    }

    /// The offsets of the slots (length + 1 entries).
    public var offsets: UnsafeBufferPointer<O> {
        guard let b = data.buffers[1] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return b.typed(O.self, offset: data.offset, count: data.length + 1)
    }

    /// The bytes of slot `i` (empty for nulls).
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer { data.valueBytes(i) }

    /// Slot `i` as bytes, nil when null.
    public subscript(i: Int) -> [UInt8]? { data.isNull(i) ? nil : Array(bytes(i)) }

    /// Slot `i` as a string (bytes decoded as UTF-8), nil when null.
    public func string(_ i: Int) -> String? {
        data.isNull(i) ? nil : String(decoding: bytes(i), as: UTF8.self)
    }
}

public typealias StringArray = GenericBinaryArray<Int32>
public typealias LargeStringArray = GenericBinaryArray<Int64>
public typealias BinaryArray = GenericBinaryArray<Int32>
public typealias LargeBinaryArray = GenericBinaryArray<Int64>
