/// Options of ``ParquetReader``.
public struct ParquetReadOptions: Sendable {
    /// Return dictionary-encoded string/binary columns as Arrow dictionary arrays
    /// (otherwise only columns recorded as dictionaries in `ARROW:schema` are).
    public var dictionaryAsArrow: Bool
    /// Verify page CRC32 checksums where pages carry them.
    public var verifyChecksums: Bool
    /// Restore exact Arrow types from the file's `ARROW:schema` metadata.
    public var useArrowSchema: Bool
    /// Decode columns and row groups on the shared thread pool.
    public var parallel: Bool

    /// Creates options.
    public init(dictionaryAsArrow: Bool = false, verifyChecksums: Bool = false, useArrowSchema: Bool = true,
                parallel: Bool = true) {
        self.dictionaryAsArrow = dictionaryAsArrow
        self.verifyChecksums = verifyChecksums
        self.useArrowSchema = useArrowSchema
        self.parallel = parallel
    }
}
