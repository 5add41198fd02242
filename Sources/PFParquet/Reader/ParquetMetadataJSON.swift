import PFColumnar

/// The JSON tree of Parquet metadata output: the core's ``JSONValue`` (kept as a name for
/// existing callers).
public typealias ParquetJSONValue = JSONValue

/// The metadata of a Parquet file as JSON (the C ABI's `pf_parquet_metadata_json` and
/// `pframe info --json`): sizes, schema (Arrow types and Parquet physical/logical types),
/// key/value metadata, and per row group and column chunk the codec, encodings, offsets,
/// sizes, value counts and statistics in the logical domain, plus file-wide aggregates.
public enum ParquetMetadataJSON {
    /// The JSON document of `reader`'s file. A column chunk that fails to decode is shown
    /// without metadata; ``makeChecked(_:)`` throws instead.
    public static func make(_ reader: ParquetReader) -> JSONValue {
        make(reader, rowGroups: true) { reader.metadata.rowGroups[$0].columns }
    }

    /// The JSON document of `reader`'s file.
    /// - Throws: `PFError.format` when a column chunk is malformed.
    public static func makeChecked(_ reader: ParquetReader) throws -> JSONValue {
        try make(reader, rowGroups: true) { try reader.metadata.rowGroups[$0].decodedColumns() }
    }

    /// The document; `chunks(g)` gives the decoded column chunks of row group `g`.
    static func make(_ reader: ParquetReader, rowGroups withGroups: Bool,
                     chunks: (Int) throws -> [ColumnChunk]) rethrows -> JSONValue {
        let md = reader.metadata
        var arrowFields: [JSONValue] = []
        for f in reader.schema().fields {
            arrowFields.append(.object([("name", .string(f.name)), ("type", .string(f.type.shortName)),
                                        ("nullable", .bool(f.nullable))]))
        }
        let columns: [JSONValue] = md.columns.map { c in
            .object([
                ("path", .string(c.dotPath)),
                ("physical_type", .string(c.physicalType.description)),
                ("logical_type", c.logicalType.map { .string(logicalName($0)) } ?? .null),
                ("converted_type", c.convertedType.map { .string(String(describing: $0)) } ?? .null),
                ("type_length", c.typeLength > 0 ? .int(Int64(c.typeLength)) : .null),
                ("repetition", .string((c.element.repetitionType ?? .required).description)),
                ("max_definition_level", .int(Int64(c.maxDefinitionLevel))),
                ("max_repetition_level", .int(Int64(c.maxRepetitionLevel))),
                ("arrow_type", .string((try? ParquetToArrowSchema.leafType(c).shortName) ?? "unsupported")),
            ])
        }
        var o: [(String, JSONValue)] = [
            ("num_rows", .int(md.numRows)),
            ("num_row_groups", .int(Int64(md.numRowGroups))),
            ("num_columns", .int(Int64(md.columns.count))),
            ("created_by", md.createdBy.map { .string($0) } ?? .null),
            ("format_version", .int(Int64(md.version))),
            ("encrypted", .bool(md.hasEncryptedColumns)),
            ("schema", .object([("arrow", .array(arrowFields)), ("columns", .array(columns))])),
            ("key_value_metadata", .object(md.keyValueMetadata.map { ($0.key, $0.value.map { .string($0) } ?? .null) })),
        ]
        if withGroups {
            // Each chunk is decoded once; its statistics feed both its row group's entry and
            // the file-wide aggregate.
            var groups: [JSONValue] = []
            groups.reserveCapacity(md.numRowGroups)
            var perColumn = [[(stats: ColumnStatistics?, numValues: Int64)]](repeating: [], count: md.columns.count)
            for g in 0..<md.numRowGroups {
                let cols = try chunks(g)
                let stats = cols.indices.map { md.statistics(of: cols[$0], column: $0) }
                groups.append(rowGroup(md, g, chunks: cols, statistics: stats))
                for j in perColumn.indices {
                    perColumn[j].append(j < cols.count ? (stats[j], cols[j].metaData?.numValues ?? 0) : (nil, 0))
                }
            }
            let fileStats: [JSONValue] = md.columns.indices.map { j in
                let s = ColumnStatistics.aggregate(perColumn[j], column: md.columns[j])
                return .object([("path", .string(md.columns[j].dotPath)),
                                ("statistics", statistics(s, column: md.columns[j]))])
            }
            o += [("row_groups", .array(groups)), ("file_statistics", .array(fileStats))]
        }
        return .object(o)
    }

