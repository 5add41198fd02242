/// A view over variable-size lists (list with `Int32`, large_list with `Int64` offsets).
public struct GenericListArray<O: ArrowOffset>: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        let ok: Bool
        switch data.type {
        case .list: ok = O.self == Int32.self
        case .largeList: ok = O.self == Int64.self
        default: ok = false
        }
        guard ok else { throw .invalidArgument("array of type \(data.type.shortName) is not a \(O.self)-offset list") }
        self.data = data
    }

    /// The child values.
    public var values: ArrayData { data.children[0] }

    /// The offsets (length + 1 entries) into ``values``.
    public var offsets: UnsafeBufferPointer<O> {
        guard let b = data.buffers[1] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return b.typed(O.self, offset: data.offset, count: data.length + 1)
    }

    /// The values of slot `i` as a zero-copy slice of the child, nil when null.
    public subscript(i: Int) -> ArrayData? {
        guard !data.isNull(i) else { return nil }
        let o = offsets
        return values.slice(unchecked: Int(o[i]), Int(o[i + 1] - o[i]))
    }

    /// Builds a list array from offsets, child values and an optional validity.
    public static func make(offsets: [O], values: ArrayData, validity: [Bool]? = nil,
                            field: Field? = nil) throws(PFError) -> Self {
        let f = field ?? Field("item", values.type)
        let type: DataType = O.self == Int32.self ? .list(f) : .largeList(f)
        let n = max(0, offsets.count - 1)
        let (vbuf, nulls) = validityBuffer(validity, count: n)
        let data = try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, Buffer.from(offsets)], children: [values])
        try data.validate()
        return try Self(data)
    }
}

public typealias ListArray = GenericListArray<Int32>
public typealias LargeListArray = GenericListArray<Int64>

/// A validity buffer from booleans (nil when all valid) and its null count.
func validityBuffer(_ validity: [Bool]?, count: Int) -> (Buffer?, Int) {
    guard let validity, validity.contains(false) else { return (nil, 0) }
    var b = BitmapBuilder(capacity: count)
    for v in validity.prefix(count) { b.append(v) }
    let nulls = count - b.setCount
    return (b.finish(), nulls)
}
