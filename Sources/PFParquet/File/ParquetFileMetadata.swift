import PFColumnar

/// The decoded footer of a Parquet file with its schema tree and typed statistics.
///
/// Building it touches only the footer: no data page is read. The column chunks of a footer
/// read from a file are decoded on access (see ``LazyFileMetaData``), so opening a wide file
/// costs a walk over its chunks, not their decoding.
public struct ParquetFileMetadata: Sendable {
    /// The footer; its column chunks are decoded on access.
    public let footer: LazyFileMetaData
    /// The schema tree and leaf columns.
    public let schema: ParquetSchema

    /// Validates a decoded footer: schema tree, one chunk per leaf in every row group.
    public init(_ fileMetaData: FileMetaData) throws {
        try self.init(footer: LazyFileMetaData(fileMetaData))
    }

    /// Validates a footer: schema tree, one chunk with metadata per leaf in every row group.
    public init(footer: LazyFileMetaData) throws {
        self.footer = footer
        let top = footer.header
        self.schema = try ParquetSchema(elements: top.schema)
        let n = schema.columns.count
        for (i, g) in top.rowGroups.enumerated() {
            let count = footer.columnCount(rowGroup: i)
            guard count == n else {
                throw PFError.format("row group \(i) has \(count) column chunks but the "
                                     + "schema has \(n) leaf columns")
            }
            guard g.numRows >= 0 else {
                throw PFError.format("row group \(i) has negative num_rows \(g.numRows)")
            }
            if let j = footer.firstChunkWithoutMetaData[i] {
                throw PFError.format("row group \(i) column \(j) has no ColumnMetaData")
            }
        }
        if let orders = top.columnOrders, orders.count != n, !orders.isEmpty {
            throw PFError.format("footer has \(orders.count) column orders for \(n) leaf columns")
        }
    }

    /// Reads the footer of `file`.
    public static func read(from file: MappedFile,
                            limits: ThriftLimits = .default) throws -> ParquetFileMetadata {
        try ParquetFileMetadata(footer: ParquetFooter.readLazy(from: file, limits: limits))
    }

    /// Reads the footer of the file at `path` (positioned reads of its end; no mapping).
    public static func read(path: String, limits: ThriftLimits = .default) throws -> ParquetFileMetadata {
        try ParquetFileMetadata(footer: ParquetFooter.readLazy(path: path, limits: limits))
    }

    /// The raw Thrift footer with every column chunk decoded (costly for wide files; a
    /// chunk that fails to decode appears without metadata, ``columnChunk(rowGroup:column:)``
    /// reports its error).
    public var fileMetaData: FileMetaData { footer.fileMetaData }
    /// Number of rows according to the footer.
    public var numRows: Int64 { footer.header.numRows }
    /// Row groups (column chunks decoded on access).
    public var rowGroups: ParquetRowGroups { ParquetRowGroups(footer: footer) }
    /// Number of row groups.
    public var numRowGroups: Int { footer.numRowGroups }
    /// Leaf columns.
    public var columns: [ColumnDescriptor] { schema.columns }
    /// Writer identification.
    public var createdBy: String? { footer.header.createdBy }
    /// File key/value metadata (empty when absent).
    public var keyValueMetadata: [ParquetKeyValue] { footer.header.keyValueMetadata ?? [] }
    /// Format version.
    public var version: Int32 { footer.header.version }

    /// Whether any column chunk is encrypted, or the plaintext footer names an algorithm.
    public var hasEncryptedColumns: Bool {
        footer.header.encryptionAlgorithm != nil || footer.hasEncryptedChunks
    }

    /// The column chunk of `column` in `rowGroup`, decoded now (indices are checked).
    /// - Throws: `.invalidArgument` out of range, `.format` for a malformed chunk.
    public func columnChunk(rowGroup: Int, column: Int) throws -> ColumnChunk {
        try footer.columnChunk(rowGroup: rowGroup, column: column)
    }

    /// Column order of leaf `column` (nil when the footer has none).
    public func columnOrder(_ column: Int) -> ColumnOrder? {
        guard let o = footer.header.columnOrders, column >= 0, column < o.count else { return nil }
        return o[column]
    }

    /// Typed statistics of one chunk (nil when absent, undecodable, or the chunk is encrypted).
    public func statistics(rowGroup: Int, column: Int) -> ColumnStatistics? {
        guard let chunk = try? columnChunk(rowGroup: rowGroup, column: column) else { return nil }
        return statistics(of: chunk, column: column)
    }

    /// Typed statistics of `chunk`, a chunk of leaf `column`.
    public func statistics(of chunk: ColumnChunk, column: Int) -> ColumnStatistics? {
        guard let raw = chunk.metaData?.statistics, column >= 0, column < schema.columns.count else { return nil }
        return ColumnStatistics(raw: raw, column: schema.columns[column], order: columnOrder(column))
    }

    /// File-wide statistics of leaf `column`, aggregated over all row groups (computed on
    /// each call: every row group's chunk of the column is decoded).
    public func fileStatistics(column: Int) -> ColumnStatistics? {
        guard column >= 0, column < schema.columns.count else { return nil }
        var parts: [(stats: ColumnStatistics?, numValues: Int64)] = []
        parts.reserveCapacity(numRowGroups)
        for i in 0..<numRowGroups {
            let chunk = try? columnChunk(rowGroup: i, column: column)
            parts.append((chunk.flatMap { statistics(of: $0, column: column) }, chunk?.metaData?.numValues ?? 0))
        }
        return ColumnStatistics.aggregate(parts, column: schema.columns[column])
    }

    /// Whether the chunk has an offset index or a column index.
    public func hasPageIndex(rowGroup: Int, column: Int) -> Bool {
        guard let c = try? columnChunk(rowGroup: rowGroup, column: column) else { return false }
        return c.hasPageIndex
    }

    /// Whether the chunk has a bloom filter.
    public func hasBloomFilter(rowGroup: Int, column: Int) -> Bool {
        guard let c = try? columnChunk(rowGroup: rowGroup, column: column) else { return false }
        return c.hasBloomFilter
    }
}