    /// The JSON object of row group `g` (as in `make`'s `row_groups[g]`): sizes and, per column
    /// chunk, codec, encodings, offsets, sizes, value counts and statistics.
    /// - Throws: `PFError.format` when a column chunk is malformed.
    public static func rowGroup(_ md: ParquetFileMetadata, _ g: Int) throws -> JSONValue {
        let cols = try md.rowGroups[g].decodedColumns()
        return rowGroup(md, g, chunks: cols, statistics: cols.indices.map { md.statistics(of: cols[$0], column: $0) })
    }

    static func rowGroup(_ md: ParquetFileMetadata, _ g: Int, chunks columns: [ColumnChunk],
                         statistics stats: [ColumnStatistics?]) -> JSONValue {
        let rg = md.rowGroups[g]
        var chunks: [JSONValue] = []
        chunks.reserveCapacity(columns.count)
        for (j, chunk) in columns.enumerated() where j < md.columns.count {
            let c = md.columns[j]
            var o: [(String, JSONValue)] = [("path", .string(c.dotPath))]
            if let m = chunk.metaData {
                o += [
                    ("physical_type", .string(m.type.description)),
                    ("codec", .string(m.codec.description)),
                    ("encodings", .array(m.encodings.map { .string($0.description) })),
                    ("file_offset", .int(chunk.fileOffset)),
                    ("data_page_offset", .int(m.dataPageOffset)),
                    ("dictionary_page_offset", m.dictionaryPageOffset.map { .int($0) } ?? .null),
                    ("index_page_offset", m.indexPageOffset.map { .int($0) } ?? .null),
                    ("total_compressed_size", .int(m.totalCompressedSize)),
                    ("total_uncompressed_size", .int(m.totalUncompressedSize)),
                    ("num_values", .int(m.numValues)),
                    ("statistics", statistics(stats[j], column: c)),
                ]
            } else {
                o.append(("encrypted", .bool(true)))
            }
            o += [
                ("has_page_index", .bool(chunk.hasPageIndex)),
                ("has_offset_index", .bool(chunk.offsetIndexOffset != nil)),
                ("has_column_index", .bool(chunk.columnIndexOffset != nil)),
                ("has_bloom_filter", .bool(chunk.hasBloomFilter)),
            ]
            chunks.append(.object(o))
        }
        return .object([
            ("num_rows", .int(rg.numRows)),
            ("total_byte_size", .int(rg.totalByteSize)),
            ("total_compressed_size", rg.totalCompressedSize.map { .int($0) } ?? .null),
            ("file_offset", rg.fileOffset.map { .int($0) } ?? .null),
            ("columns", .array(chunks)),
        ])
    }

    /// The file-level part of `make`'s document: everything except `row_groups` and
    /// `file_statistics` (cheap: no per-chunk work).
    public static func fileLevel(_ reader: ParquetReader) -> JSONValue {
        make(reader, rowGroups: false) { _ in [] }
    }

    /// Display name of a logical type.
    public static func logicalName(_ l: ParquetLogicalType) -> String {
        switch l {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enumeration: return "ENUM"
        case .decimal(let s, let p): return "DECIMAL(\(p),\(s))"
        case .date: return "DATE"
        case .time(let utc, let u): return "TIME(\(u),\(utc))"
        case .timestamp(let utc, let u): return "TIMESTAMP(\(u),\(utc))"
        case .integer(let b, let s): return "INT(\(b),\(s))"
        case .null: return "UNKNOWN"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .variant: return "VARIANT"
        case .geometry: return "GEOMETRY"
        case .geography: return "GEOGRAPHY"
        case .vector: return "VECTOR"
        case .unrecognized(let id): return "UNRECOGNIZED(\(id))"
        }
    }

