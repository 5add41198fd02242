/// A view over dictionary-encoded values: integer indices into a dictionary array.
public struct DictionaryArray: TypedArray {
    public let data: ArrayData

    public init(_ data: ArrayData) throws(PFError) {
        guard case .dictionary = data.type, data.dictionary != nil else {
            throw .invalidArgument("expected dictionary array, got \(data.type.shortName)")
        }
        self.data = data
    }

    /// The dictionary values.
    public var dictionary: ArrayData { data.dictionary ?? data }

    /// The dictionary index of slot `i`, nil when null.
    public func index(_ i: Int) -> Int? { data.isNull(i) ? nil : data.dictionaryIndex(i) }
}
