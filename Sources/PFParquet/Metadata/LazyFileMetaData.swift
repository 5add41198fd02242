import PFColumnar

/// A Parquet footer decoded except for its column chunks, which are decoded on demand.
///
/// Opening decodes the top level of `FileMetaData` (schema, row counts, key/value metadata,
/// writer, column orders) and each row group's own fields. Column chunks, nearly all of a
/// wide file's footer, are only walked: the walk checks their Thrift structure under the
/// same bounds, depth and element limits as a full decode, allocates nothing, and records
/// where each chunk lies so that it can be decoded later by itself. Immutable and
/// thread-safe; nothing is cached, so a chunk is decoded on every access.
public final class LazyFileMetaData: Sendable {
    /// The footer with row groups whose `columns` are empty (see ``columnChunk(rowGroup:column:)``).
    public let header: FileMetaData
    private let storage: Storage
    /// Whether any column chunk is encrypted (field 8 or 9 of `ColumnChunk`).
    public let hasEncryptedChunks: Bool
    /// Per row group, the first column whose chunk has neither `ColumnMetaData` nor
    /// encryption metadata (nil when every chunk has one of them).
    let firstChunkWithoutMetaData: [Int?]

    private enum Storage: Sendable {
        /// Chunks already decoded (a footer built in memory).
        case decoded([[ColumnChunk]])
        /// Chunks serialized in the footer: chunk `c` of row group `g` occupies
        /// `bounds[groupStart[g] + c] ..< bounds[groupStart[g] + c + 1]`, relative to the
        /// footer's first byte; `bounds` holds one extra entry per group (its end).
        case serialized(bytes: FooterBytes, bounds: [UInt32], groupStart: [Int], limits: ThriftLimits)
    }

    /// Wraps a fully decoded footer.
    public init(_ metadata: FileMetaData) {
        var top = metadata
        var chunks: [[ColumnChunk]] = []
        chunks.reserveCapacity(metadata.rowGroups.count)
        var encrypted = false
        var missing: [Int?] = []
        for i in top.rowGroups.indices {
            let cols = top.rowGroups[i].columns
            encrypted = encrypted || cols.contains { $0.isEncrypted }
            missing.append(cols.firstIndex { $0.metaData == nil && !$0.isEncrypted })
            chunks.append(cols)
            top.rowGroups[i].columns = []
        }
        header = top
        storage = .decoded(chunks)
        hasEncryptedChunks = encrypted
        firstChunkWithoutMetaData = missing
    }

    private init(header: FileMetaData, storage: Storage, encrypted: Bool, missing: [Int?]) {
        self.header = header
        self.storage = storage
        self.hasEncryptedChunks = encrypted
        self.firstChunkWithoutMetaData = missing
    }

    /// Decodes the serialized `FileMetaData` in `bytes`.
    /// - Throws: `PFError.format` for malformed Thrift or a missing required field.
    public static func decode(_ bytes: FooterBytes, limits: ThriftLimits = .default) throws -> LazyFileMetaData {
        var r = ThriftCompactReader(bytes.view, baseOffset: Int64(bytes.fileOffset), limits: limits)
        var bounds: [UInt32] = []
        var groupStart: [Int] = []
        var missing: [Int?] = []
        var encrypted = false
        let top: FileMetaData
        do {
            top = try withExtendedLifetime(bytes) {
                try FileMetaData(thrift: &r) { r, type in
                    // As `readStructList`: a non-list is a wire-type mismatch (skipped).
                    try r.withStructList(type) { r, n in
                        // A repeated field 4 replaces the earlier one.
                        bounds.removeAll(keepingCapacity: true)
                        groupStart.removeAll(keepingCapacity: true)
                        missing.removeAll(keepingCapacity: true)
                        encrypted = false
                        var groups: [RowGroup] = []
                        groups.reserveCapacity(n)
                        for _ in 0..<n {
                            let start = bounds.count
                            var firstMissing: Int?
                            var groupEncrypted = false
                            let g = try RowGroup(thrift: &r) { r, type in
                                try r.withStructList(type) { r, n in
                                    // A repeated field 1 replaces the earlier one.
                                    bounds.removeSubrange(start...)
                                    firstMissing = nil
                                    groupEncrypted = false
                                    for c in 0..<n {
                                        bounds.append(UInt32(truncatingIfNeeded: r.position))
                                        let s = try ColumnChunk.scan(&r)
                                        if s.isEncrypted { groupEncrypted = true }
                                        if !s.hasMetaData, !s.isEncrypted, firstMissing == nil { firstMissing = c }
                                    }
                                    bounds.append(UInt32(truncatingIfNeeded: r.position))
                                    return []
                                }
                            }
                            groupStart.append(start)
                            missing.append(firstMissing)
                            if groupEncrypted { encrypted = true }
                            groups.append(g)
                        }
                        return groups
                    }
                }
            }
        } catch let m as ThriftWireTypeMismatch {
            throw r.error(m.message)
        }
        let storage = Storage.serialized(bytes: bytes, bounds: bounds, groupStart: groupStart, limits: limits)
        return LazyFileMetaData(header: top, storage: storage, encrypted: encrypted, missing: missing)
    }

