/// Reading and writing the data files of workflow steps, with format options taken from
/// step parameters. Every write is atomic (temporary file in the target directory, then
/// rename), so a failed or cancelled step never leaves a partial file under its name.
public enum WorkflowFiles {
    /// Parameter names understood by ``read(_:format:params:)``.
    public static let readOptionKeys = ["format", "columns", "delimiter", "header", "skip_rows", "null_values", "limit"]
    /// Parameter names understood by ``write(_:to:format:params:)``.
    public static let writeOptionKeys = ["format", "compression", "compression_level", "row_group_size",
                                         "data_page_size", "dictionary", "delimiter", "header", "null_token"]
    /// Formats by name.
    public static let readFormats = ["auto", "parquet", "csv", "tsv", "avro"]
    /// Formats a step can write.
    public static let writeFormats = ["auto", "parquet", "csv", "tsv"]

    /// Options for reading a file, parsed from step parameters.
    public struct ReadOptions: Sendable {
        public var format = "auto"
        public var columns: [String]?
        public var delimiter: UInt8?
        public var header: Bool?
        public var skipRows: Int?
        public var nullValues: [String]?
        public var limit: Int?

        /// Default options (format by extension).
        public init() {}

        /// Parses (and checks) the read options of a step.
        public static func parse(_ p: inout StepParameters) -> ReadOptions {
            var o = ReadOptions()
            o.format = p.choice("format", WorkflowFiles.readFormats, default: "auto")
            o.columns = p.stringList("columns")
            o.delimiter = WorkflowFiles.delimiter(&p)
            o.header = p.bool("header")
            o.skipRows = p.int("skip_rows")
            o.nullValues = p.stringList("null_values")
            o.limit = p.int("limit")
            return o
        }
    }

    /// Options for writing a file, parsed from step parameters.
    public struct WriteOptions: Sendable {
        public var format = "auto"
        public var parquet = ParquetWriteOptions()
        public var csv = CSVWriteOptions()

        /// Default options (format by extension, Parquet zstd).
        public init() {}

        /// Parses (and checks) the write options of a step.
        public static func parse(_ p: inout StepParameters) -> WriteOptions {
            var o = WriteOptions()
            o.format = p.choice("format", WorkflowFiles.writeFormats, default: "auto")
            if let c = p.string("compression") {
                do { o.parquet.compression = try ParquetWriteOptions.codec(named: c) } catch {
                    p.fail("\(error)", key: "compression")
                }
            }
            if let l = p.int("compression_level") { o.parquet.compressionLevel = l }
            if let n = p.int("row_group_size", min: 1) { o.parquet.rowGroupSize = n }
            if let n = p.int("data_page_size", min: 1) { o.parquet.dataPageSize = n }
            if let b = p.bool("dictionary") { o.parquet.useDictionary = b }
            if let d = WorkflowFiles.delimiter(&p) { o.csv.delimiter = d }
            if let h = p.bool("header") { o.csv.header = h }
            if let n = p.string("null_token") { o.csv.nullToken = n }
            return o
        }
    }

    static func delimiter(_ p: inout StepParameters) -> UInt8? {
        guard let d = p.string("delimiter") else { return nil }
        let text = d == "\\t" || d.lowercased() == "tab" ? "\t" : d
        guard text.utf8.count == 1, let b = text.utf8.first else {
            p.fail("'delimiter' must be a single character (or \"\\t\"), got '\(d)'", key: "delimiter")
            return nil
        }
        return b
    }

    /// The format of `path` for `format` (`auto`: by extension).
    public static func resolveFormat(_ format: String, path: String) throws(PFError) -> String {
        if format != "auto" { return format }
        return try DataFiles.kind(of: path).rawValue
    }

    /// Reads `path` with `options`.
    public static func read(_ path: String, options: ReadOptions = ReadOptions()) throws(PFError) -> Table {
        let format = try resolveFormat(options.format, path: path)
        var table: Table
        switch format {
        case "csv", "tsv":
            var o = CSVReadOptions()
            if format == "tsv" { o.delimiter = 9 }
            if let d = options.delimiter { o.delimiter = d }
            if let h = options.header { o.header = h }
            if let s = options.skipRows { o.skipRows = s }
            if let n = options.nullValues { o.nullValues = n }
            o.columns = options.columns
            table = try CSVReader.read(path: path, options: o)
        default:
            if format != "auto", (try? DataFiles.kind(of: path))?.rawValue != format {
                throw .invalidArgument("format '\(format)' needs a file with the .\(format) extension ('\(path)')")
            }
            table = try DataFiles.read(path, columns: options.columns)
        }
        if let limit = options.limit, limit < table.numRows { table = table.head(limit) }
        return table
    }

    /// Writes `table` to `path` atomically, creating the parent directory if needed.
    public static func write(_ table: Table, to path: String, options: WriteOptions = WriteOptions()) throws(PFError) {
        let format = try resolveFormat(options.format, path: path)
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        switch format {
        case "parquet":
            do { try ParquetWriter.write(table, to: path, options: options.parquet) } catch let e as PFError {
                throw e
            } catch {
                throw .io("cannot write '\(path)': \(error)")
            }
        case "csv", "tsv":
            var o = options.csv
            if format == "tsv" && options.format == "auto" { o.delimiter = 9 }
            try CSVWriter.write(table, to: path, options: o)
        default:
            throw .unsupported("workflow steps cannot write .\(format) files ('\(path)'); use .parquet, .csv or .tsv")
        }
    }
}

/// The default ``OutputWriter``: writes a step's `output:` file by its extension
/// (`.parquet`/`.pqt`, `.csv`, `.tsv`) atomically with default options, creating the
/// directory if needed. A `write` step's own format options apply when it has `output:`.
public struct DataFilesOutputWriter: OutputWriter {
    /// Creates the writer.
    public init() {}

    public func write(_ table: Table, to path: String, step: StepDefinition) throws(PFError) {
        var options = WorkflowFiles.WriteOptions()
        if step.type == "write" {
            var p = StepParameters(step, allowed: WriteStep.keys)
            options = WorkflowFiles.WriteOptions.parse(&p)
        }
        try WorkflowFiles.write(table, to: path, options: options)
    }
}

/// The default ``InputReader``: reads any file ``DataFiles`` supports by its extension.
public struct DataFilesInputReader: InputReader {
    /// Creates the reader.
    public init() {}

    public func read(path: String) throws(PFError) -> Table { try DataFiles.read(path) }
}
