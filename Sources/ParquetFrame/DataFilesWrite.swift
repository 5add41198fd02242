/// Writing any supported data file by its extension (the counterpart of ``DataFiles/read(_:columns:)``).
extension DataFiles {
    /// Writes `table` to `path`, choosing the format from the extension: `.parquet`/`.pqt`
    /// (the Parquet writer; `compression` and `rowGroupSize` apply), `.csv` and `.tsv`
    /// (the CSV writer). Every writer is atomic: a failure leaves nothing under `path`.
    public static func write(_ table: Table, to path: String, compression: String = "zstd",
                             rowGroupSize: Int? = nil) throws(PFError) {
        switch try kind(of: path) {
        case .parquet:
            do {
                var o = ParquetWriteOptions()
                o.compression = try ParquetWriteOptions.codec(named: compression)
                if let n = rowGroupSize { o.rowGroupSize = n }
                try ParquetWriter.write(table, to: path, options: o)
            } catch let e as PFError {
                throw e
            } catch {
                throw .internalError("\(error)")
            }
        case .csv:
            try CSVWriter.write(table, to: path)
        case .tsv:
            var o = CSVWriteOptions()
            o.delimiter = 9
            try CSVWriter.write(table, to: path, options: o)
        case .avro:
            throw .unsupported("writing .avro files is not supported ('\(path)')")
        }
    }
}
