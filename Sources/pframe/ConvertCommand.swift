import ArgumentParser
import ParquetFrame

/// `pframe convert IN OUT`: format conversion.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert between Parquet, CSV and Avro.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Input file.") var input: String
    @Argument(help: "Output file (.parquet or .csv).") var output: String
    @Option(name: .long, help: "Parquet compression codec.") var compression: String = "zstd"
    @Option(name: .customLong("row-group-size"), help: "Rows per Parquet row group.") var rowGroupSize: Int?

    func run() throws {
        try global.apply()
        _ = try DataFiles.read(input)
    }
}
