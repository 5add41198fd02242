import ArgumentParser
import ParquetFrame

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
