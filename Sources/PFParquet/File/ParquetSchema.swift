import PFColumnar

/// A leaf column of the schema, with everything a page decoder needs.
public struct ColumnDescriptor: Sendable, Hashable {
    /// Index of the leaf among all leaves (the column chunk index in each row group).
    public var leafIndex: Int
    /// Index of the leaf's element in the flattened `FileMetaData.schema` list.
    public var schemaIndex: Int
    /// Names from the root's child down to the leaf.
    public var path: [String]
    /// The schema element of the leaf.
    public var element: SchemaElement
    /// Physical type of the leaf.
    public var physicalType: ParquetPhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (0 when not set).
    public var typeLength: Int
    /// Maximum definition level.
    public var maxDefinitionLevel: Int
    /// Maximum repetition level.
    public var maxRepetitionLevel: Int

    /// The path joined with dots, as pyarrow prints it.
    public var dotPath: String { path.joined(separator: ".") }
    /// Logical type annotation of the leaf.
    public var logicalType: ParquetLogicalType? { element.logicalType }
    /// Converted type annotation of the leaf.
    public var convertedType: ParquetConvertedType? { element.convertedType }
}

/// One node of the schema tree.
public struct ParquetSchemaNode: Sendable, Hashable {
    /// The schema element.
    public var element: SchemaElement
    /// Index of the element in the flattened list.
    public var schemaIndex: Int
    /// Names from the root's child down to this node (empty for the root).
    public var path: [String]
    /// Children (empty for leaves).
    public var children: [ParquetSchemaNode]
    /// Maximum definition level at this node.
    public var maxDefinitionLevel: Int
    /// Maximum repetition level at this node.
    public var maxRepetitionLevel: Int
    /// Leaf index when this node is a leaf.
    public var leafIndex: Int?

    /// Field name.
    public var name: String { element.name }
    /// Whether this node is a primitive leaf.
    public var isLeaf: Bool { leafIndex != nil }
    /// Repetition (root: required).
    public var repetition: ParquetRepetition { element.repetitionType ?? .required }
}

/// The schema of a file as a tree, built from the flattened `SchemaElement` list.
public struct ParquetSchema: Sendable, Hashable {
    /// Root node (its children are the top-level fields).
    public let root: ParquetSchemaNode
    /// Leaf columns in file order.
    public let columns: [ColumnDescriptor]

    /// Maximum nesting depth accepted.
    public static let maxDepth = 200

    /// Builds the tree and checks it: child counts must match the list, leaves need a type.
    public init(elements: [SchemaElement]) throws {
        guard let first = elements.first else {
            throw PFError.format("schema: the schema list is empty")
        }
        var cursor = 1
        var leaves: [ColumnDescriptor] = []
        func build(index: Int, element: SchemaElement, path: [String], def: Int, rep: Int,
                   depth: Int, isRoot: Bool) throws -> ParquetSchemaNode {
            guard depth <= ParquetSchema.maxDepth else {
                throw PFError.format("schema: nesting deeper than \(ParquetSchema.maxDepth)")
            }
            let n = element.numChildren ?? 0
            let isGroup = isRoot || element.numChildren != nil && (n > 0 || element.type == nil)
            if !isGroup {
                guard let t = element.type else {
                    throw PFError.format("schema: leaf '\(element.name)' has no physical type")
                }
                if case .unknown(let v) = t {
                    throw PFError.format("schema: leaf '\(element.name)' has unknown physical type \(v)")
                }
                var width = 0
                if t == .fixedLenByteArray {
                    guard let l = element.typeLength, l > 0 else {
                        throw PFError.format("schema: FIXED_LEN_BYTE_ARRAY leaf '\(element.name)' "
                                             + "has no positive type_length")
                    }
                    width = Int(l)
                }
                let leaf = leaves.count
                leaves.append(ColumnDescriptor(leafIndex: leaf, schemaIndex: index, path: path,
                                               element: element, physicalType: t, typeLength: width,
                                               maxDefinitionLevel: def, maxRepetitionLevel: rep))
                return ParquetSchemaNode(element: element, schemaIndex: index, path: path,
                                         children: [], maxDefinitionLevel: def,
                                         maxRepetitionLevel: rep, leafIndex: leaf)
            }
            guard n >= 0 else {
                throw PFError.format("schema: group '\(element.name)' has negative num_children \(n)")
            }
            guard Int(n) <= elements.count - cursor else {
                throw PFError.format("schema: group '\(element.name)' declares \(n) children but only "
                                     + "\(elements.count - cursor) elements follow")
            }
            var children: [ParquetSchemaNode] = []
            children.reserveCapacity(Int(n))
            for _ in 0..<Int(n) {
                let ci = cursor
                let child = elements[ci]
                cursor += 1
                let r = child.repetitionType ?? .required
                let cdef = def + (r == .required ? 0 : 1)
                let crep = rep + (r == .repeated ? 1 : 0)
                children.append(try build(index: ci, element: child, path: path + [child.name],
                                          def: cdef, rep: crep, depth: depth + 1, isRoot: false))
            }
            return ParquetSchemaNode(element: element, schemaIndex: index, path: path,
                                     children: children, maxDefinitionLevel: def,
                                     maxRepetitionLevel: rep, leafIndex: nil)
        }
        let root = try build(index: 0, element: first, path: [], def: 0, rep: 0, depth: 0,
                             isRoot: true)
        guard cursor == elements.count else {
            throw PFError.format("schema: \(elements.count - cursor) elements are not reachable "
                                 + "from the root")
        }
        self.root = root
        self.columns = leaves
    }

    /// The leaf with the given dotted path, if any.
    public func column(named dotPath: String) -> ColumnDescriptor? {
        columns.first { $0.dotPath == dotPath }
    }
}
