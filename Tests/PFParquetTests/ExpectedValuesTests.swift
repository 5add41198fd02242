import PFColumnar
@testable import PFParquet
import Testing

@Suite("Decoded values match the corpus' expected output")
struct ExpectedValuesTests {
    /// delta_binary_packed.parquet holds 66 INT32/INT64 columns of 200 values; the expected
    /// values are in delta_binary_packed_expect.csv.
    @Test func deltaBinaryPackedMatchesCSV() throws {
        guard ParquetCorpus.manifest() != nil else { return }
        let base = ParquetCorpus.corporaRoot + "/parquet/parquet-testing/"
        guard let csv = ParquetCorpus.readText(base + "delta_binary_packed_expect.csv") else {
            Issue.record("missing expected CSV"); return
        }
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let f = try ParquetFile(path: base + "delta_binary_packed.parquet")
        #expect(f.metadata.columns.count == header.count)
        for (ci, col) in f.metadata.columns.enumerated() {
            #expect(col.path == [header[ci]])
            var values: [Int64] = []
            for g in 0..<f.metadata.numRowGroups {
                var r = try f.pageReader(rowGroup: g, column: ci)
                while let p = try r.next() {
                    guard case .data(let d) = p else { continue }
                    #expect(d.encoding == .deltaBinaryPacked)
                    try d.values.withUnsafeBytes { (v) throws in
                        var dec = try DeltaBinaryPackedDecoder(v)
                        var out = [Int64](repeating: 0, count: d.numValues)
                        if col.physicalType == .int32 {
                            var o32 = [Int32](repeating: 0, count: d.numValues)
                            _ = try o32.withUnsafeMutableBufferPointer { try dec.decode(into: $0.baseAddress!, count: d.numValues) }
                            out = o32.map(Int64.init)
                        } else {
                            _ = try out.withUnsafeMutableBufferPointer { try dec.decode(into: $0.baseAddress!, count: d.numValues) }
                        }
                        values += out
                    }
                }
            }
            let expected = rows.dropFirst().compactMap { $0.count > ci ? Int64($0[ci]) : nil }
            #expect(values == expected, "column \(col.dotPath)")
        }
        // File-wide statistics of the first column (a constant column).
        let s = f.metadata.fileStatistics(column: 0)
        #expect(s?.min == .int64(6_374_628_540_732_951_412))
        #expect(s?.max == .int64(6_374_628_540_732_951_412))
        #expect(s?.nullCount == 0)
    }
}

@Suite("Statistics")
struct StatisticsTests {
    func column(_ t: ParquetPhysicalType, logical: ParquetLogicalType? = nil, converted: ParquetConvertedType? = nil,
                width: Int = 0) -> ColumnDescriptor {
        var e = SchemaElement(name: "c"); e.type = t; e.logicalType = logical; e.convertedType = converted
        if case .decimal(let s, let p)? = logical { e.scale = s; e.precision = p }
        return ColumnDescriptor(leafIndex: 0, schemaIndex: 1, path: ["c"], element: e, physicalType: t,
                                typeLength: width, maxDefinitionLevel: 1, maxRepetitionLevel: 0)
    }

