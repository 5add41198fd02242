import PFColumnar

/// How the CSV reader treats a record whose field count differs from the header's.
public enum CSVRaggedRows: Sendable, Hashable {
    /// Throw ``PFError/format(_:offset:)`` naming the line and both field counts (default).
    case error
    /// Pad short records with nulls; drop the extra fields of long records.
    case fillNull
    /// Drop records with the wrong number of fields.
    case skip
}

/// How the CSV reader treats bytes that are not well-formed UTF-8.
public enum CSVEncodingErrors: Sendable, Hashable {
    /// Throw ``PFError/format(_:offset:)`` with the byte offset of the first bad sequence (default).
    case strict
    /// Replace each ill-formed sequence by U+FFFD.
    case replace
}

/// Options of ``CSVReader`` and ``CSVBatchReader``.
///
/// The defaults read RFC 4180 files with a header row and infer column types the way
/// `pyarrow.csv.read_csv` does (see ``CSVReader`` for the differences).
public struct CSVReadOptions: Sendable, Hashable {
    /// Field separator: any single byte (default `,`).
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Quote byte, or nil to disable quoting (default `"`).
    public var quoteChar: UInt8? = UInt8(ascii: "\"")
    /// Inside a quoted field, two quote bytes stand for one (default true).
    public var doubleQuote: Bool = true
    /// Escape byte (typically `\`): the byte after it is taken literally. Default nil.
    public var escapeChar: UInt8? = nil
    /// The first (non-skipped) record holds the column names (default true).
    /// Without a header the columns are named `f0`, `f1`, ... like pyarrow.
    public var header: Bool = true
    /// Physical lines skipped at the start of the file, before the header (default 0).
    public var skipRows: Int = 0
    /// Lines starting with this byte are ignored (default nil: no comments).
    public var commentChar: UInt8? = nil
    /// Field texts that read as null (default `""`, `NA`, `N/A`, `NULL`, `null`).
    /// `NaN` is not a null value: it reads as a float NaN.
    public var nullValues: [String] = ["", "NA", "N/A", "NULL", "null"]
    /// Strip spaces and tabs around unquoted field text; a quote after leading
    /// spaces still opens a quoted field (default false).
    public var trimWhitespace: Bool = false
    /// Skip lines that are completely empty (default true, as pyarrow).
    public var ignoreEmptyLines: Bool = true
    /// What to do with records of the wrong width (default ``CSVRaggedRows/error``).
    public var ragged: CSVRaggedRows = .error
    /// What to do with invalid UTF-8 (default ``CSVEncodingErrors/strict``).
    public var encodingErrors: CSVEncodingErrors = .strict
    /// Explicit column types by name; they override inference. Supported: boolean,
    /// int8...int64, uint8...uint64, float32, float64, date32, timestamp (any unit,
    /// zone nil or "UTC"), utf8, largeUtf8, binary, null.
    public var columnTypes: [String: DataType] = [:]
    /// When false, every column without an explicit type is utf8 (default true).
    public var inferTypes: Bool = true
    /// The type of a column whose values are all null (or that has no rows).
    /// Default utf8 (pyarrow would say `null`); set `.null` to match pyarrow.
    public var allNullType: DataType = .utf8
    /// Columns to read, by name, in this order; nil reads all. Other columns are
    /// tokenized but never converted.
    public var columns: [String]? = nil
    /// Rows per batch of ``CSVBatchReader`` (default 65 536).
    public var batchSize: Int = 65_536
    /// Rows of the first block used to guess types before full-column verification
    /// (default 1 000). The guess is only a fast path: later rows promote the type.
    public var sampleRows: Int = 1_000
    /// Bytes per parallel parse block of ``CSVReader`` (default 4 MiB). Each block
    /// becomes one record batch of the table.
    public var blockSize: Int = 4 << 20
    /// When true, use `read(2)` instead of `mmap(2)` to load the file (default false).
    public var disableMemoryMap: Bool = false

    /// Default options.
    public init() {}

    /// Checks the options for contradictions.
    func validated() throws(PFError) -> CSVReadOptions {
        let special: Set<UInt8> = [10, 13]
        if special.contains(delimiter) { throw .invalidArgument("CSV delimiter cannot be CR or LF") }
        if let q = quoteChar {
            if q == delimiter || special.contains(q) { throw .invalidArgument("CSV quote char must differ from the delimiter, CR and LF") }
        }
        if let e = escapeChar {
            if e == delimiter || e == quoteChar || special.contains(e) {
                throw .invalidArgument("CSV escape char must differ from the delimiter, quote char, CR and LF")
            }
        }
        if let c = commentChar, c == delimiter || special.contains(c) {
            throw .invalidArgument("CSV comment char must differ from the delimiter, CR and LF")
        }
        guard skipRows >= 0 else { throw .invalidArgument("skip_rows must be >= 0") }
        guard batchSize > 0 else { throw .invalidArgument("batch size must be > 0") }
        guard blockSize > 0 else { throw .invalidArgument("block size must be > 0") }
        for (name, t) in columnTypes where !CSVColumnConverter.supports(t) {
            throw .unsupported("CSV column '\(name)': type \(t.shortName) cannot be read from CSV")
        }
        if !CSVColumnConverter.supports(allNullType) {
            throw .unsupported("CSV all-null column type \(allNullType.shortName)")
        }
        return self
    }
}
