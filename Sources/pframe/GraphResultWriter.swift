import ParquetFrame

/// Writes result tables for `pframe graph -o` (and `graph generate`) through the
/// library's writers: `DataFiles.write` picks the format from the extension — `.parquet`
/// / `.pqt` (Parquet writer, zstd), `.csv` and `.tsv` (CSV writer) — and every writer is
/// atomic (a temporary file in the target directory renamed into place). Errors are
/// `PFError`s (one line on stderr, exit code 1), e.g. for `.avro`, which cannot be
/// written.
enum GraphResultWriter {
    static func write(_ table: Table, to path: String) throws {
        try DataFiles.write(table, to: path)
    }
}
