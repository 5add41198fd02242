/// Appends fixed-width values (and nulls) and produces an array without copying.
///
/// ```swift
/// let b = PrimitiveBuilder<Int64>(type: .int64)
/// b.append(1); b.appendNull(); b.append(3)
/// let array = try b.finish()   // [1, null, 3]
/// ```
public final class PrimitiveBuilder<T: ArrowPrimitive> {
    public let type: DataType
    private var values: MutableBuffer
    private var validity: BitmapBuilder
    private var nulls = 0
    /// Slots appended so far.
    public private(set) var count = 0

    /// A builder for arrays of `type`, which must store `T` values.
    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        values = MutableBuffer(capacity: capacity * MemoryLayout<T>.stride)
        validity = BitmapBuilder(capacity: capacity)
    }

    /// Appends a value.
    @inlinable public func append(_ v: T) { appendValue(v, valid: true) }

    /// Appends a null.
    public func appendNull() {
        var zero = [UInt8](repeating: 0, count: MemoryLayout<T>.stride)
        zero.withUnsafeMutableBytes { values.append(bytes: UnsafeRawBufferPointer($0)) }
        validity.append(false)
        nulls += 1
        count += 1
    }

    /// Appends a value or a null.
    public func append(_ v: T?) { if let v { append(v) } else { appendNull() } }

    /// Appends many values.
    public func append<S: Sequence>(contentsOf s: S) where S.Element == T { for v in s { append(v) } }

    @usableFromInline func appendValue(_ v: T, valid: Bool) {
        values.append(v)
        validity.append(valid)
        count += 1
    }

    /// Produces the array; the builder is empty afterwards.
    public func finish() throws(PFError) -> ArrayData {
        guard T.stores(type) else { throw .invalidArgument("type \(type.shortName) does not store \(T.self)") }
        let v = swapOut(&values, MutableBuffer()).finish()
        let bits = swapOut(&validity, BitmapBuilder()).finish()
        let n = count, nc = nulls
        count = 0; nulls = 0
        return try ArrayData(type: type, length: n, nullCount: nc, buffers: [nc > 0 ? bits : nil, v])
    }
}

/// Replaces a noncopyable value and returns the old one.
func swapOut<V: ~Copyable>(_ slot: inout V, _ new: consuming V) -> V {
    let old = consume slot
    slot = new
    return old
}
