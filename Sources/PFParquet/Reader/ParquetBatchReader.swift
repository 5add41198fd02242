import PFColumnar

/// Iterates over the rows of a Parquet file in batches of at most `batchSize` rows
/// (exactly `batchSize` except at the end of a row group, or fewer where a filter drops rows;
/// batches never span row groups).
///
/// Flat columns (top-level leaves, no repetition) are decoded incrementally: each keeps a
/// cursor over the pages of its column chunk (memory-mapped) and its dictionary, and pages
/// are decoded only until the batch is covered, so memory is O(batch size + one page) per
/// column whatever the row-group size. Nested columns (structs, lists, maps) are still
/// decoded a whole row group at a time (their rows are delimited by repetition levels
/// across pages) and sliced. Filters are applied to each batch; row groups whose
/// statistics exclude every row are skipped.
public final class ParquetBatchReader {
    /// Schema of every batch.
    public let schema: Schema
    let job: ReadJob
    let batchSize: Int
    private var nextGroup = 0
    private var group = -1
    private var sources: [any StreamingColumnSource] = []
    private var rowsLeft = 0

    init(job: ReadJob, batchSize: Int) throws {
        guard batchSize > 0 else { throw PFError.invalidArgument("batch size must be > 0, got \(batchSize)") }
        self.job = job
        self.batchSize = batchSize
        self.schema = job.outputSchema
    }

    /// Whether planned column `p` is decoded page by page.
    static func streamable(_ p: ParquetReader.PlannedColumn, _ r: ParquetReader) -> Int? {
        guard case .leaf(let c) = p.node.kind, r.metadata.columns[c].maxRepetitionLevel == 0 else { return nil }
        return c
    }

    /// Opens row group `g`: cursors for flat columns, whole-group arrays for nested ones.
    private func open(_ g: Int) throws {
        let planned = job.planned
        var whole: [Int: ArrayData] = [:]
        let nested = planned.indices.filter { Self.streamable(planned[$0], job.reader) == nil }
        if !nested.isEmpty {
            let chunks = try job.decode([g], job.leafTypes(nested.map { planned[$0] }))[0]
            for i in nested { whole[i] = try job.assemble(planned[i], chunks, group: g) }
        }
        var rows = Int(job.reader.metadata.rowGroups[g].numRows)
        if let i = nested.first, let a = whole[i] { rows = a.length }
        sources = try planned.indices.map { i -> any StreamingColumnSource in
            if let a = whole[i] { return WholeGroupColumn(array: a, name: planned[i].name, group: g) }
            guard let leaf = Self.streamable(planned[i], job.reader) else { throw PFError.internalError("plan") }
            return try StreamingLeafColumn(job: job, planned: planned[i], leaf: leaf, group: g)
        }
        group = g
        rowsLeft = max(rows, 0)
    }

    /// The next batch, or nil at the end.
    public func next() throws -> RecordBatch? {
        while true {
            if group >= 0 && rowsLeft == 0 {
                for s in sources { try s.finish() }
                sources = []
                group = -1
            }
            if group < 0 {
                guard nextGroup < job.rowGroups.count else { return nil }
                let g = job.rowGroups[nextGroup]
                nextGroup += 1
                try open(g)
                continue
            }
            let n = min(batchSize, rowsLeft)
            rowsLeft -= n
            let srcs = sources
            let arrays: [ArrayData]
            if job.options.parallel && n >= 8192 && srcs.count > 1 {
                let box = UncheckedSources(srcs)
                let res: [Result<ArrayData, PFError>] = ReadJob.map(srcs.count, parallel: true) { i in
                    do { return .success(try box.sources[i].take(n)) } catch let e as PFError {
                        return .failure(e)
                    } catch { return .failure(.format("\(error)")) }
                }
                arrays = try res.map { try $0.get() }
            } else {
                arrays = try srcs.map { try $0.take(n) }
            }
            if let b = try emit(arrays, rows: n) { return b }
        }
    }

    /// The batch of `arrays` (all planned columns, `rows` long) after the filter; nil when
    /// the filter keeps no row.
    private func emit(_ arrays: [ArrayData], rows: Int) throws -> RecordBatch? {
        let keep = job.planned.count - job.extra
        var out = Array(arrays.prefix(keep))
        var count = rows
        if let filter = job.filter {
            let planned = job.planned
            let sel = try filter.selection({ name in
                guard let i = planned.firstIndex(where: { $0.name == name }) else {
                    throw PFError.invalidArgument("filter on unknown column '\(name)'")
                }
                return arrays[i]
            }, rows: rows)
            count = sel.selectedCount
            if count == 0 { return nil }
            if count < rows {
                let idx = sel.indices
                out = try out.map { try ArrayTake.take($0, idx) }
            }
        }
        return try RecordBatch(schema: schema, columns: out, numRows: count)
    }
}

/// Column sources handed to the thread pool: each task touches only its own source.
private struct UncheckedSources: @unchecked Sendable {
    let sources: [any StreamingColumnSource]
    init(_ s: [any StreamingColumnSource]) { sources = s }
}
