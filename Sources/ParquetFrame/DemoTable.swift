/// The deterministic demo table used by `pframe demo`, the Python demo and the
/// hand-off benchmark. The Python fallback builds the identical table.
public enum DemoTable {
    /// Columns: `id` int64 = i; `value` float64 = i × 0.25, null when i % 10 == 9;
    /// `label` utf8 = "row-" + (i % 1000), null when i % 13 == 0. `batchRows == 0`
    /// makes one batch.
    public static func make(rows: Int, batchRows: Int = 0) throws(PFError) -> Table {
        guard rows >= 0 else { throw .invalidArgument("rows must be >= 0, got \(rows)") }
        guard batchRows >= 0 else { throw .invalidArgument("batch_rows must be >= 0, got \(batchRows)") }
        let schema = Schema([Field("id", .int64), Field("value", .float64), Field("label", .utf8)])
        let per = batchRows == 0 ? max(rows, 1) : batchRows
        var batches: [RecordBatch] = []
        var start = 0
        repeat {
            let n = min(per, rows - start)
            batches.append(try batch(start: start, count: n, schema: schema))
            start += n
        } while start < rows
        return try Table(schema: schema, batches: batches)
    }

    private static func batch(start: Int, count n: Int, schema: Schema) throws(PFError) -> RecordBatch {
        let ids = PrimitiveBuilder<Int64>(type: .int64, capacity: n)
        let values = PrimitiveBuilder<Double>(type: .float64, capacity: n)
        let labels = StringBuilder(type: .utf8, capacity: n, byteCapacity: n * 7)
        let texts: [[UInt8]] = (0..<1000).map { Array("row-\($0)".utf8) }
        for i in start..<(start + n) {
            ids.append(Int64(i))
            if i % 10 == 9 { values.appendNull() } else { values.append(Double(i) * 0.25) }
            if i % 13 == 0 {
                try labels.appendNull()
            } else {
                try labels.append(texts[i % 1000])
            }
        }
        return try RecordBatch(schema: schema, columns: [ids.finish(), values.finish(), labels.finish()])
    }
}
