import PFColumnar

/// Page-level pruning of a filtered read: the statistics in the data page headers of flat
/// filter columns exclude whole pages, as the row-group statistics exclude row groups.
/// A page of column `c` is excluded when the filter cannot match knowing only that the
/// page's values of `c` lie within its bounds (the other columns' predicates are assumed
/// satisfiable), so every row of its row range is dropped whatever the other columns hold.
/// The filter columns are then decoded only over the rows no column excludes.
extension ReadJob {
    /// The rows of row group `g` (`rows` long) that page statistics do not exclude, or nil
    /// when they exclude none (or the filter columns have no usable page statistics).
    func pageStatisticsKeep(group g: Int, rows: Int, filter: ParquetFilter, columns fidx: [Int]) -> RowSelection? {
        var keep: RowSelection?
        for i in fidx {
            let p = planned[i]
            guard let leaf = ParquetBatchReader.streamable(p, reader) else { continue }
            for r in excludedRows(p, leaf: leaf, group: g, rows: rows, filter: filter) {
                if keep == nil { keep = RowSelection(count: rows, all: true) }
                keep?.clear(r)
            }
        }
        return keep
    }

    /// Row ranges of the pages of flat column `p` whose header statistics exclude every row;
    /// empty when the headers cannot be read or their row counts do not add up to `rows`
    /// (the decode then reports the problem).
    func excludedRows(_ p: ParquetReader.PlannedColumn, leaf: Int, group g: Int, rows: Int,
                      filter: ParquetFilter) -> [Range<Int>] {
        let md = reader.metadata
        guard let chunk = try? md.columnChunk(rowGroup: g, column: leaf), chunk.metaData?.numValues != 0,
              var pages = try? reader.file.pageReader(rowGroup: g, column: leaf) else { return [] }
        let desc = md.columns[leaf]
        let order = md.columnOrder(leaf)
        var out: [Range<Int>] = []
        var row = 0
        do {
            while let step = try pages.next(skipping: { _ in true }) {
                guard case .skipped(let h) = step, let n = h.dataPageValueCount else { continue }
                if n > 0, let raw = h.dataPageStatistics {
                    let st = ColumnStatistics(raw: raw, column: desc, order: order)
                    let s = Self.scalars(reader, column: p.name, statistics: st, count: Int64(n))
                    if !filter.mayMatch({ $0 == p.name ? s : nil }) {
                        if let last = out.last, last.upperBound == row { out[out.count - 1] = last.lowerBound..<(row + n) }
                        else { out.append(row..<(row + n)) }
                    }
                }
                row += n
            }
        } catch {
            return []
        }
        return row == rows ? out : []
    }
}

extension RowSelection {
    /// Deselects the rows of `range` (clamped to the selection).
    mutating func clear(_ range: Range<Int>) {
        let lo = max(range.lowerBound, 0), hi = min(range.upperBound, count)
        guard lo < hi else { return }
        var i = lo
        while i < hi {
            if i & 63 == 0 && i + 64 <= hi {
                words[i >> 6] = 0
                i += 64
            } else {
                words[i >> 6] &= ~(UInt64(1) << UInt64(i & 63))
                i += 1
            }
        }
    }

    /// This selection (over the rows `base` keeps, in order) expanded to the rows of `base`:
    /// row `base.indices[k]` is selected when row k is.
    func expanded(into base: RowSelection) -> RowSelection {
        var out = RowSelection(count: base.count, all: false)
        var k = 0
        for (wi, w0) in base.words.enumerated() {
            var w = w0
            while w != 0 {
                if get(k) { out.words[wi] |= w & (~w &+ 1) }
                k += 1
                w &= w &- 1
            }
        }
        return out
    }
}
