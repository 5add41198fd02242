import PFColumnar
@testable import PFParquet
import Testing

@Suite("Thrift compact protocol")
struct ThriftTests {
    @Test func varintsAndZigzag() throws {
        var w = ThriftCompactWriter()
        let values: [Int64] = [0, -1, 1, 63, -64, 64, 300, Int64.max, Int64.min, Int64(Int32.min)]
        for v in values { w.writeZigzag(v) }
        w.writeVarint(UInt64.max)
        let bytes = w.bytes
        let (decoded, last, rem) = try bytes.withUnsafeBytes { (b) throws -> ([Int64], UInt64, Int) in
            var r = ThriftCompactReader(b)
            var out: [Int64] = []
            for _ in values { out.append(try r.readZigzag64()) }
            let u = try r.readVarint()
            return (out, u, r.remaining)
        }
        #expect(decoded == values)
        #expect(last == UInt64.max)
        #expect(rem == 0)
        // zigzag(-1) = 1, zigzag(1) = 2, 300 -> zigzag 600 = 0xD8 0x04
        var w2 = ThriftCompactWriter()
        w2.writeZigzag(-1); w2.writeZigzag(1); w2.writeZigzag(300)
        #expect(w2.bytes == [0x01, 0x02, 0xD8, 0x04])
    }

