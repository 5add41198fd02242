import PFColumnar

extension ParquetWriteOptions {
    /// Parses the options JSON of `pf_parquet_write`: compression, compression_level,
    /// row_group_size, data_page_size, use_dictionary (bool or list of columns),
    /// dictionary_pagesize_limit, data_page_version ("1.0"/"2.0"), column_encoding
    /// {name: encoding}, write_statistics, key_value_metadata {key: value}, store_schema.
    /// Null values mean the default.
    public static func fromJSON(_ text: String?) throws -> ParquetWriteOptions {
        var o = ParquetWriteOptions()
        guard let text, !text.allSatisfy({ $0 == " " || $0 == "\n" }) else { return o }
        guard case .object(let pairs) = try JSONValue.parseArgument(text) else {
            throw PFError.invalidArgument("options JSON must be an object")
        }
        func int(_ k: String, _ v: JSONValue) throws -> Int {
            guard let d = v.doubleValue, d == d.rounded(), abs(d) < 1e15 else {
                throw PFError.invalidArgument("option '\(k)' must be an integer")
            }
            return Int(d)
        }
        func bool(_ k: String, _ v: JSONValue) throws -> Bool {
            guard case .bool(let b) = v else { throw PFError.invalidArgument("option '\(k)' must be true or false") }
            return b
        }
        func str(_ k: String, _ v: JSONValue) throws -> String {
            guard case .string(let s) = v else { throw PFError.invalidArgument("option '\(k)' must be a string") }
            return s
        }
        for (k, v) in pairs {
            if v == .null { continue }
            switch k {
            case "compression": o.compression = try codec(named: try str(k, v))
            case "compression_level": o.compressionLevel = try int(k, v)
            case "row_group_size": o.rowGroupSize = try int(k, v)
            case "data_page_size": o.dataPageSize = try int(k, v)
            case "dictionary_pagesize_limit": o.dictionaryPageSizeLimit = try int(k, v)
            case "use_dictionary":
                if case .array(let names) = v {
                    o.useDictionary = false
                    o.dictionaryColumns = Set(try names.map { try str(k, $0) })
                } else {
                    o.useDictionary = try bool(k, v)
                }
            case "data_page_version":
                guard let pv = DataPageVersion(rawValue: try str(k, v)) else {
                    throw PFError.invalidArgument("data_page_version must be \"1.0\" or \"2.0\"")
                }
                o.dataPageVersion = pv
            case "column_encoding":
                guard case .object(let m) = v else { throw PFError.invalidArgument("column_encoding must be an object") }
                for (name, e) in m { o.columnEncoding[name] = try encoding(named: try str(k, e)) }
            case "write_statistics": o.writeStatistics = try bool(k, v)
            case "store_schema": o.storeArrowSchema = try bool(k, v)
            case "key_value_metadata":
                guard case .object(let m) = v else { throw PFError.invalidArgument("key_value_metadata must be an object") }
                for (key, val) in m { o.keyValueMetadata[key] = try str(key, val) }
            default:
                throw PFError.invalidArgument("unknown Parquet write option '\(k)'")
            }
        }
        try o.validate()
        return o
    }
}
