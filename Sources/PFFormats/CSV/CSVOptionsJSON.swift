import PFColumnar

/// The mapping of JSON option objects (parsed as ``JSONValue``) to CSV options.
///
/// Read options keys: `delimiter`, `quote_char` (a one-byte string, or null/"" for no
/// quoting), `escape_char`, `double_quote`, `header`, `skip_rows`, `comment`,
/// `null_values` (array of strings), `column_types` (object name → `"bool"`, `"int8"`
/// ... `"int64"`, `"uint8"` ... `"uint64"`, `"float32"`, `"float64"`, `"date32"`,
/// `"timestamp[s|ms|us|ns]"` optionally with `", UTC"` (e.g. `"timestamp[us, UTC]"`),
/// `"utf8"`/`"string"`, `"large_utf8"`, `"binary"`, `"null"`), `columns` (array),
/// `ragged` (`"error"`, `"fill"`, `"skip"`), `encoding_errors` (`"strict"`,
/// `"replace"`), `trim_whitespace`, `ignore_empty_lines`, `infer_types`,
/// `all_null_type`, `batch_size`, `sample_rows`, `block_size`, `use_mmap`.
/// Write options keys: `delimiter`, `quote_char`, `header`, `null_token`,
/// `line_terminator`. Unknown keys are an error.
public enum CSVOptionsJSON {
    /// Parses a JSON document (a syntax error is `PFError.invalidArgument`).
    public static func parse(_ text: String) throws(PFError) -> JSONValue {
        try JSONValue.parseArgument(text)
    }

    /// CSV read options from a JSON object (nil or empty text: defaults).
    public static func readOptions(_ json: String?) throws(PFError) -> CSVReadOptions {
        var o = CSVReadOptions()
        guard let json, !json.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { return o }
        guard case .object(let members) = try parse(json) else { throw .invalidArgument("CSV options must be a JSON object") }
        for (k, v) in members {
            switch k {
            case "delimiter": o.delimiter = try byte(v, k) ?? o.delimiter
            case "quote_char": o.quoteChar = try byte(v, k)
            case "escape_char": o.escapeChar = try byte(v, k)
            case "comment": o.commentChar = try byte(v, k)
            case "double_quote": o.doubleQuote = try bool(v, k)
            case "header": o.header = try bool(v, k)
            case "skip_rows": o.skipRows = try int(v, k)
            case "null_values": o.nullValues = try strings(v, k)
            case "columns": o.columns = try strings(v, k)
            case "trim_whitespace": o.trimWhitespace = try bool(v, k)
            case "ignore_empty_lines": o.ignoreEmptyLines = try bool(v, k)
            case "infer_types": o.inferTypes = try bool(v, k)
            case "batch_size": o.batchSize = try int(v, k)
            case "sample_rows": o.sampleRows = try int(v, k)
            case "block_size": o.blockSize = try int(v, k)
            case "use_mmap": o.disableMemoryMap = !(try bool(v, k))
            case "all_null_type": o.allNullType = try dataType(try string(v, k))
            case "ragged":
                switch try string(v, k) {
                case "error": o.ragged = .error
                case "fill", "fill_null": o.ragged = .fillNull
                case "skip": o.ragged = .skip
                case let s: throw .invalidArgument("CSV option ragged must be error, fill or skip, not '\(s)'")
                }
            case "encoding_errors":
                switch try string(v, k) {
                case "strict": o.encodingErrors = .strict
                case "replace": o.encodingErrors = .replace
                case let s: throw .invalidArgument("CSV option encoding_errors must be strict or replace, not '\(s)'")
                }
            case "column_types":
                guard case .object(let m) = v else { throw .invalidArgument("CSV option column_types must be an object") }
                for (name, t) in m { o.columnTypes[name] = try dataType(try string(t, "column_types.\(name)")) }
            default:
                throw .invalidArgument("unknown CSV read option '\(k)'")
            }
        }
        return o
    }

