import ArgumentParser
import ParquetFrame

/// `pframe convert IN OUT`: format conversion.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert between Parquet, CSV and Avro.",
        discussion: "The input format (.parquet, .csv, .tsv, .avro) and the output format (.parquet, .csv, .tsv) "
            + "follow the file extensions. The output is written atomically.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Input file.") var input: String
    @Argument(help: "Output file (.parquet, .csv or .tsv).") var output: String
    @Option(name: .long, help: "Parquet compression codec: zstd, snappy, gzip, lz4_raw, brotli or none.")
    var compression: String = "zstd"
    @Option(name: .customLong("row-group-size"), help: "Rows per Parquet row group.") var rowGroupSize: Int?

    func validate() throws {
        if let n = rowGroupSize, n <= 0 { throw ValidationError("--row-group-size must be > 0") }
        do { _ = try ParquetWriteOptions.codec(named: compression) } catch {
            throw ValidationError("unknown --compression '\(compression)' (expected zstd, snappy, gzip, lz4_raw, brotli or none)")
        }
    }

    func run() throws {
        try global.apply()
        let table = try DataFiles.read(input)
        try DataFiles.write(table, to: output, compression: compression, rowGroupSize: rowGroupSize)
    }
}
