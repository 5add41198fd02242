import PFColumnar

/// The decoded footer of a Parquet file with its schema tree and typed statistics.
///
/// Building it touches only the footer: no data page is read.
public struct ParquetFileMetadata: Sendable {
    /// The raw Thrift footer.
    public let fileMetaData: FileMetaData
    /// The schema tree and leaf columns.
    public let schema: ParquetSchema

    /// Validates the footer: schema tree, one chunk per leaf in every row group.
    public init(_ fileMetaData: FileMetaData) throws {
        self.fileMetaData = fileMetaData
        self.schema = try ParquetSchema(elements: fileMetaData.schema)
        let n = schema.columns.count
        for (i, g) in fileMetaData.rowGroups.enumerated() {
            guard g.columns.count == n else {
                throw PFError.format("row group \(i) has \(g.columns.count) column chunks but the "
                                     + "schema has \(n) leaf columns")
            }
            guard g.numRows >= 0 else {
                throw PFError.format("row group \(i) has negative num_rows \(g.numRows)")
            }
            for (j, c) in g.columns.enumerated() where c.metaData == nil && !c.isEncrypted {
                throw PFError.format("row group \(i) column \(j) has no ColumnMetaData")
            }
        }
        if let orders = fileMetaData.columnOrders, orders.count != n, !orders.isEmpty {
            throw PFError.format("footer has \(orders.count) column orders for \(n) leaf columns")
        }
    }

    /// Reads the footer of `file`.
    public static func read(from file: MappedFile,
                            limits: ThriftLimits = .default) throws -> ParquetFileMetadata {
        try ParquetFileMetadata(ParquetFooter.read(from: file, limits: limits))
    }

    /// Opens `path` and reads its footer.
    public static func read(path: String) throws -> ParquetFileMetadata {
        try read(from: MappedFile(path: path))
    }

    /// Number of rows according to the footer.
    public var numRows: Int64 { fileMetaData.numRows }
    /// Row groups.
    public var rowGroups: [RowGroup] { fileMetaData.rowGroups }
    /// Number of row groups.
    public var numRowGroups: Int { fileMetaData.rowGroups.count }
    /// Leaf columns.
    public var columns: [ColumnDescriptor] { schema.columns }
    /// Writer identification.
    public var createdBy: String? { fileMetaData.createdBy }
    /// File key/value metadata (empty when absent).
    public var keyValueMetadata: [ParquetKeyValue] { fileMetaData.keyValueMetadata ?? [] }
    /// Format version.
    public var version: Int32 { fileMetaData.version }

    /// Whether any column chunk is encrypted, or the plaintext footer names an algorithm.
    public var hasEncryptedColumns: Bool {
        fileMetaData.encryptionAlgorithm != nil
            || fileMetaData.rowGroups.contains { $0.columns.contains { $0.isEncrypted } }
    }

    /// The column chunk of `column` in `rowGroup` (indices are checked).
    public func columnChunk(rowGroup: Int, column: Int) throws -> ColumnChunk {
        guard rowGroup >= 0, rowGroup < numRowGroups else {
            throw PFError.invalidArgument("row group \(rowGroup) out of range 0..<\(numRowGroups)")
        }
        let g = fileMetaData.rowGroups[rowGroup]
        guard column >= 0, column < g.columns.count else {
            throw PFError.invalidArgument("column \(column) out of range 0..<\(g.columns.count)")
        }
        return g.columns[column]
    }

    /// Column order of leaf `column` (nil when the footer has none).
    public func columnOrder(_ column: Int) -> ColumnOrder? {
        guard let o = fileMetaData.columnOrders, column >= 0, column < o.count else { return nil }
        return o[column]
    }

    /// Typed statistics of one chunk (nil when absent or the chunk is encrypted).
    public func statistics(rowGroup: Int, column: Int) -> ColumnStatistics? {
        guard let chunk = try? columnChunk(rowGroup: rowGroup, column: column),
              let raw = chunk.metaData?.statistics, column < schema.columns.count else { return nil }
        return ColumnStatistics(raw: raw, column: schema.columns[column], order: columnOrder(column))
    }

    /// File-wide statistics of leaf `column`, aggregated over all row groups.
    public func fileStatistics(column: Int) -> ColumnStatistics? {
        guard column >= 0, column < schema.columns.count else { return nil }
        var parts: [(stats: ColumnStatistics?, numValues: Int64)] = []
        for i in 0..<numRowGroups {
            let n = fileMetaData.rowGroups[i].columns[column].metaData?.numValues ?? 0
            parts.append((statistics(rowGroup: i, column: column), n))
        }
        return ColumnStatistics.aggregate(parts, column: schema.columns[column])
    }

    /// Whether the chunk has an offset index or a column index.
    public func hasPageIndex(rowGroup: Int, column: Int) -> Bool {
        guard let c = try? columnChunk(rowGroup: rowGroup, column: column) else { return false }
        return c.offsetIndexOffset != nil || c.columnIndexOffset != nil
    }

    /// Whether the chunk has a bloom filter.
    public func hasBloomFilter(rowGroup: Int, column: Int) -> Bool {
        guard let c = try? columnChunk(rowGroup: rowGroup, column: column) else { return false }
        return c.metaData?.bloomFilterOffset != nil
    }
}