    @Test func aggregateOverRowGroups() {
        let c = column(.int32)
        func st(_ lo: Int32, _ hi: Int32, nulls: Int64) -> ColumnStatistics {
            var raw = ParquetStatistics()
            raw.minValue = StatisticsValue.int32(lo).plainBytes
            raw.maxValue = StatisticsValue.int32(hi).plainBytes
            raw.nullCount = nulls; raw.distinctCount = 5
            return ColumnStatistics(raw: raw, column: c, order: .typeDefined)
        }
        let agg = ColumnStatistics.aggregate([(st(-5, 10, nulls: 1), 10), (st(3, 40, nulls: 2), 10)], column: c)
        #expect(agg.min == .int32(-5) && agg.max == .int32(40) && agg.nullCount == 3)
        #expect(agg.distinctCount == nil)
        let one = ColumnStatistics.aggregate([(st(1, 2, nulls: 0), 3)], column: c)
        #expect(one.distinctCount == 5)
        // A row group without bounds (and not all-null) makes the file bounds unknown.
        let missing = ColumnStatistics.aggregate([(st(1, 2, nulls: 0), 3), (ColumnStatistics(), 3)], column: c)
        #expect(missing.min == nil && missing.nullCount == nil)
        // Unsigned logical type compares unsigned.
        let u = column(.int32, logical: .integer(bitWidth: 32, isSigned: false))
        var r1 = ParquetStatistics(); r1.minValue = StatisticsValue.int32(-1).plainBytes; r1.maxValue = r1.minValue
        var r2 = ParquetStatistics(); r2.minValue = StatisticsValue.int32(1).plainBytes; r2.maxValue = r2.minValue
        let ua = ColumnStatistics.aggregate([(ColumnStatistics(raw: r1, column: u, order: .typeDefined), 1),
                                             (ColumnStatistics(raw: r2, column: u, order: .typeDefined), 1)], column: u)
        #expect(ua.min == .int32(1) && ua.max == .int32(-1))
        #expect(ua.max?.logical(for: u) == .unsignedInteger(4_294_967_295))
    }

    @Test func legacyMinMaxAndNaN() {
        let bytesCol = column(.byteArray, logical: .string)
        var raw = ParquetStatistics(); raw.min = Array("a".utf8); raw.max = Array("z".utf8)
        // Deprecated signed min/max are not used for byte arrays.
        #expect(ColumnStatistics(raw: raw, column: bytesCol, order: nil).min == nil)
        let d = column(.double)
        var rd = ParquetStatistics(); rd.min = StatisticsValue.double(1).plainBytes; rd.max = StatisticsValue.double(.nan).plainBytes
        let s = ColumnStatistics(raw: rd, column: d, order: nil)
        #expect(s.min == nil && s.max == nil)
        var ok = ParquetStatistics(); ok.min = StatisticsValue.double(1).plainBytes; ok.max = StatisticsValue.double(2).plainBytes
        #expect(ColumnStatistics(raw: ok, column: d, order: nil).max == .double(2))
        var unk = ParquetStatistics(); unk.minValue = StatisticsValue.double(1).plainBytes; unk.maxValue = unk.minValue
        #expect(ColumnStatistics(raw: unk, column: d, order: .unrecognized(9)).min == nil)
    }

