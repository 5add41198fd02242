import PFColumnar
@testable import PFParquet
import PFTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

private func tempDir() -> String {
    var template = Array("/tmp/pf-writer-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return p.map { String(cString: $0) } ?? "/tmp"
}

private func listDir(_ dir: String) -> [String] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var out: [String] = []
    while let e = readdir(d) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name != "." && name != ".." { out.append(name) }
    }
    return out.sorted()
}

private func table(_ cols: [(String, DataType, [Scalar])], nullable: Bool = true) throws -> Table {
    let fields = cols.map { Field($0.0, $0.1, nullable: nullable) }
    let arrays = try cols.map { c throws(PFError) in try ArrayData.make(c.1, c.2) }
    return Table(try RecordBatch(schema: Schema(fields), columns: arrays))
}

@Suite("Parquet writer")
struct WriterTests {
    @Test func flatColumnsFooter() throws {
        let dir = tempDir()
        let path = dir + "/flat.parquet"
        let t = try table([
            ("i", .int32, [.int(3), .null, .int(-7), .int(10)]),
            ("u", .uint32, [.uint(1), .uint(4_000_000_000), .null, .uint(2)]),
            ("s", .utf8, [.string("pear"), .string("apple"), .null, .string("zebra")]),
            ("f", .float64, [.float(.nan), .float(1.5), .float(-2), .null]),
            ("b", .boolean, [.bool(true), .bool(true), .null, .bool(true)]),
        ])
        var o = ParquetWriteOptions()
        o.rowGroupSize = 3
        o.keyValueMetadata = ["owner": "me"]
        try ParquetWriter.write(t, to: path, options: o)
        let md = try ParquetFileMetadata.read(path: path)
        #expect(md.numRows == 4)
        #expect(md.numRowGroups == 2)
        #expect(md.createdBy == "parquetframe version 0.1.0")
        #expect(md.columns.count == 5)
        #expect(md.keyValueMetadata.contains { $0.key == "owner" && $0.value == "me" })
        let schemaText = md.keyValueMetadata.first { $0.key == "ARROW:schema" }?.value
        #expect(try ArrowIPCSchema.decode(schemaText ?? "").fields.map(\.type) == t.schema.fields.map(\.type))
        let g0 = md.rowGroups[0].columns
        // int32: min -7 max 3, one null in the first group.
        let s0 = try #require(g0[0].metaData?.statistics)
        #expect(s0.nullCount == 1)
        #expect(s0.minValue == StatisticsValue.int32(-7).plainBytes)
        #expect(s0.maxValue == StatisticsValue.int32(3).plainBytes)
        // uint32 ordering is unsigned.
        let s1 = try #require(g0[1].metaData?.statistics)
        #expect(s1.maxValue == StatisticsValue.int32(Int32(bitPattern: 4_000_000_000)).plainBytes)
        #expect(s1.minValue == StatisticsValue.int32(1).plainBytes)
        // strings bytewise.
        let s2 = try #require(g0[2].metaData?.statistics)
        #expect(s2.minValue == Array("apple".utf8))
        #expect(s2.maxValue == Array("pear".utf8))
        // doubles skip NaN.
        let s3 = try #require(g0[3].metaData?.statistics)
        #expect(s3.minValue == StatisticsValue.double(-2).plainBytes)
        #expect(s3.maxValue == StatisticsValue.double(1.5).plainBytes)
        #expect(g0[2].metaData?.encodings.contains(.rleDictionary) == true)
        #expect(g0[4].metaData?.encodings.contains(.rleDictionary) == false)
        #expect(listDir(dir) == ["flat.parquet"])
    }

