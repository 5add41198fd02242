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
        let table: Table
        if try DataFiles.kind(of: file) == .parquet {
            // Read only the first batches needed.
            let reader = try ParquetReader(path: file)
            let it = try reader.batches(columns: cols, batchSize: max(1, n))
            var batches: [RecordBatch] = []
            var rows = 0
            while rows < n, let b = try it.next() {
                batches.append(b)
                rows += b.numRows
            }
            table = try Table(schema: it.schema, batches: batches).head(n)
        } else {
            table = try DataFiles.read(file, columns: cols).head(n)
        }
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
