/// A view over a struct: named children of equal length.
public struct StructArray: TypedArray {
    public let data: ArrayData
    public let fields: [Field]

    public init(_ data: ArrayData) throws(PFError) {
        guard case .struct(let fs) = data.type else { throw .invalidArgument("expected struct array, got \(data.type.shortName)") }
        self.data = data
        fields = fs
    }

    /// Child `i` sliced to this array's slots (zero-copy).
    public func field(_ i: Int) -> ArrayData { data.children[i].slice(unchecked: data.offset, data.length) }

    /// The child named `name`, sliced to this array's slots.
    public func field(named name: String) -> ArrayData? {
        fields.firstIndex { $0.name == name }.map { field($0) }
    }

    /// Builds a struct array from children of equal length.
    public static func make(_ children: [(Field, ArrayData)], validity: [Bool]? = nil) throws(PFError) -> StructArray {
        let n = children.first?.1.length ?? 0
        let (vbuf, nulls) = validityBuffer(validity, count: n)
        let data = try ArrayData(type: .struct(children.map(\.0)), length: n, nullCount: nulls,
                                 buffers: [vbuf], children: children.map(\.1))
        return try StructArray(data)
    }
}
