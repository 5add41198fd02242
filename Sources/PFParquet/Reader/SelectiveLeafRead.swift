import PFColumnar

/// Late materialization of flat columns: once the filter columns have given a row
/// selection, the other flat columns (top-level leaves without repetition, whose page
/// value counts are row counts) decode only the pages holding a selected row. A page with
/// none is passed over unread: by the chunk's offset index when the file has one (the
/// header is not even decoded), else after decoding its header. Decoded pages are drained
/// every few pages and only their selected rows kept, so memory follows the result, not
/// the row group.
extension ReadJob {
    /// Rows decoded before the selected ones are taken out (bounds the transient memory).
    static let selectiveDrainRows = 1 << 16

    /// The rows of flat planned column `p` (leaf `leaf`) of row group `g` that `sel` keeps,
    /// as the planned output type.
    func readSelected(_ p: ParquetReader.PlannedColumn, leaf: Int, group g: Int,
                      selection sel: RowSelection) throws -> ArrayData {
        let desc = reader.metadata.columns[leaf]
        let type = p.node.field.type
        let keepDef = desc.maxDefinitionLevel > (p.node.field.nullable ? 1 : 0)
        let r = reader
        let opts = options
        let values: ArrayData = try withColumnContext(desc, rowGroup: g) {
            let dec = try LeafChunkDecoder(column: desc, type: type, keepDefinitionLevels: keepDef)
            let chunk = try r.metadata.columnChunk(rowGroup: g, column: leaf)
            var pieces: [ArrayData] = []
            var row = 0         // first row of the next page
            var pieceStart = 0  // first row of the rows buffered in the decoder
            func drain() throws {
                guard dec.bufferedRows > 0 else { return }
                let a = try dec.drain().values
                let idx = sel.indices(in: pieceStart..<(pieceStart + a.length))
                pieces.append(idx.count == a.length ? a : try ArrayTake.take(a, idx))
                pieceStart += a.length
            }
            // A chunk of no values has nothing to decode (writers leave odd offsets there).
            if chunk.isEncrypted || chunk.metaData?.numValues != 0 {
                var pages = try r.file.pageReader(rowGroup: g, column: leaf,
                                                  options: PageReaderOptions(verifyChecksums: opts.verifyChecksums))
                let locations = Self.pageLocations(r, chunk: chunk, extent: pages.extent, rows: sel.count)
                var k = 0             // next page location
                var expected: Int?    // rows of the page the index located, to check its header
                while true {
                    if let locs = locations, k < locs.count, pages.nextPageOffset == Int(locs[k].offset) {
                        let first = Int(locs[k].firstRowIndex)
                        let end = k + 1 < locs.count ? Int(locs[k + 1].firstRowIndex) : sel.count
                        guard first == row else {
                            throw PFError.format("offset index: page \(k) starts at row \(first), the pages before end at row \(row)")
                        }
                        k += 1
                        if !sel.any(in: first..<end) {
                            try drain()
                            try pages.skip(to: k < locs.count ? Int(locs[k].offset) : pages.extent.upperBound,
                                           values: end - first)
                            row = end
                            pieceStart = row
                            continue
                        }
                        expected = end - first
                    }
                    let from = row
                    guard let step = try pages.next(skipping: { h in
                        guard let n = h.dataPageValueCount else { return false }
                        return !sel.any(in: from..<min(from + n, sel.count))
                    }) else { break }
                    switch step {
                    case .skipped(let h):
                        let n = h.dataPageValueCount ?? 0
                        try drain()
                        row += n
                        pieceStart = row
                    case .page(let page):
                        try dec.consume(page)
                        guard case .data(let d) = page else { continue }
                        if let e = expected, e != d.numValues {
                            throw PFError.format("offset index: page at offset \(d.fileOffset) holds \(d.numValues) rows, the index says \(e)")
                        }
                        expected = nil
                        row += d.numValues
                        if dec.bufferedRows >= Self.selectiveDrainRows { try drain() }
                    }
                }
                MappedRelease.release(r.file.file, pages.extent)
            }
            try drain()
            guard row == sel.count else {
                throw PFError.format("the column has \(row) rows, the filter columns \(sel.count)")
            }
            if pieces.isEmpty { return try dec.finish().values }
            return pieces.count == 1 ? pieces[0] : try StreamingConcat.concat(pieces)
        }
        let n = values.length
        let chunk = LeafChunk(column: desc, levelCount: n, definitionLevels: [], repetitionLevels: [],
                              values: values, rowCount: n, isSpread: true)
        return try assemble(p, [leaf: chunk], group: g)
    }

    /// The page locations of a chunk's offset index, or nil when the chunk has none or it
    /// does not describe the chunk consistently (pages are then found from their headers).
    static func pageLocations(_ r: ParquetReader, chunk: ColumnChunk, extent: Range<Int>, rows: Int) -> [PageLocation]? {
        guard let off = chunk.offsetIndexOffset, let len = chunk.offsetIndexLength,
              let view = try? r.file.file.bytes(offset: off, length: Int64(len), "offset index"),
              let index = try? withExtendedLifetime(r.file.file, {
                  try ThriftCompactReader.decode(OffsetIndex.self, from: view, baseOffset: off,
                                                 limits: PageReaderOptions().thriftLimits).value
              }) else { return nil }
        let locs = index.pageLocations
        guard let first = locs.first, first.firstRowIndex == 0 else { return nil }
        for (i, l) in locs.enumerated() {
            guard l.offset >= Int64(extent.lowerBound), l.offset < Int64(extent.upperBound),
                  l.firstRowIndex < Int64(max(rows, 1)) else { return nil }
            if i > 0 {
                let prev = locs[i - 1]
                guard l.offset > prev.offset, l.firstRowIndex > prev.firstRowIndex else { return nil }
            }
        }
        return locs
    }
}
