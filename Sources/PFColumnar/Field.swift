/// A named, typed column or child of a nested type.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var type: DataType
    public var nullable: Bool
    public var metadata: KeyValueMetadata

    public init(_ name: String, _ type: DataType, nullable: Bool = true, metadata: KeyValueMetadata = [:]) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }

    public var description: String {
        "\(name): \(type.shortName)\(nullable ? "" : " not null")"
    }
}
