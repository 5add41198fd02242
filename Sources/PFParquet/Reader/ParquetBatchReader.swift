import PFColumnar

/// Iterates over the rows of a Parquet file in batches of at most `batchSize` rows,
/// decoding one row group at a time (memory is bounded by the largest row group read).
public final class ParquetBatchReader {
    /// Schema of every batch.
    public let schema: Schema
    let job: ReadJob
    let batchSize: Int
    private var nextGroup = 0
    private var current: RecordBatch?
    private var position = 0

    init(job: ReadJob, batchSize: Int) throws {
        guard batchSize > 0 else { throw PFError.invalidArgument("batch size must be > 0, got \(batchSize)") }
        self.job = job
        self.batchSize = batchSize
        self.schema = job.outputSchema
    }

    /// The next batch, or nil at the end.
    public func next() throws -> RecordBatch? {
        while true {
            if let c = current, position < c.numRows {
                let n = min(batchSize, c.numRows - position)
                let b = try c.slice(position, n)
                position += n
                return b
            }
            current = nil
            guard nextGroup < job.rowGroups.count else { return nil }
            let g = job.rowGroups[nextGroup]
            nextGroup += 1
            current = try job.read([g]).first
            position = 0
        }
    }
}