    @Test func fieldHeadersUseDeltasAndLongForm() throws {
        var w = ThriftCompactWriter()
        w.writeStruct { w in
            w.writeI32Field(1, 7)        // delta 1: 0x15
            w.writeBoolField(2, true)    // delta 1, type 1: 0x11
            w.writeBoolField(3, false)   // 0x12
            w.writeI64Field(40, -2)      // delta 37 > 15: long form 0x06, zigzag(40)=80
        }
        #expect(w.bytes == [0x15, 0x0E, 0x11, 0x12, 0x06, 0x50, 0x03, 0x00])
        var seen: [(Int16, String)] = []
        try w.bytes.withUnsafeBytes { (b) throws in
            var r = ThriftCompactReader(b)
            try r.readStruct { r, f in
                switch f.id {
                case 1: seen.append((1, "\(try r.readI32(f.type))"))
                case 2, 3: seen.append((f.id, "\(try r.readBoolField(f.type))"))
                case 40: seen.append((40, "\(try r.readI64(f.type))"))
                default: return false
                }
                return true
            }
        }
        #expect(seen.map { $0.0 } == [1, 2, 3, 40])
        #expect(seen.map { $0.1 } == ["7", "true", "false", "-2"])
    }

    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        var w = ThriftCompactWriter()
        w.writeStruct { w in
            w.writeI8Field(2, -3)
            w.writeI16Field(3, 1000)
            w.writeDoubleField(4, 2.5)
            w.writeStringField(5, "skip me")
            w.writeI64ListField(6, [1, 2, 3])
            w.writeBoolListField(7, [true, false, true])
            w.writeFieldHeader(.map, id: 8)
            w.writeVarint(2); w.writeByte(0x85) // binary -> i32
            w.writeString("a"); w.writeZigzag(1); w.writeString("b"); w.writeZigzag(2)
            w.writeFieldHeader(.struct, id: 9)
            w.writeStruct { w in w.writeBoolField(1, true); w.writeStringListField(2, ["x"]) }
            w.writeFieldHeader(.set, id: 10); w.writeListHeader(.i32, count: 20)
            for i in 0..<20 { w.writeZigzag(Int64(i)) }
            w.writeStringField(1, "kept") // field id goes back down: long form
        }
        let kv = try ThriftCompactReader.decode(ParquetKeyValue.self, from: w.bytes)
        #expect(kv.key == "kept")
        #expect(kv.value == nil)
    }

    @Test func metadataRoundTrip() throws {
        var md = FileMetaData()
        md.version = 2
        var root = SchemaElement(name: "schema"); root.numChildren = 2
        var a = SchemaElement(name: "a"); a.type = .int64; a.repetitionType = .optional
        a.logicalType = .timestamp(isAdjustedToUTC: true, unit: .nanos)
        var b = SchemaElement(name: "b"); b.type = .fixedLenByteArray; b.typeLength = 16
        b.repetitionType = .required; b.logicalType = .decimal(scale: 2, precision: 30)
        b.convertedType = .decimal; b.scale = 2; b.precision = 30; b.fieldId = 7
        md.schema = [root, a, b]
        md.numRows = 1234
        var cmd = ColumnMetaData()
        cmd.type = .int64; cmd.encodings = [.plain, .rle, .unknown(42)]; cmd.pathInSchema = ["a"]
        cmd.codec = .zstd; cmd.numValues = 1234; cmd.totalCompressedSize = 99; cmd.totalUncompressedSize = 100
        cmd.dataPageOffset = 4; cmd.dictionaryPageOffset = 4
        var st = ParquetStatistics(); st.minValue = [1, 0, 0, 0, 0, 0, 0, 0]; st.maxValue = [9, 0, 0, 0, 0, 0, 0, 0]
        st.nullCount = 3; st.isMaxValueExact = true
        cmd.statistics = st
        cmd.encodingStats = [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 2)]
        cmd.keyValueMetadata = [ParquetKeyValue(key: "k", value: nil)]
        var ss = SizeStatistics(); ss.definitionLevelHistogram = [3, 1231]; cmd.sizeStatistics = ss
        var chunk = ColumnChunk(); chunk.metaData = cmd; chunk.offsetIndexOffset = 500; chunk.offsetIndexLength = 20
        var chunk2 = chunk; chunk2.cryptoMetadata = .withColumnKey(pathInSchema: ["b"], keyMetadata: [1, 2])
        var rg = RowGroup(); rg.columns = [chunk, chunk2]; rg.numRows = 1234; rg.totalByteSize = 200
        rg.sortingColumns = [SortingColumn(columnIndex: 0, descending: true, nullsFirst: false)]; rg.ordinal = 0
        md.rowGroups = [rg]
        md.keyValueMetadata = [ParquetKeyValue(key: "ARROW:schema", value: "xyz")]
        md.createdBy = "ParquetFrame test"
        md.columnOrders = [.typeDefined, .ieee754TotalOrder]
        md.encryptionAlgorithm = .aesGcmV1
        let bytes = md.thriftBytes()
        let back = try ThriftCompactReader.decode(FileMetaData.self, from: bytes)
        #expect(back == md)

        var ph = PageHeader(); ph.type = .dataPageV2; ph.uncompressedPageSize = 10; ph.compressedPageSize = 8
        ph.crc = -5
        var v2 = DataPageHeaderV2(); v2.numValues = 5; v2.numNulls = 1; v2.numRows = 5; v2.encoding = .deltaBinaryPacked
        v2.isCompressed = false; ph.dataPageHeaderV2 = v2
        #expect(try ThriftCompactReader.decode(PageHeader.self, from: ph.thriftBytes()) == ph)

        for lt: ParquetLogicalType in [.string, .map, .list, .enumeration, .date, .null, .json, .bson, .uuid,
                                       .float16, .vector, .variant(specificationVersion: 1),
                                       .geometry(crs: "srid:5070"), .geography(crs: nil, algorithm: .karney),
                                       .integer(bitWidth: 16, isSigned: false), .time(isAdjustedToUTC: false, unit: .millis)] {
            #expect(try ThriftCompactReader.decode(ParquetLogicalType.self, from: lt.thriftBytes()) == lt)
        }
    }

    @Test func hostileInputsThrowWithoutTrapping() throws {
        // Huge binary length.
        let huge: [UInt8] = [0x48, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(ParquetKeyValue.self, from: huge) }
        // Huge list count.
        let bigList: [UInt8] = [0x29, 0xF5, 0xFF, 0xFF, 0xFF, 0x7F, 0x00]
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(FileMetaData.self, from: bigList) }
        // Deep nesting of structs (field 1 of type struct, repeated).
        let deep = [UInt8](repeating: 0x1C, count: 10_000)
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(FileMetaData.self, from: deep) }
        // Deep nesting of lists.
        var nested: [UInt8] = [0x19]
        nested += [UInt8](repeating: 0x19, count: 5000)
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(FileMetaData.self, from: nested) }
        // Over-long varint.
        let longVarint: [UInt8] = [0x15] + [UInt8](repeating: 0xFF, count: 20)
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(PageHeader.self, from: longVarint) }
        // Invalid type nibble.
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(PageHeader.self, from: [0x1D, 0x00]) }
        // i32 out of range.
        let wide: [UInt8] = [0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00]
        #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(PageHeader.self, from: wide) }
        // Element budget.
        var w = ThriftCompactWriter()
        w.writeStruct { w in w.writeI64ListField(1, [Int64](repeating: 1, count: 100)) }
        let limits = ThriftLimits(maxDepth: 64, maxTotalElements: 10)
        let bytes = w.bytes
        #expect(throws: PFError.self) {
            try bytes.withUnsafeBytes { _ = try ThriftCompactReader.decode(SizeStatistics.self, from: $0, limits: limits) }
        }
    }

    @Test func truncationsAndRandomBytesNeverTrap() throws {
        var md = FileMetaData()
        var root = SchemaElement(name: "r"); root.numChildren = 1
        var a = SchemaElement(name: "a"); a.type = .byteArray; a.logicalType = .string
        md.schema = [root, a]
        var cc = ColumnChunk(); var cm = ColumnMetaData(); cm.pathInSchema = ["a"]; cc.metaData = cm
        var rg = RowGroup(); rg.columns = [cc]; md.rowGroups = [rg]
        let full = md.thriftBytes()
        for cut in 0..<full.count {
            #expect(throws: PFError.self) { _ = try ThriftCompactReader.decode(FileMetaData.self, from: Array(full[0..<cut])) }
        }
        var rng = SplitMix64(seed: 42)
        var parsed = 0
        for _ in 0..<3000 {
            var b = full
            for _ in 0..<Int(rng.next() % 4 + 1) {
                b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if (try? ThriftCompactReader.decode(FileMetaData.self, from: b)) != nil { parsed += 1 }
            let junk = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? ThriftCompactReader.decode(FileMetaData.self, from: junk)
            _ = try? ThriftCompactReader.decode(PageHeader.self, from: junk)
        }
        #expect(parsed < 3000)
    }

    @Test func mismatchedWireTypesAreSkipped() throws {
        // field 1 (key) written as i32, then as string: the i32 is skipped like generated code does.
        var w = ThriftCompactWriter()
        w.writeStruct { w in
            w.writeI32Field(2, 5)          // value should be a string -> skipped
            w.writeStringField(1, "k")
        }
        let kv = try ThriftCompactReader.decode(ParquetKeyValue.self, from: w.bytes)
        #expect(kv.key == "k" && kv.value == nil)
    }
}
