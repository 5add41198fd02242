/// Ordered key–value metadata attached to a ``Field`` or ``Schema``.
///
/// Keys keep their insertion order (as in the Arrow C Data Interface encoding);
/// setting an existing key replaces its value in place.
public struct KeyValueMetadata: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// The pairs in order.
    public private(set) var pairs: [(key: String, value: String)]

    public init() { pairs = [] }
    public init(_ pairs: [(String, String)]) {
        self.pairs = []
        for (k, v) in pairs { self[k] = v }
    }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// True when there are no pairs.
    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        get { pairs.first(where: { $0.key == key })?.value }
        set {
            if let i = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key: key, value: newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }

    public static func == (a: KeyValueMetadata, b: KeyValueMetadata) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
    public func hash(into h: inout Hasher) {
        for p in pairs { h.combine(p.key); h.combine(p.value) }
    }
}