    /// Number of row groups.
    public var numRowGroups: Int { header.rowGroups.count }

    /// Number of column chunks of row group `g` (0 when out of range).
    public func columnCount(rowGroup g: Int) -> Int {
        guard g >= 0, g < numRowGroups else { return 0 }
        switch storage {
        case .decoded(let chunks): return chunks[g].count
        case .serialized(_, let bounds, let groupStart, _):
            let end = g + 1 < groupStart.count ? groupStart[g + 1] : bounds.count
            return end - groupStart[g] - 1
        }
    }

    /// Decodes chunk `column` of row group `rowGroup`.
    /// - Throws: `.invalidArgument` for indices out of range, `.format` for a malformed chunk.
    public func columnChunk(rowGroup g: Int, column c: Int) throws -> ColumnChunk {
        guard g >= 0, g < numRowGroups else {
            throw PFError.invalidArgument("row group \(g) out of range 0..<\(numRowGroups)")
        }
        let n = columnCount(rowGroup: g)
        guard c >= 0, c < n else {
            throw PFError.invalidArgument("column \(c) out of range 0..<\(n)")
        }
        switch storage {
        case .decoded(let chunks): return chunks[g][c]
        case .serialized(let bytes, let bounds, let groupStart, let limits):
            let i = groupStart[g] + c
            let lo = Int(bounds[i]), hi = Int(bounds[i + 1])
            return try withExtendedLifetime(bytes) {
                try ThriftCompactReader.decode(ColumnChunk.self, from: UnsafeRawBufferPointer(rebasing: bytes.view[lo..<hi]),
                                               baseOffset: Int64(bytes.fileOffset + lo), limits: limits).value
            }
        }
    }

    /// Decodes all chunks of row group `g`.
    public func columnChunks(rowGroup g: Int) throws -> [ColumnChunk] {
        if case .decoded(let chunks) = storage, g >= 0, g < chunks.count { return chunks[g] }
        let n = columnCount(rowGroup: g)
        var out: [ColumnChunk] = []
        out.reserveCapacity(n)
        for c in 0..<n { out.append(try columnChunk(rowGroup: g, column: c)) }
        return out
    }

    /// Row group `g` with its chunks decoded; a chunk that fails to decode is replaced by
    /// an empty `ColumnChunk` (no metadata). ``columnChunks(rowGroup:)`` reports the error.
    public func rowGroup(_ g: Int) -> RowGroup {
        var out = header.rowGroups[g]
        let n = columnCount(rowGroup: g)
        out.columns.reserveCapacity(n)
        for c in 0..<n { out.columns.append((try? columnChunk(rowGroup: g, column: c)) ?? ColumnChunk()) }
        return out
    }

    /// The whole footer with every chunk decoded (failures as in ``rowGroup(_:)``).
    public var fileMetaData: FileMetaData {
        var out = header
        for g in out.rowGroups.indices { out.rowGroups[g] = rowGroup(g) }
        return out
    }
}
