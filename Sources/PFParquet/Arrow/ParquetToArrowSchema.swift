import PFColumnar

/// One node of the Arrow view of a Parquet schema: a top-level field or a nested child,
/// with the definition and repetition levels that reassemble it from its leaves.
public struct ArrowColumnNode: Sendable {
    /// What the node is.
    public enum Kind: Sendable {
        /// A primitive leaf: `column` is the leaf index.
        case leaf(column: Int)
        /// A struct of `children`.
        case structure
        /// A list (or map, by `field.type`) of one child.
        case list
    }

    /// Node kind.
    public var kind: Kind
    /// The Arrow field.
    public var field: Field
    /// Definition level at (and above) which a slot of this node is non-null.
    public var definitionLevel: Int
    /// Lists: definition level at (and above) which the list has at least one element.
    public var elementDefinitionLevel: Int
    /// Lists: repetition level of the repeated group (a new element starts at it).
    public var repetitionLevel: Int
    /// Children (one for lists, several for structs).
    public var children: [ArrowColumnNode]
    /// Leaf indices under this node, in file order.
    public var leaves: [Int]

    /// The node restricted to the children on `path` (names below this node); nil when the
    /// path names no child.
    public func restricted(to path: ArraySlice<String>) -> ArrowColumnNode? {
        guard let head = path.first else { return self }
        switch kind {
        case .leaf: return nil
        case .structure:
            guard let i = children.firstIndex(where: { $0.field.name == head }),
                  let c = children[i].restricted(to: path.dropFirst()) else { return nil }
            var n = self
            n.children = [c]
            n.leaves = c.leaves
            n.field.type = .struct([c.field])
            return n
        case .list:
            // Lists are transparent in paths: "a.b" on list<struct<b>> keeps list<struct<b>>.
            var child = children[0]
            if child.field.name == head, path.count == 1 { return self }
            if child.field.name == head { guard let c = child.restricted(to: path.dropFirst()) else { return nil }; child = c }
            else { guard let c = child.restricted(to: path) else { return nil }; child = c }
            var n = self
            n.children = [child]
            n.leaves = child.leaves
            switch n.field.type {
            case .list: n.field.type = .list(child.field)
            case .largeList: n.field.type = .largeList(child.field)
            case .map(_, let sorted): n.field.type = .map(entries: child.field, keysSorted: sorted)
            default: break
            }
            return n
        }
    }
}

/// Conversion of a Parquet schema into an Arrow schema, following the Parquet
/// logical-type specification and its backward-compatibility rules for lists and maps.
public enum ParquetToArrowSchema {
    /// The Arrow nodes of the top-level fields of `schema`.
    public static func nodes(_ schema: ParquetSchema) throws -> [ArrowColumnNode] {
        try schema.root.children.map { try convert($0, parentDefinitionLevel: 0) }
    }

    /// The Arrow schema of a file (file key/value metadata attached, `ARROW:schema` removed).
    public static func schema(_ metadata: ParquetFileMetadata) throws -> Schema {
        let fields = try nodes(metadata.schema).map(\.field)
        var kv = KeyValueMetadata()
        for p in metadata.keyValueMetadata where p.key != "ARROW:schema" { kv[p.key] = p.value ?? "" }
        return Schema(fields, metadata: kv)
    }

    /// The Arrow type of a primitive leaf column.
    public static func leafType(_ column: ColumnDescriptor) throws -> DataType {
        try leafType(column.element, name: column.dotPath)
    }

