/// An immutable table: a schema and a sequence of ``RecordBatch`` chunks.
///
/// Tables are cheap to copy (batches share their buffers) and safe to share
/// between threads.
public struct Table: Sendable {
    public let schema: Schema
    public let batches: [RecordBatch]
    public let numRows: Int

    /// Creates a table; every batch must have exactly `schema`'s fields (metadata of
    /// batches is ignored in favour of the table schema).
    public init(schema: Schema, batches: [RecordBatch]) throws(PFError) {
        for (i, b) in batches.enumerated() {
            guard b.schema.fields.count == schema.fields.count,
                  zip(b.schema.fields, schema.fields).allSatisfy({ $0.type == $1.type && $0.name == $1.name }) else {
                throw .invalidArgument("batch \(i) has schema (\(b.schema.names.joined(separator: ", "))) that differs from the table's")
            }
        }
        self.schema = schema
        self.batches = batches.map { RecordBatch(trusted: schema, $0.columns, numRows: $0.numRows) }
        self.numRows = batches.reduce(0) { $0 + $1.numRows }
    }

    /// A table of one batch.
    public init(_ batch: RecordBatch) {
        schema = batch.schema
        batches = [batch]
        numRows = batch.numRows
    }

    public var numColumns: Int { schema.fields.count }
    public var columnNames: [String] { schema.names }

    /// The chunks of column `i`.
    public func column(_ i: Int) -> [ArrayData] { batches.map { $0.columns[i] } }

    /// The chunks of the column named `name`.
    public func column(named name: String) throws(PFError) -> [ArrayData] {
        guard let i = schema.index(of: name) else {
            throw .invalidArgument("no column named '\(name)'; columns are: \(schema.names.joined(separator: ", "))")
        }
        return column(i)
    }

    /// Zero-copy slice of rows `[start, start + length)`, clamped to the table.
    public func slice(_ start: Int, _ length: Int) -> Table {
        let s = max(0, min(start, numRows))
        var remaining = max(0, min(length, numRows - s))
        var skip = s
        var out: [RecordBatch] = []
        for b in batches where remaining > 0 {
            if skip >= b.numRows { skip -= b.numRows; continue }
            let take = min(b.numRows - skip, remaining)
            out.append(RecordBatch(trusted: schema, b.columns.map { $0.slice(unchecked: skip, take) }, numRows: take))
            remaining -= take
            skip = 0
        }
        return Table(trusted: schema, out)
    }

    /// The first `n` rows.
    public func head(_ n: Int) -> Table { slice(0, n) }

    /// Keeps the named columns in the given order.
    public func select(_ names: [String]) throws(PFError) -> Table {
        let sel = try batches.map { b throws(PFError) in try b.select(names) }
        var fields: [Field] = []
        for n in names {
            guard let f = schema.field(named: n) else { throw .invalidArgument("no column named '\(n)'") }
            fields.append(f)
        }
        return Table(trusted: Schema(fields, metadata: schema.metadata), sel)
    }

    init(trusted schema: Schema, _ batches: [RecordBatch]) {
        self.schema = schema
        self.batches = batches
        self.numRows = batches.reduce(0) { $0 + $1.numRows }
    }

    /// Runs the full validation on every batch.
    public func validate() throws(PFError) { for b in batches { try b.validate() } }

    /// Equal schemas (names, types, nullability, metadata) and equal values, however the rows are chunked.
    public func equals(_ other: Table) -> Bool {
        guard schema == other.schema, numRows == other.numRows else { return false }
        for c in 0..<numColumns where !Table.chunksEqual(column(c), other.column(c)) { return false }
        return true
    }

    static func chunksEqual(_ a: [ArrayData], _ b: [ArrayData]) -> Bool {
        var ia = 0, ib = 0, oa = 0, ob = 0
        while true {
            while ia < a.count && oa == a[ia].length { ia += 1; oa = 0 }
            while ib < b.count && ob == b[ib].length { ib += 1; ob = 0 }
            if ia == a.count || ib == b.count { return ia == a.count && ib == b.count }
            let n = min(a[ia].length - oa, b[ib].length - ob)
            if !a[ia].slice(unchecked: oa, n).equals(b[ib].slice(unchecked: ob, n)) { return false }
            oa += n; ob += n
        }
    }
}
