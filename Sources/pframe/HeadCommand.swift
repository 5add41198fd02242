import ArgumentParser
import ParquetFrame

/// `pframe head FILE`: the first rows of a file.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "head", abstract: "Print the first rows of a data file.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A .parquet, .csv, .tsv or .avro file.") var file: String
    @Option(name: .short, help: "Number of rows.") var n: Int = 10
    @Option(name: .long, help: "Comma-separated columns to show.") var columns: String?

    func validate() throws {
        guard n >= 0 else { throw ValidationError("-n must be >= 0") }
    }

    func run() throws {
        try global.apply()
        let cols = columns.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
        // Read only the first batches needed (one row group for Parquet, one batch for CSV/Avro).
        let k = try DataFiles.kind(of: file)
        let batchSize = k == .parquet ? max(1, n) : min(max(n, 1_000), 65_536)
        let stream = try DataFiles.openBatches(file, columns: cols, batchSize: batchSize)
        var batches: [RecordBatch] = []
        var rows = 0
        repeat {
            guard let b = try stream.next() else { break }
            batches.append(b)
            rows += b.numRows
        } while rows < n
        let table = try Table(schema: batches.first?.schema ?? stream.schema ?? Schema([]), batches: batches).head(n)
        print(TablePreview.render(table, maxRows: n))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