    @Test func schemaMappingFollowsPyarrow() throws {
        let s = try ParquetWriteSchema(Schema([
            Field("l", .list(Field("item", .int32))),
            Field("m", .map(entries: Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int64)]),
                                           nullable: false), keysSorted: false)),
            Field("d", .decimal128(precision: 9, scale: 2)),
            Field("ts", .timestamp(.second, timezone: "UTC")),
            Field("n", .null),
        ]))
        #expect(s.elements.map(\.name) == ["schema", "l", "list", "element", "m", "key_value", "key", "value", "d", "ts", "n"])
        #expect(s.leaves.map(\.maxDefinitionLevel) == [3, 2, 3, 1, 1, 1])
        #expect(s.leaves.map(\.maxRepetitionLevel) == [1, 1, 1, 0, 0, 0])
        #expect(s.elements[8].typeLength == 4)
        #expect(s.elements[9].logicalType == .timestamp(isAdjustedToUTC: true, unit: .millis))
        #expect(s.elements[10].logicalType == .null)
        #expect(ParquetWriteSchema.decimalByteWidth(precision: 18) == 8)
        #expect(ParquetWriteSchema.decimalByteWidth(precision: 19) == 9)
        #expect(ParquetWriteSchema.decimalByteWidth(precision: 38) == 16)
        #expect(throws: PFError.self) {
            _ = try ParquetWriteSchema(Schema([Field("u", .union([Field("a", .int32)], typeIds: [0], mode: .sparse))]))
        }
    }

    @Test func nestedLevels() throws {
        // [[1, null], [], null, [4]]
        let t = DataType.list(Field("item", .int32))
        let a = try ArrayData.make(t, [.list([.int(1), .null]), .list([]), .null, .list([.int(4)])])
        let s = try ParquetWriteSchema(Schema([Field("l", t)]))
        let l = try LevelComputer.levels(node: s.nodes[0], leaf: 0, array: a, rows: 0..<4, maxDef: 3, maxRep: 1)
        #expect(l.def == [3, 2, 1, 0, 3])
        #expect(l.rep == [0, 1, 0, 0, 0])
        // Sliced input: rows 1..<4 of the same array.
        let l2 = try LevelComputer.levels(node: s.nodes[0], leaf: 0, array: a.slice(1, 3), rows: 0..<3, maxDef: 3, maxRep: 1)
        #expect(l2.def == [1, 0, 3])
        #expect(l2.rep == [0, 0, 0])

        // struct<a: int64, c: list<bool>> with a null struct and nulls inside.
        let st = DataType.struct([Field("a", .int64), Field("c", .list(Field("item", .boolean)))])
        let sa = try ArrayData.make(st, [.struct([.int(1), .list([.bool(true), .bool(false)])]), .null,
                                         .struct([.null, .list([.null])]), .struct([.int(2), .null])])
        let ss = try ParquetWriteSchema(Schema([Field("s", st)]))
        let la = try LevelComputer.levels(node: ss.nodes[0], leaf: 0, array: sa, rows: 0..<4, maxDef: 2, maxRep: 0)
        #expect(la.def == [2, 0, 1, 2])
        let lc = try LevelComputer.levels(node: ss.nodes[0], leaf: 1, array: sa, rows: 0..<4, maxDef: 4, maxRep: 1)
        #expect(lc.def == [4, 4, 0, 3, 1])
        #expect(lc.rep == [0, 1, 0, 0, 0])
    }

    @Test(arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2])
    func allTypesWriteAndFooterReads(version: ParquetWriteOptions.DataPageVersion) throws {
        var rng = SplitMix64(seed: 11)
        var fields: [Field] = []
        var cols: [ArrayData] = []
        for (i, t) in RandomArrays.allTypes.enumerated() {
            if case .union = t { continue }
            fields.append(Field("c\(i)", t))
            cols.append(try RandomArrays.array(t, length: 300, nullRate: 0.2, using: &rng))
        }
        let tbl = Table(try RecordBatch(schema: Schema(fields), columns: cols))
        let dir = tempDir()
        var o = ParquetWriteOptions()
        o.dataPageVersion = version
        o.dataPageSize = 256
        o.rowGroupSize = 128
        for codec in [ParquetCompressionCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .brotli] {
            o.compression = codec
            let path = dir + "/all-\(codec).parquet"
            try ParquetWriter.write(tbl, to: path, options: o)
            let md = try ParquetFileMetadata.read(path: path)
            #expect(md.numRows == 300)
            #expect(md.numRowGroups == 3)
            for g in md.rowGroups { for c in g.columns { #expect(c.metaData?.codec == codec) } }
        }
    }

    @Test func failedWriteLeavesNothing() throws {
        let dir = tempDir()
        let path = dir + "/bad.parquet"
        let t = try table([("u", .union([Field("a", .int32)], typeIds: [0], mode: .sparse), [.union(typeId: 0, value: .int(1))])])
        #expect(throws: PFError.self) { try ParquetWriter.write(t, to: path) }
        #expect(listDir(dir).isEmpty)

        // A failure after the temp file exists: bad encoding for the column type.
        let t2 = try table([("s", .utf8, [.string("a")])])
        var o = ParquetWriteOptions()
        o.columnEncoding = ["s": .deltaBinaryPacked]
        #expect(throws: PFError.self) { try ParquetWriter.write(t2, to: path, options: o) }
        #expect(listDir(dir).isEmpty)

        // An existing target survives a failed overwrite.
        try ParquetWriter.write(t2, to: path)
        let before = try ParquetFileMetadata.read(path: path).numRows
        let w = try ParquetWriter(path: path, schema: t2.schema)
        try w.write(table: t2)
        try w.write(table: t2)
        w.abort()
        #expect(listDir(dir) == ["bad.parquet"])
        #expect(try ParquetFileMetadata.read(path: path).numRows == before)

        // Missing directory: an I/O error.
        #expect(throws: PFError.self) { try ParquetWriter.write(t2, to: dir + "/no/such/dir/x.parquet") }
    }

    @Test func sameBytesForAnyThreadCount() throws {
        var rng = SplitMix64(seed: 21)
        let cols = try [DataType.int64, .utf8, .float64, .list(Field("item", .int32))].map { t throws(PFError) in
            try RandomArrays.array(t, length: 5000, nullRate: 0.1, using: &rng)
        }
        let tbl = Table(try RecordBatch(schema: Schema(cols.enumerated().map { Field("c\($0.offset)", $0.element.type) }), columns: cols))
        let dir = tempDir()
        let pool = ThreadPool.shared
        let before = pool.threadCount
        defer { try? pool.resize(to: before) }
        var files: [[UInt8]] = []
        for n in [1, 4] {
            try pool.resize(to: n)
            let p = dir + "/t\(n).parquet"
            try ParquetWriter.write(tbl, to: p)
            let f = try MappedFile(path: p)
            files.append(Array(f.allBytes))
        }
        #expect(files[0] == files[1])
    }

    @Test func optionsJSON() throws {
        let o = try ParquetWriteOptions.fromJSON(#"{"compression": "snappy", "row_group_size": 10, "use_dictionary": ["a"], "data_page_version": "2.0", "column_encoding": {"x": "DELTA_BINARY_PACKED"}, "key_value_metadata": {"k": "v\u00e9"}, "compression_level": null}"#)
        #expect(o.compression == .snappy)
        #expect(o.rowGroupSize == 10)
        #expect(o.useDictionary == false && o.dictionaryColumns == ["a"])
        #expect(o.dataPageVersion == .v2)
        #expect(o.columnEncoding["x"] == .deltaBinaryPacked)
        #expect(o.keyValueMetadata["k"] == "vé")
        #expect(throws: PFError.self) { _ = try ParquetWriteOptions.fromJSON(#"{"compression": "lzo"}"#) }
        #expect(throws: PFError.self) { _ = try ParquetWriteOptions.fromJSON(#"{"row_group_size": 0}"#) }
        #expect(throws: PFError.self) { _ = try ParquetWriteOptions.fromJSON(#"{"nope": 1}"#) }
        #expect(throws: PFError.self) { _ = try ParquetWriteOptions.fromJSON(#"{"a": "#) }
    }
}