    @Test func logicalInterpretation() {
        let dec = column(.fixedLenByteArray, logical: .decimal(scale: 2, precision: 10), width: 4)
        #expect(StatisticsValue.bytes([0xFF, 0xFF, 0xFF, 0x85]).logical(for: dec) == .decimal("-1.23"))
        #expect(StatisticsValue.bytes([0x00, 0x00, 0x30, 0x39]).logical(for: dec) == .decimal("123.45"))
        let dec32 = column(.int32, logical: .decimal(scale: 3, precision: 9))
        #expect(StatisticsValue.int32(5).logical(for: dec32) == .decimal("0.005"))
        let big = column(.byteArray, converted: .decimal)
        #expect(StatisticsValue.bytes([0x01, 0, 0, 0, 0, 0, 0, 0, 0]).logical(for: big) == .decimal("18446744073709551616"))
        #expect(StatisticsValue.int32(19000).logical(for: column(.int32, logical: .date)) == .date(daysSinceEpoch: 19000))
        #expect(StatisticsValue.int64(5).logical(for: column(.int64, logical: .timestamp(isAdjustedToUTC: true, unit: .micros)))
                == .timestamp(5, unit: .micros, isAdjustedToUTC: true))
        #expect(StatisticsValue.bytes(Array("hé".utf8)).logical(for: column(.byteArray, converted: .utf8)) == .string("hé"))
        #expect(StatisticsValue.bytes([0x00, 0x3C]).logical(for: column(.fixedLenByteArray, logical: .float16, width: 2))
                == .floatingPoint(1.0))
        // INT96: Julian day 2440588 at 0 ns is the epoch.
        let epoch: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0x8C, 0x3D, 0x25, 0x00]
        #expect(StatisticsValue.int96(epoch).logical(for: column(.int96)) == .int96Timestamp(nanosecondsSinceEpoch: 0))
        #expect(StatisticsValue.decode([1, 2, 3], physicalType: .int32) == nil)
    }

    @Test func schemaTreeLevels() throws {
        var root = SchemaElement(name: "schema"); root.numChildren = 2
        var a = SchemaElement(name: "a"); a.type = .int32; a.repetitionType = .required
        var l = SchemaElement(name: "l"); l.numChildren = 1; l.repetitionType = .optional; l.logicalType = .list
        var list = SchemaElement(name: "list"); list.numChildren = 1; list.repetitionType = .repeated
        var el = SchemaElement(name: "element"); el.type = .byteArray; el.repetitionType = .optional
        let s = try ParquetSchema(elements: [root, a, l, list, el])
        #expect(s.columns.count == 2)
        #expect(s.columns[1].path == ["l", "list", "element"])
        #expect(s.columns[1].maxDefinitionLevel == 3 && s.columns[1].maxRepetitionLevel == 1)
        #expect(s.columns[0].maxDefinitionLevel == 0)
        #expect(s.root.children[1].children[0].maxRepetitionLevel == 1)
        // Bad trees.
        var bad = root; bad.numChildren = 5
        #expect(throws: PFError.self) { _ = try ParquetSchema(elements: [bad, a]) }
        #expect(throws: PFError.self) { _ = try ParquetSchema(elements: [root, a, l, list, el, a]) }
        var noType = a; noType.type = nil
        #expect(throws: PFError.self) { _ = try ParquetSchema(elements: [root, noType, a]) }
        var flba = a; flba.type = .fixedLenByteArray
        #expect(throws: PFError.self) { _ = try ParquetSchema(elements: [root, flba, a]) }
    }

    @Test func footerErrors() throws {
        #expect(throws: PFError.self) { _ = try ParquetFileMetadata.read(from: MappedFile(bytes: [0x50, 0x41, 0x52, 0x31])) }
        let pare = Array("PARE".utf8) + [UInt8](repeating: 0, count: 8) + Array("PARE".utf8)
        #expect(throws: PFError.unsupported("encrypted Parquet file (encrypted footer, PARE magic): <memory>")) {
            _ = try ParquetFileMetadata.read(from: MappedFile(bytes: pare))
        }
        let badLen = Array("PAR1".utf8) + [0, 0, 0, 0] + [0xFF, 0, 0, 0] + Array("PAR1".utf8)
        #expect(throws: PFError.self) { _ = try ParquetFileMetadata.read(from: MappedFile(bytes: badLen)) }
        // A minimal valid file: footer only.
        var md = FileMetaData()
        var root = SchemaElement(name: "schema"); root.numChildren = 0
        md.schema = [root]
        let footer = md.thriftBytes()
        var file = Array("PAR1".utf8) + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        file += Array("PAR1".utf8)
        let parsed = try ParquetFileMetadata.read(from: MappedFile(bytes: file))
        #expect(parsed.numRows == 0 && parsed.columns.isEmpty)
        let mf = MappedFile(bytes: file)
        #expect(throws: PFError.self) { try mf.ensureRange(offset: 10, length: Int64(file.count)) }
        #expect(throws: PFError.self) { try mf.ensureRange(offset: Int64.max, length: 10) }
        #expect(throws: PFError.self) { try mf.ensureRange(offset: -1, length: 1) }
        #expect(throws: PFError.self) { _ = try MappedFile(path: "/nonexistent/file.parquet") }
    }
}
