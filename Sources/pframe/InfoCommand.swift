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
        switch try DataFiles.kind(of: file) {
        case .parquet: break
        case .csv, .tsv:
            print(try Self.csvInfo(file, json: json), terminator: "")
            return
        case .avro:
            print(try Self.avroInfo(file, json: json), terminator: "")
            return
        }
        let reader = try ParquetReader(path: file)
        if json {
            print(try ParquetMetadataJSON.makeChecked(reader).text)
            return
        }
        print(try Self.text(reader, path: file), terminator: "")
    }

    /// Aligned text: file facts, schema, then one table per row group.
    /// - Throws: `PFError.format` when a column chunk of the footer is malformed.
    static func text(_ reader: ParquetReader, path: String) throws -> String {
        let md = reader.metadata
        var out = ""
        out += "file:        \(path)\n"
        out += "created by:  \(md.createdBy ?? "-")\n"
        out += "rows:        \(md.numRows)\n"
        out += "row groups:  \(md.numRowGroups)\n"
        out += "columns:     \(md.columns.count) leaves\n"
        if md.hasEncryptedColumns { out += "encrypted:   yes\n" }
        out += "\nschema (Arrow):\n"
        let fields = reader.schema().fields
        let nw = fields.map(\.name.count).max() ?? 0
        for f in fields {
            out += "  " + pad(f.name, nw) + "  " + f.type.shortName + (f.nullable ? "" : " not null") + "\n"
        }
        out += "\nleaf columns (Parquet):\n"
        var rows: [[String]] = [["path", "physical", "logical", "def", "rep"]]
        for c in md.columns {
            rows.append([c.dotPath, c.physicalType.description,
                         c.logicalType.map(ParquetMetadataJSON.logicalName) ?? c.convertedType.map { "\($0)" } ?? "-",
                         "\(c.maxDefinitionLevel)", "\(c.maxRepetitionLevel)"])
        }
        out += table(rows)
        for (g, rg) in md.rowGroups.enumerated() {
            out += "\nrow group \(g): \(rg.numRows) rows, \(rg.totalByteSize) bytes\n"
            var rows: [[String]] = [["column", "codec", "encodings", "values", "compressed", "uncompressed",
                                     "nulls", "min", "max"]]
            for (j, chunk) in try rg.decodedColumns().enumerated() {
                let c = md.columns[j]
                guard let m = chunk.metaData else { rows.append([c.dotPath, "encrypted"]); continue }
                let s = md.statistics(of: chunk, column: j)
                rows.append([c.dotPath, m.codec.description, m.encodings.map(\.description).joined(separator: ","),
                             "\(m.numValues)", "\(m.totalCompressedSize)", "\(m.totalUncompressedSize)",
                             s?.nullCount.map { "\($0)" } ?? "-", bound(s?.min, c), bound(s?.max, c)])
            }
            out += table(rows)
        }
        return out
    }

    static func bound(_ v: StatisticsValue?, _ c: ColumnDescriptor) -> String {
        guard let v else { return "-" }
        let s: String
        switch v.logical(for: c) {
        case .boolean(let b): s = "\(b)"
        case .integer(let i): s = "\(i)"
        case .unsignedInteger(let u): s = "\(u)"
        case .floatingPoint(let d): s = "\(d)"
        case .string(let t): s = t
        case .decimal(let t): s = t
        case .date(let d): s = "date \(d)"
        case .time(let t, _): s = "time \(t)"
        case .timestamp(let t, _, _): s = "ts \(t)"
        case .int96Timestamp(let ns): s = "ts \(ns)ns"
        case .uuid(let b), .bytes(let b): s = "0x" + ParquetMetadataJSON.hex(b)
        }
        let scalars = Array(s.unicodeScalars)
        return scalars.count > 24 ? String(String.UnicodeScalarView(scalars.prefix(23))) + "…" : s
    }

    static func pad(_ s: String, _ w: Int) -> String {
        s + String(repeating: " ", count: max(0, w - s.unicodeScalars.count))
    }

    static func table(_ rows: [[String]]) -> String {
        let n = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.unicodeScalars.count) } }
        var out = ""
        for r in rows {
            out += "  " + r.enumerated().map { pad($1, widths[$0]) }.joined(separator: "  ") + "\n"
        }
        return out
    }

    static func arrowFields(_ schema: Schema) -> ParquetJSONValue {
        .array(schema.fields.map { f in
            .object([("name", .string(f.name)), ("type", .string(f.type.shortName)), ("nullable", .bool(f.nullable))])
        })
    }

    static func schemaText(_ schema: Schema) -> String {
        var rows: [[String]] = []
        for f in schema.fields { rows.append([f.name, f.type.shortName + (f.nullable ? "" : " not null")]) }
        return table(rows)
    }

    /// CSV/TSV: the schema inferred over the whole file, row count, delimiter, size.
    static func csvInfo(_ path: String, json: Bool) throws -> String {
        let tsv = try DataFiles.kind(of: path) == .tsv
        var o = CSVReadOptions()
        if tsv { o.delimiter = 9 }
        let t = try CSVReader.read(path: path, options: o)
        let size = ProgressBar.fileSize(path)
        let delim = tsv ? "\\t" : ","
        if json {
            return ParquetJSONValue.object([
                ("file", .string(path)), ("format", .string(tsv ? "tsv" : "csv")), ("file_size", .int(size)),
                ("delimiter", .string(tsv ? "\t" : ",")), ("header", .bool(true)),
                ("num_rows", .int(Int64(t.numRows))), ("num_columns", .int(Int64(t.numColumns))),
                ("schema", .object([("arrow", arrowFields(t.schema))])),
            ]).text + "\n"
        }
        var out = ""
        out += "file:        \(path)\n"
        out += "format:      \(tsv ? "tsv" : "csv")\n"
        out += "size:        \(size) bytes\n"
        out += "delimiter:   '\(delim)'\n"
        out += "rows:        \(t.numRows)\n"
        out += "columns:     \(t.numColumns)\n"
        out += "\nschema (inferred, Arrow):\n"
        out += schemaText(t.schema)
        return out
    }

    /// Avro: header facts, block and record counts, the writer schema and the Arrow schema.
    static func avroInfo(_ path: String, json: Bool) throws -> String {
        let s = try AvroReader.describe(path: path)
        if json {
            let arrow: ParquetJSONValue
            let err: ParquetJSONValue
            switch s.arrowSchema {
            case .success(let sc): arrow = arrowFields(sc); err = .null
            case .failure(let e): arrow = .null; err = .string(e.description)
            }
            return ParquetJSONValue.object([
                ("file", .string(path)), ("format", .string("avro")), ("file_size", .int(s.fileSize)),
                ("codec", .string(s.codec.rawValue)), ("num_blocks", .int(Int64(s.blockCount))),
                ("num_rows", .int(Int64(s.recordCount))),
                ("metadata_keys", .array(s.metadataKeys.map { .string($0) })),
                ("schema", .object([("avro", .string(s.schemaJSON)), ("arrow", arrow), ("arrow_error", err)])),
            ]).text + "\n"
        }
        var out = ""
        out += "file:        \(path)\n"
        out += "format:      avro\n"
        out += "size:        \(s.fileSize) bytes\n"
        out += "codec:       \(s.codec.rawValue)\n"
        out += "blocks:      \(s.blockCount)\n"
        out += "rows:        \(s.recordCount)\n"
        out += "metadata:    \(s.metadataKeys.joined(separator: ", "))\n"
        out += "\nschema (Avro):\n  \(s.schemaJSON)\n"
        switch s.arrowSchema {
        case .success(let sc):
            out += "\nschema (Arrow):\n" + schemaText(sc)
        case .failure(let e):
            out += "\nschema (Arrow): unsupported: \(e.description)\n"
        }
        return out
    }
}
