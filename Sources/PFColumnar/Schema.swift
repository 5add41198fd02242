/// The ordered fields of a ``RecordBatch`` or ``Table`` plus schema-level metadata.
public struct Schema: Sendable, Hashable, CustomStringConvertible {
    public var fields: [Field]
    public var metadata: KeyValueMetadata

    public init(_ fields: [Field], metadata: KeyValueMetadata = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    /// Column names in order.
    public var names: [String] { fields.map(\.name) }

    /// Index of the first field named `name`.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// The field named `name`, or nil.
    public func field(named name: String) -> Field? { index(of: name).map { fields[$0] } }

    public var description: String {
        fields.map(\.description).joined(separator: "\n")
    }
}
