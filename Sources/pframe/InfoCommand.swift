import ArgumentParser
import ParquetFrame

/// `pframe info FILE`: schema and file-level facts.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show the schema, row groups, codecs and statistics of a data file.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A .parquet, .csv, .tsv or .avro file.") var file: String
    @Flag(name: .long, help: "Print JSON instead of text.") var json = false

    func run() throws {
        try global.apply()
        _ = try DataFiles.read(file)
    }
}

/// `pframe head FILE`: the first rows of a file.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "head", abstract: "Print the first rows of a data file.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A .parquet, .csv, .tsv or .avro file.") var file: String
    @Option(name: .short, help: "Number of rows.") var n: Int = 10
    @Option(name: .long, help: "Comma-separated columns to show.") var columns: String?

    func run() throws {
        try global.apply()
        _ = try DataFiles.read(file)
    }
}

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

