import PFColumnar

/// An open Parquet file: the mapped bytes and the decoded footer.
public final class ParquetFile: Sendable {
    /// The file bytes.
    public let file: MappedFile
    /// The decoded footer.
    public let metadata: ParquetFileMetadata

    /// Opens and maps `path` and reads its footer.
    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    /// Reads the footer of an already mapped file.
    public init(file: MappedFile) throws {
        self.file = file
        self.metadata = try ParquetFileMetadata.read(from: file)
    }

    /// Pairs a mapped file with its already decoded footer.
    public init(file: MappedFile, metadata: ParquetFileMetadata) {
        self.file = file
        self.metadata = metadata
    }

    /// A page reader over the chunk of leaf `column` in `rowGroup`.
    public func pageReader(rowGroup: Int, column: Int,
                           options: PageReaderOptions = PageReaderOptions()) throws -> ColumnChunkPageReader {
        let chunk = try metadata.columnChunk(rowGroup: rowGroup, column: column)
        return try ColumnChunkPageReader(file: file, chunk: chunk, column: metadata.columns[column],
                                         options: options)
    }
}
