/// One row group of an open file: its own fields at hand, its column chunks decoded from the
/// footer on access (see ``LazyFileMetaData``).
public struct ParquetRowGroup: Sendable {
    /// Position of the row group in the file.
    public let index: Int
    /// The row group's fields; `columns` is empty (use ``columns`` or ``columnChunk(_:)``).
    public let header: RowGroup
    let footer: LazyFileMetaData

    init(_ footer: LazyFileMetaData, index: Int) {
        self.index = index
        self.header = footer.header.rowGroups[index]
        self.footer = footer
    }

    /// Number of rows.
    public var numRows: Int64 { header.numRows }
    /// Uncompressed size of the column data.
    public var totalByteSize: Int64 { header.totalByteSize }
    /// Compressed size of the column data.
    public var totalCompressedSize: Int64? { header.totalCompressedSize }
    /// Offset of the first page.
    public var fileOffset: Int64? { header.fileOffset }
    /// Sort order.
    public var sortingColumns: [SortingColumn]? { header.sortingColumns }
    /// Ordinal in the file.
    public var ordinal: Int16? { header.ordinal }
    /// Number of column chunks (one per leaf column of a valid file).
    public var numColumns: Int { footer.columnCount(rowGroup: index) }

    /// The column chunks, decoded now. A chunk that fails to decode appears as an empty
    /// `ColumnChunk` (no metadata); ``decodedColumns()`` and ``columnChunk(_:)`` throw instead.
    public var columns: [ColumnChunk] { footer.rowGroup(index).columns }

    /// The column chunks, decoded now.
    /// - Throws: `PFError.format` for a malformed chunk.
    public func decodedColumns() throws -> [ColumnChunk] { try footer.columnChunks(rowGroup: index) }

    /// Decodes the chunk of leaf `column`.
    /// - Throws: `.invalidArgument` out of range, `.format` for a malformed chunk.
    public func columnChunk(_ column: Int) throws -> ColumnChunk {
        try footer.columnChunk(rowGroup: index, column: column)
    }

    /// The Thrift `RowGroup` with its chunks decoded (failures as in ``columns``).
    public var rowGroup: RowGroup { footer.rowGroup(index) }
}

/// The row groups of an open file, as a random-access collection of ``ParquetRowGroup``.
public struct ParquetRowGroups: RandomAccessCollection, Sendable {
    let footer: LazyFileMetaData

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of row groups.
    public var endIndex: Int { footer.numRowGroups }

    /// Row group `i` (its chunks are decoded when accessed).
    public subscript(i: Int) -> ParquetRowGroup {
        ParquetRowGroup(footer, index: i)
    }
}