    /// Lowercase hex digits of bytes.
    public static func hex(_ b: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for x in b { s.append(digits[Int(x >> 4)]); s.append(digits[Int(x & 15)]) }
        return s
    }

    static func unitName(_ u: ParquetTimeUnit) -> String {
        switch u {
        case .millis: return "ms"
        case .micros: return "us"
        case .nanos: return "ns"
        case .unknown: return "unknown"
        }
    }

    /// A bound as `{"kind": ..., "value": ...}` in the logical domain.
    static func value(_ v: StatisticsValue?, column: ColumnDescriptor) -> JSONValue {
        guard let v else { return .null }
        switch v.logical(for: column) {
        case .boolean(let b): return .object([("kind", .string("boolean")), ("value", .bool(b))])
        case .integer(let i): return .object([("kind", .string("integer")), ("value", .int(i))])
        case .unsignedInteger(let u): return .object([("kind", .string("unsigned")), ("value", .uint(u))])
        case .floatingPoint(let d):
            return .object([("kind", .string("float")), ("value", d.isFinite ? .double(d) : .string(String(d)))])
        case .string(let s): return .object([("kind", .string("string")), ("value", .string(s))])
        case .decimal(let t): return .object([("kind", .string("decimal")), ("value", .string(t))])
        case .date(let d): return .object([("kind", .string("date")), ("value", .int(Int64(d)))])
        case .time(let t, let u):
            return .object([("kind", .string("time")), ("value", .int(t)), ("unit", .string(unitName(u)))])
        case .timestamp(let t, let u, let utc):
            return .object([("kind", .string("timestamp")), ("value", .int(t)), ("unit", .string(unitName(u))),
                            ("utc", .bool(utc))])
        case .int96Timestamp(let ns):
            return .object([("kind", .string("timestamp")), ("value", .int(ns)), ("unit", .string("ns")), ("utc", .bool(false))])
        case .uuid(let b): return .object([("kind", .string("uuid")), ("value", .string(hex(b)))])
        case .bytes(let b): return .object([("kind", .string("bytes")), ("value", .string(hex(b)))])
        }
    }

    static func statistics(_ s: ColumnStatistics?, column: ColumnDescriptor) -> JSONValue {
        guard let s else { return .null }
        return .object([
            ("has_min_max", .bool(s.min != nil && s.max != nil)),
            ("min", value(s.min, column: column)),
            ("max", value(s.max, column: column)),
            ("null_count", s.nullCount.map { .int($0) } ?? .null),
            ("distinct_count", s.distinctCount.map { .int($0) } ?? .null),
            ("nan_count", s.nanCount.map { .int($0) } ?? .null),
            ("is_min_exact", s.isMinExact.map { .bool($0) } ?? .null),
            ("is_max_exact", s.isMaxExact.map { .bool($0) } ?? .null),
        ])
    }
}

/// Read options as JSON (the C ABI's `options_json`): `columns`, `row_groups`, `filters`
/// (pyarrow DNF: a list of conjunctions, or one conjunction, of `[column, op, value]`),
/// `dictionary_as_arrow`, `verify_crc`, `use_threads`.
///
/// Filter values: JSON numbers, strings, booleans, or objects `{"bytes": hex}`,
/// `{"decimal": "unscaled integer"}`, `{"uint": "n"}`; `in`/`not in` take arrays.
public struct ParquetReadRequest: Sendable {
    public var columns: [String]?
    public var rowGroups: [Int]?
    public var filter: ParquetFilter?
    public var options = ParquetReadOptions()

    public init() {}