    static func leafType(_ e: SchemaElement, name: String) throws -> DataType {
        guard let physical = e.type else { throw PFError.format("schema: leaf '\(name)' has no physical type") }
        let logical = e.logicalType
        let converted = e.convertedType
        func decimal(_ maxPrecision: Int) throws -> DataType {
            var p = Int(e.precision ?? 0), s = Int(e.scale ?? 0)
            if case .decimal(let ls, let lp)? = logical { p = Int(lp); s = Int(ls) }
            guard p > 0 else { throw PFError.format("schema: decimal column '\(name)' has precision \(p)") }
            guard p <= 76 else {
                throw PFError.unsupported("decimal column '\(name)' with precision \(p) > 76")
            }
            guard p <= maxPrecision else {
                throw PFError.format("schema: decimal column '\(name)' has precision \(p), more than its "
                                     + "physical type holds (\(maxPrecision))")
            }
            guard s >= 0, s <= p else { throw PFError.format("schema: decimal column '\(name)' has scale \(s) for precision \(p)") }
            // As Arrow: decimal128 up to 38 digits, decimal256 beyond.
            return p <= 38 ? .decimal128(precision: p, scale: s) : .decimal256(precision: p, scale: s)
        }
        var isDecimal = false
        if case .decimal? = logical { isDecimal = true } else if logical == nil && converted == .decimal { isDecimal = true }
        if case .null? = logical { return .null }
        switch physical {
        case .boolean:
            return .boolean
        case .int32:
            if isDecimal { return try decimal(9) }
            switch logical {
            case .integer(let bits, let signed)?:
                switch (bits, signed) {
                case (8, true): return .int8
                case (16, true): return .int16
                case (32, true): return .int32
                case (8, false): return .uint8
                case (16, false): return .uint16
                case (32, false): return .uint32
                default: throw PFError.format("schema: INT(\(bits)) annotation on INT32 column '\(name)'")
                }
            case .date?: return .date32
            case .time(_, let u)?:
                guard u == .millis else { throw PFError.format("schema: TIME(\(u)) on INT32 column '\(name)'") }
                return .time32(.millisecond)
            case nil: break
            default: return .int32
            }
            switch converted {
            case .int8?: return .int8
            case .int16?: return .int16
            case .uint8?: return .uint8
            case .uint16?: return .uint16
            case .uint32?: return .uint32
            case .date?: return .date32
            case .timeMillis?: return .time32(.millisecond)
            default: return .int32
            }
        case .int64:
            if isDecimal { return try decimal(18) }
            switch logical {
            case .integer(let bits, let signed)?:
                guard bits == 64 else { throw PFError.format("schema: INT(\(bits)) annotation on INT64 column '\(name)'") }
                return signed ? .int64 : .uint64
            case .timestamp(let utc, let u)?:
                return .timestamp(timeUnit(u), timezone: utc ? "UTC" : nil)
            case .time(_, let u)?:
                guard u != .millis else { throw PFError.format("schema: TIME(MILLIS) on INT64 column '\(name)'") }
                return .time64(timeUnit(u))
            case nil: break
            default: return .int64
            }
            switch converted {
            case .uint64?: return .uint64
            case .timestampMillis?: return .timestamp(.millisecond, timezone: "UTC")
            case .timestampMicros?: return .timestamp(.microsecond, timezone: "UTC")
            case .timeMicros?: return .time64(.microsecond)
            default: return .int64
            }
        case .int96:
            return .timestamp(.nanosecond, timezone: nil)
        case .float:
            return .float32
        case .double:
            return .float64
        case .byteArray:
            if isDecimal { return try decimal(76) }
            switch logical {
            case .string?, .json?: return .utf8
            case .enumeration?, .bson?: return .binary
            case nil: break
            default: return .binary
            }
            switch converted {
            case .utf8?, .json?: return .utf8
            default: return .binary
            }
        case .fixedLenByteArray:
            let w = Int(e.typeLength ?? 0)
            guard w > 0 else { throw PFError.format("schema: FIXED_LEN_BYTE_ARRAY column '\(name)' has no positive type_length") }
            if isDecimal {
                let maxDigits = w >= 32 ? 76 : Int((Double(8 * w - 1) * 0.30102999566398).rounded(.down))
                return try decimal(max(1, maxDigits))
            }
            switch logical {
            case .float16?:
                guard w == 2 else { throw PFError.format("schema: FLOAT16 column '\(name)' has width \(w)") }
                return .float16
            case .uuid?:
                guard w == 16 else { throw PFError.format("schema: UUID column '\(name)' has width \(w)") }
                return .fixedSizeBinary(byteWidth: 16)
            default:
                return .fixedSizeBinary(byteWidth: w)
            }
        case .unknown(let v):
            throw PFError.format("schema: leaf '\(name)' has unknown physical type \(v)")
        }
    }

    static func timeUnit(_ u: ParquetTimeUnit) -> TimeUnit {
        switch u {
        case .millis: return .millisecond
        case .micros: return .microsecond
        default: return .nanosecond
        }
    }

    static func isListAnnotated(_ e: SchemaElement) -> Bool {
        if case .list? = e.logicalType { return true }
        return e.logicalType == nil && e.convertedType == .list
    }

    static func isMapAnnotated(_ e: SchemaElement) -> Bool {
        if case .map? = e.logicalType { return true }
        return e.logicalType == nil && (e.convertedType == .map || e.convertedType == .mapKeyValue)
    }

    /// Converts node `n`. A repeated node outside a LIST/MAP group becomes a list of
    /// required elements.
    static func convert(_ n: ParquetSchemaNode, parentDefinitionLevel: Int) throws -> ArrowColumnNode {
        if n.repetition == .repeated {
            let element = try convertInner(n, asRequiredElement: true, parentDefinitionLevel: parentDefinitionLevel)
            let f = Field(n.name, .list(element.field), nullable: false)
            return ArrowColumnNode(kind: .list, field: f, definitionLevel: parentDefinitionLevel,
                                   elementDefinitionLevel: n.maxDefinitionLevel,
                                   repetitionLevel: n.maxRepetitionLevel, children: [element],
                                   leaves: element.leaves)
        }
        return try convertInner(n, asRequiredElement: false, parentDefinitionLevel: parentDefinitionLevel)
    }

