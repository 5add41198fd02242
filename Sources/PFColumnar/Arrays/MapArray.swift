/// A view over a map: a list of key/value entries per slot.
public struct MapArray: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        guard case .map = data.type else { throw .invalidArgument("expected map array, got \(data.type.shortName)") }
        self.data = data
    }

    /// The entries struct array (keys child 0, values child 1).
    public var entries: ArrayData { data.children[0] }
    public var keys: ArrayData { entries.children[0] }
    public var items: ArrayData { entries.children[1] }

    /// Entry range of slot `i` in ``entries``.
    public func entryRange(_ i: Int) -> Range<Int> {
        let (s, e) = data.offsetPair(width: 4, i)
        return s..<e
    }
}
