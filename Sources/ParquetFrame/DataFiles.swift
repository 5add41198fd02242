/// Reading any supported data file by its extension, for the CLI, graph loading and
/// workflow steps. Each format registers its reader as it lands.
public enum DataFiles {
    /// File kinds recognised by extension.
    public enum Kind: String, Sendable, CaseIterable {
        case parquet, csv, tsv, avro
    }

    /// The kind of `path` from its extension (`.parquet`/`.pqt`, `.csv`, `.tsv`, `.avro`).
    public static func kind(of path: String) throws(PFError) -> Kind {
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        switch ext {
        case "parquet", "pqt": return .parquet
        case "csv": return .csv
        case "tsv": return .tsv
        case "avro": return .avro
        default:
            throw .invalidArgument("'\(path)': unknown file type '.\(ext)' (expected .parquet, .pqt, .csv, .tsv or .avro)")
        }
    }

    /// Reads a whole file into a table, optionally keeping only `columns`.
    public static func read(_ path: String, columns: [String]? = nil) throws(PFError) -> Table {
        let k = try kind(of: path)
        if k == .parquet {
            do {
                return try ParquetReader(path: path).read(columns: columns)
            } catch let e as PFError {
                throw e
            } catch {
                throw .format("'\(path)': \(error)")
            }
        }
        if k == .csv || k == .tsv {
            var o = CSVReadOptions()
            if k == .tsv { o.delimiter = 9 }
            o.columns = columns
            return try CSVReader.read(path: path, options: o)
        }
        if k == .avro {
            return try AvroReader.read(path: path, options: AvroReadOptions(columns: columns))
        }
        throw .unsupported("reading .\(k.rawValue) files is not available in this build yet ('\(path)')")
    }
}
