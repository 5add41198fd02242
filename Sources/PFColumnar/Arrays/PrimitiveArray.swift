/// A view over fixed-width values: integers, floats, temporal types (their integer
/// storage), float16 (`UInt16` bits), decimal128 (`Int128`) and decimal256 (``Int256``).
public struct PrimitiveArray<T: ArrowPrimitive>: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        guard T.stores(data.type) else {
            throw .invalidArgument("array of type \(data.type.shortName) does not store \(T.self) values")
        }
        self.data = data
    }

    /// The values (null slots hold unspecified values).
    public var values: UnsafeBufferPointer<T> {
        guard let b = data.buffers[1] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return b.typed(T.self, offset: data.offset, count: data.length)
    }

    /// Slot `i`, nil when null.
    public subscript(i: Int) -> T? { data.isNull(i) ? nil : values[i] }
}

public typealias Int8Array = PrimitiveArray<Int8>
public typealias Int16Array = PrimitiveArray<Int16>
public typealias Int32Array = PrimitiveArray<Int32>
public typealias Int64Array = PrimitiveArray<Int64>
public typealias UInt8Array = PrimitiveArray<UInt8>
public typealias UInt16Array = PrimitiveArray<UInt16>
public typealias UInt32Array = PrimitiveArray<UInt32>
public typealias UInt64Array = PrimitiveArray<UInt64>
public typealias Float32Array = PrimitiveArray<Float>
public typealias Float64Array = PrimitiveArray<Double>
public typealias Decimal128Array = PrimitiveArray<Int128>
public typealias Decimal256Array = PrimitiveArray<Int256>