    /// CSV write options from a JSON object (nil or empty text: defaults).
    public static func writeOptions(_ json: String?) throws(PFError) -> CSVWriteOptions {
        var o = CSVWriteOptions()
        guard let json, !json.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { return o }
        guard case .object(let members) = try parse(json) else { throw .invalidArgument("CSV options must be a JSON object") }
        for (k, v) in members {
            switch k {
            case "delimiter": o.delimiter = try byte(v, k) ?? o.delimiter
            case "quote_char": o.quoteChar = try byte(v, k) ?? o.quoteChar
            case "header": o.header = try bool(v, k)
            case "null_token": o.nullToken = try string(v, k)
            case "line_terminator": o.lineTerminator = try string(v, k)
            default: throw .invalidArgument("unknown CSV write option '\(k)'")
            }
        }
        return o
    }

    /// A type name as used by `column_types`.
    public static func dataType(_ name: String) throws(PFError) -> DataType {
        let n = name.lowercased().replacingOccurrences(" ", "")
        switch n {
        case "bool", "boolean": return .boolean
        case "int8": return .int8
        case "int16": return .int16
        case "int32": return .int32
        case "int64": return .int64
        case "uint8": return .uint8
        case "uint16": return .uint16
        case "uint32": return .uint32
        case "uint64": return .uint64
        case "float32", "float": return .float32
        case "float64", "double": return .float64
        case "date32", "date": return .date32
        case "utf8", "string", "str": return .utf8
        case "large_utf8", "large_string": return .largeUtf8
        case "binary": return .binary
        case "null": return .null
        default: break
        }
        if n.hasPrefix("timestamp[") && n.hasSuffix("]") {
            let inner = n.dropFirst(10).dropLast()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            let unit: TimeUnit
            switch parts.first ?? "" {
            case "s": unit = .second
            case "ms": unit = .millisecond
            case "us": unit = .microsecond
            case "ns": unit = .nanosecond
            default: throw .invalidArgument("unknown timestamp unit in '\(name)'")
            }
            if parts.count == 1 { return .timestamp(unit, timezone: nil) }
            if parts.count == 2 && (parts[1] == "utc" || parts[1] == "tz=utc") { return .timestamp(unit, timezone: "UTC") }
            throw .invalidArgument("CSV timestamps support no zone or UTC only: '\(name)'")
        }
        throw .invalidArgument("unknown CSV column type '\(name)'")
    }

    private static func string(_ v: JSONValue, _ k: String) throws(PFError) -> String {
        guard case .string(let s) = v else { throw .invalidArgument("CSV option \(k) must be a string") }
        return s
    }

    private static func bool(_ v: JSONValue, _ k: String) throws(PFError) -> Bool {
        guard case .bool(let b) = v else { throw .invalidArgument("CSV option \(k) must be true or false") }
        return b
    }

    private static func int(_ v: JSONValue, _ k: String) throws(PFError) -> Int {
        guard let d = v.doubleValue, d == d.rounded(), abs(d) < 1e15 else {
            throw .invalidArgument("CSV option \(k) must be an integer")
        }
        return Int(d)
    }

    private static func strings(_ v: JSONValue, _ k: String) throws(PFError) -> [String] {
        guard case .array(let a) = v else { throw .invalidArgument("CSV option \(k) must be an array of strings") }
        var out: [String] = []
        for e in a { out.append(try string(e, k)) }
        return out
    }

    /// A one-byte string (nil for null or "").
    private static func byte(_ v: JSONValue, _ k: String) throws(PFError) -> UInt8? {
        if case .null = v { return nil }
        let s = try string(v, k)
        if s.isEmpty { return nil }
        let u = Array(s.utf8)
        guard u.count == 1 else { throw .invalidArgument("CSV option \(k) must be a single byte, got '\(s)'") }
        return u[0]
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var s = ""
        for c in self { if c == a { s += b } else { s.append(c) } }
        return s
    }
}
