import PFColumnar

/// A minimal JSON value for the writer options of the C ABI.
enum WriterJSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([WriterJSON])
    case object([(String, WriterJSON)])

    static func == (a: WriterJSON, b: WriterJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Parses `text`.
    static func parse(_ text: String) throws -> WriterJSON {
        var p = Parser(bytes: Array(text.utf8))
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == p.bytes.count else { throw p.error("trailing characters") }
        return v
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        func error(_ what: String) -> PFError { .invalidArgument("options JSON: \(what) at character \(i)") }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func literal(_ s: String, _ v: WriterJSON) throws -> WriterJSON {
            let u = Array(s.utf8)
            guard i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u else { throw error("invalid literal") }
            i += u.count
            return v
        }

        mutating func value(depth: Int) throws -> WriterJSON {
            guard depth < 64 else { throw error("nesting too deep") }
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var out: [(String, WriterJSON)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key") }
                    let k = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
                    i += 1
                    out.append((k, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw error("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
                    throw error("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var out: [WriterJSON] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                while true {
                    out.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw error("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                    throw error("expected ',' or ']'")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default:
                let start = i
                while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                    throw error("invalid value")
                }
                return .number(d)
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                throw error("invalid \\u escape")
            }
            i += 4
            return v
        }

        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw error("unterminated string") }
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "\"") { break }
                if c != UInt8(ascii: "\\") { out.append(c); continue }
                guard i < bytes.count else { throw error("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var cp = try hex4()
                    if cp >= 0xD800 && cp < 0xDC00, i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let lo = try hex4()
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo &- 0xDC00 & 0x3FF)
                    }
                    let scalar = Unicode.Scalar(cp) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension ParquetWriteOptions {
    /// Parses the options JSON of `pf_parquet_write`: compression, compression_level,
    /// row_group_size, data_page_size, use_dictionary (bool or list of columns),
    /// dictionary_pagesize_limit, data_page_version ("1.0"/"2.0"), column_encoding
    /// {name: encoding}, write_statistics, key_value_metadata {key: value}, store_schema.
    /// Null values mean the default.
    public static func fromJSON(_ text: String?) throws -> ParquetWriteOptions {
        var o = ParquetWriteOptions()
        guard let text, !text.allSatisfy({ $0 == " " || $0 == "\n" }) else { return o }
        guard case .object(let pairs) = try WriterJSON.parse(text) else {
            throw PFError.invalidArgument("options JSON must be an object")
        }
        func int(_ k: String, _ v: WriterJSON) throws -> Int {
            guard case .number(let d) = v, d == d.rounded(), abs(d) < 1e15 else {
                throw PFError.invalidArgument("option '\(k)' must be an integer")
            }
            return Int(d)
        }
        func bool(_ k: String, _ v: WriterJSON) throws -> Bool {
            guard case .bool(let b) = v else { throw PFError.invalidArgument("option '\(k)' must be true or false") }
            return b
        }
        func str(_ k: String, _ v: WriterJSON) throws -> String {
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
