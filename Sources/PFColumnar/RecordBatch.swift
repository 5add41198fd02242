/// Equal-length columns with a schema: one chunk of a ``Table``.
public struct RecordBatch: Sendable {
    public let schema: Schema
    public let columns: [ArrayData]
    public let numRows: Int

    /// Creates a batch, checking that column count, types and lengths agree with the schema.
    public init(schema: Schema, columns: [ArrayData]) throws(PFError) {
        guard schema.fields.count == columns.count else {
            throw .invalidArgument("schema has \(schema.fields.count) fields but \(columns.count) columns were given")
        }
        let n = columns.first?.length ?? 0
        for (f, c) in zip(schema.fields, columns) {
            guard c.type == f.type else {
                throw .invalidArgument("column '\(f.name)' has type \(c.type.shortName), schema says \(f.type.shortName)")
            }
            guard c.length == n else {
                throw .invalidArgument("column '\(f.name)' has \(c.length) rows, expected \(n)")
            }
            if !f.nullable && c.nullCount > 0 {
                throw .invalidArgument("column '\(f.name)' is declared non-nullable but has \(c.nullCount) nulls")
            }
        }
        self.schema = schema
        self.columns = columns
        self.numRows = n
    }

    /// Creates a batch from named columns (all nullable).
    public init(_ named: [(String, ArrayData)]) throws(PFError) {
        try self.init(schema: Schema(named.map { Field($0.0, $0.1.type) }), columns: named.map(\.1))
    }

    /// Creates a batch with an explicit row count (needed when there are no columns).
    public init(schema: Schema, columns: [ArrayData], numRows: Int) throws(PFError) {
        if columns.isEmpty {
            guard schema.fields.isEmpty, numRows >= 0 else { throw .invalidArgument("invalid empty batch") }
            self = RecordBatch(trusted: schema, [], numRows: numRows)
        } else {
            try self.init(schema: schema, columns: columns)
            guard self.numRows == numRows else { throw .invalidArgument("batch has \(self.numRows) rows, expected \(numRows)") }
        }
    }

    public var numColumns: Int { columns.count }

    /// The column named `name`, or nil.
    public func column(named name: String) -> ArrayData? { schema.index(of: name).map { columns[$0] } }

    /// Zero-copy slice of rows `[start, start + length)`.
    public func slice(_ start: Int, _ length: Int) throws(PFError) -> RecordBatch {
        guard start >= 0, length >= 0, start <= numRows, length <= numRows - start else {
            throw .invalidArgument("slice [\(start), \(start)+\(length)) out of range for \(numRows) rows")
        }
        return RecordBatch(trusted: schema, columns.map { $0.slice(unchecked: start, length) }, numRows: length)
    }

    /// Columns the caller guarantees to match the schema.
    init(trusted schema: Schema, _ columns: [ArrayData], numRows: Int) {
        self.schema = schema
        self.columns = columns
        self.numRows = numRows
    }

    /// Runs the full ``ArrayData/validate()`` on every column.
    public func validate() throws(PFError) {
        for (f, c) in zip(schema.fields, columns) {
            do { try c.validate() } catch { throw .invalidArgument("column '\(f.name)': \(error.message)") }
        }
    }

    /// Keeps the named columns, in the given order.
    public func select(_ names: [String]) throws(PFError) -> RecordBatch {
        var idx: [Int] = []
        for n in names {
            guard let i = schema.index(of: n) else {
                throw .invalidArgument("no column named '\(n)'; columns are: \(schema.names.joined(separator: ", "))")
            }
            idx.append(i)
        }
        return RecordBatch(trusted: Schema(idx.map { schema.fields[$0] }, metadata: schema.metadata),
                           idx.map { columns[$0] }, numRows: numRows)
    }
}

extension PFError {
    /// The message without the category prefix.
    public var message: String {
        switch self {
        case .io(let m), .unsupported(let m), .invalidArgument(let m), .cancelled(let m), .internalError(let m): return m
        case .format(let m, let off): return off >= 0 ? "\(m) (at byte \(off))" : m
        }
    }
}