    /// Converts `n` ignoring its own repetition when `asRequiredElement` (the element of a list
    /// made from a repeated field: present exactly when the repeated field is).
    static func convertInner(_ n: ParquetSchemaNode, asRequiredElement: Bool,
                             parentDefinitionLevel: Int) throws -> ArrowColumnNode {
        let def = n.maxDefinitionLevel
        let nullable = !asRequiredElement && n.repetition == .optional
        if let leaf = n.leafIndex {
            let t = try leafType(n.element, name: n.path.joined(separator: "."))
            var md = KeyValueMetadata()
            if case .uuid? = n.element.logicalType {
                // pyarrow reads UUID columns as the canonical arrow.uuid extension type.
                md["ARROW:extension:name"] = "arrow.uuid"
                md["ARROW:extension:metadata"] = ""
            }
            return ArrowColumnNode(kind: .leaf(column: leaf), field: Field(n.name, t, nullable: nullable, metadata: md),
                                   definitionLevel: def, elementDefinitionLevel: def,
                                   repetitionLevel: n.maxRepetitionLevel, children: [], leaves: [leaf])
        }
        let name = n.path.joined(separator: ".")
        if isListAnnotated(n.element) {
            guard n.children.count == 1, let r = n.children.first, r.repetition == .repeated else {
                throw PFError.format("schema: LIST group '\(name)' must have exactly one repeated child")
            }
            let element: ArrowColumnNode
            if r.isLeaf || r.children.count > 1 || r.name == "array" || r.name == n.name + "_tuple" {
                element = try convertInner(r, asRequiredElement: true, parentDefinitionLevel: def)
            } else {
                guard r.children.count == 1 else {
                    throw PFError.format("schema: LIST group '\(name)' has an empty repeated group")
                }
                element = try convert(r.children[0], parentDefinitionLevel: r.maxDefinitionLevel)
            }
            return ArrowColumnNode(kind: .list, field: Field(n.name, .list(element.field), nullable: nullable),
                                   definitionLevel: def, elementDefinitionLevel: r.maxDefinitionLevel,
                                   repetitionLevel: r.maxRepetitionLevel, children: [element],
                                   leaves: element.leaves)
        }
        if isMapAnnotated(n.element), n.children.count == 1, let r = n.children.first, r.repetition == .repeated,
           !r.isLeaf, r.children.count == 1 {
            // A map without values reads as a list of its keys (as pyarrow does).
            let element = try convert(r.children[0], parentDefinitionLevel: r.maxDefinitionLevel)
            return ArrowColumnNode(kind: .list, field: Field(n.name, .list(element.field), nullable: nullable),
                                   definitionLevel: def, elementDefinitionLevel: r.maxDefinitionLevel,
                                   repetitionLevel: r.maxRepetitionLevel, children: [element],
                                   leaves: element.leaves)
        }
        if isMapAnnotated(n.element), n.children.count == 1, let r = n.children.first,
           r.repetition == .repeated, !r.isLeaf, r.children.count == 2 {
            let key = try convert(r.children[0], parentDefinitionLevel: r.maxDefinitionLevel)
            let value = try convert(r.children[1], parentDefinitionLevel: r.maxDefinitionLevel)
            var keyField = key.field
            keyField.nullable = false
            var kn = key
            kn.field = keyField
            let entriesField = Field(r.name, .struct([keyField, value.field]), nullable: false)
            let entries = ArrowColumnNode(kind: .structure, field: entriesField,
                                          definitionLevel: r.maxDefinitionLevel,
                                          elementDefinitionLevel: r.maxDefinitionLevel,
                                          repetitionLevel: r.maxRepetitionLevel, children: [kn, value],
                                          leaves: key.leaves + value.leaves)
            return ArrowColumnNode(kind: .list,
                                   field: Field(n.name, .map(entries: entriesField, keysSorted: false), nullable: nullable),
                                   definitionLevel: def, elementDefinitionLevel: r.maxDefinitionLevel,
                                   repetitionLevel: r.maxRepetitionLevel, children: [entries],
                                   leaves: entries.leaves)
        }
        guard !n.children.isEmpty else {
            throw PFError.unsupported("group '\(name)' has no children (empty struct)")
        }
        let children = try n.children.map { try convert($0, parentDefinitionLevel: def) }
        return ArrowColumnNode(kind: .structure, field: Field(n.name, .struct(children.map(\.field)), nullable: nullable),
                               definitionLevel: def, elementDefinitionLevel: def,
                               repetitionLevel: n.maxRepetitionLevel, children: children,
                               leaves: children.flatMap(\.leaves))
    }
}
