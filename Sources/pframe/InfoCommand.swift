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