    /// Parses the options JSON (empty or nil text: defaults).
    public init(json text: String?) throws {
        guard let text, !text.allSatisfy({ $0 == " " || $0 == "\n" }) else { return }
        guard case .object(let o) = try JSONValue.parseArgument(text) else {
            throw PFError.invalidArgument("options must be a JSON object")
        }
        for (k, v) in o {
            switch (k, v) {
            case (_, .null): continue
            case ("columns", .array(let a)):
                columns = try a.map { v throws(PFError) in
                    guard case .string(let s) = v else { throw .invalidArgument("columns must be strings") }
                    return s
                }
            case ("row_groups", .array(let a)):
                rowGroups = try a.map { v throws(PFError) in
                    guard case .int(let i) = v else { throw .invalidArgument("row_groups must be integers") }
                    return Int(i)
                }
            case ("filters", .array(let a)):
                filter = try Self.filter(a)
            case ("dictionary_as_arrow", .bool(let b)): options.dictionaryAsArrow = b
            case ("verify_crc", .bool(let b)): options.verifyChecksums = b
            case ("use_threads", .bool(let b)): options.parallel = b
            case ("use_arrow_schema", .bool(let b)): options.useArrowSchema = b
            default:
                throw PFError.invalidArgument("unknown or mistyped read option '\(k)'")
            }
        }
    }

    static func scalar(_ v: JSONValue) throws -> Scalar {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .double(let d): return .float(d)
        case .string(let s): return .string(s)
        case .object(let o):
            guard o.count == 1, case .string(let t) = o[0].1 else { break }
            switch o[0].0 {
            case "bytes":
                var out: [UInt8] = []
                let cs = Array(t.utf8)
                guard cs.count % 2 == 0 else { break }
                var i = 0
                while i < cs.count {
                    guard let b = UInt8(String(decoding: cs[i..<(i + 2)], as: UTF8.self), radix: 16) else {
                        throw PFError.invalidArgument("bad hex in filter value")
                    }
                    out.append(b)
                    i += 2
                }
                return .binary(out)
            case "decimal":
                if let d = Int128(t) { return .decimal(d) }
                guard let d = Int256(t) else { break }
                return .decimal256(d)
            case "uint":
                guard let u = UInt64(t) else { break }
                return .uint(u)
            case "int":
                guard let u = Int64(t) else { break }
                return .int(u)
            default: break
            }
        default: break
        }
        throw PFError.invalidArgument("unsupported filter value \(v.text)")
    }

    static func predicate(_ p: JSONValue) throws -> (String, ParquetFilter.Op, [Scalar]) {
        guard case .array(let t) = p, t.count == 3 || t.count == 2, case .string(let col) = t[0],
              case .string(let opName) = t[1] else {
            throw PFError.invalidArgument("a filter predicate is [column, op, value], got \(p.text)")
        }
        guard let op = ParquetFilter.Op(name: opName) else {
            throw PFError.invalidArgument("unknown filter operator '\(opName)'")
        }
        var values: [Scalar] = []
        if t.count == 3 {
            if case .array(let vs) = t[2] { values = try vs.map(scalar) } else { values = [try scalar(t[2])] }
        }
        if (op == .isIn || op == .notIn), t.count == 3, case .array = t[2] {} else if op == .isIn || op == .notIn {
            throw PFError.invalidArgument("'\(opName)' needs a list of values")
        }
        if values.count != 1 && ![.isIn, .notIn, .isNull, .isNotNull].contains(op) {
            throw PFError.invalidArgument("'\(opName)' needs exactly one value")
        }
        return (col, op, values)
    }

    static func filter(_ a: [JSONValue]) throws -> ParquetFilter? {
        if a.isEmpty { return nil }
        // One conjunction: [[col, op, value], ...]; DNF: [[[col, op, value], ...], ...].
        let isDNF: Bool = {
            if case .array(let first) = a[0], case .array? = first.first { return true }
            return false
        }()
        let conjunctions: [[JSONValue]] = try isDNF ? a.map { v throws(PFError) in
            guard case .array(let c) = v else { throw .invalidArgument("filters: mixed DNF levels") }
            return c
        } : [a]
        return .dnf(try conjunctions.map { try $0.map(predicate) })
    }
}
