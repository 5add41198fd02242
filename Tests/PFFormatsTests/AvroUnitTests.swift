import Testing
import PFColumnar
@testable import PFFormats

/// Builds small Avro container files (null codec) from hand-encoded records.
enum AvroTestFile {
    static func long(_ v: Int64) -> [UInt8] { AvroZigZag.encodeLong(v) }
    static func str(_ s: String) -> [UInt8] { long(Int64(s.utf8.count)) + Array(s.utf8) }
    static func bytes(_ b: [UInt8]) -> [UInt8] { long(Int64(b.count)) + b }
    static func double(_ d: Double) -> [UInt8] { withUnsafeBytes(of: d.bitPattern.littleEndian) { Array($0) } }
    static let sync: [UInt8] = Array(0..<16)

    /// A container file with `blocks` (each a list of encoded records).
    static func make(schema: String, blocks: [[[UInt8]]], codec: String? = nil) -> [UInt8] {
        var out: [UInt8] = AvroFileHeader.magic
        var meta: [(String, [UInt8])] = [("avro.schema", Array(schema.utf8))]
        if let codec { meta.append(("avro.codec", Array(codec.utf8))) }
        out += long(Int64(meta.count))
        for (k, v) in meta { out += str(k) + bytes(v) }
        out += long(0) + sync
        for b in blocks {
            let data = b.flatMap { $0 }
            out += long(Int64(b.count)) + long(Int64(data.count)) + data + sync
        }
        return out
    }

    static func record(_ schema: String, _ rows: [[UInt8]]) throws(PFError) -> Table {
        try AvroReader.read(bytes: make(schema: schema, blocks: [rows]))
    }
}

@Suite struct AvroVarintTests {
    @Test func zigzagKnownEncodings() {
        #expect(AvroZigZag.encodeLong(0) == [0x00])
        #expect(AvroZigZag.encodeLong(-1) == [0x01])
        #expect(AvroZigZag.encodeLong(1) == [0x02])
        #expect(AvroZigZag.encodeLong(-64) == [0x7F])
        #expect(AvroZigZag.encodeLong(64) == [0x80, 0x01])
        #expect(AvroZigZag.encodeLong(Int64.min).count == 10)
    }

    @Test func zigzagRoundTrip() throws {
        for v: Int64 in [0, 1, -1, 63, -64, 64, 300, -300, Int64(Int32.max), Int64(Int32.min), .max, .min] {
            let enc = AvroZigZag.encodeLong(v)
            let got = try enc.withUnsafeBytes { b throws(PFError) -> Int64 in
                var c = AvroCursor(b)
                let r = try c.readLong()
                #expect(c.remaining == 0)
                return r
            }
            #expect(got == v)
            #expect(AvroZigZag.decode(AvroZigZag.encode(v)) == v)
        }
    }

    @Test func varintBounds() {
        func read(_ bytes: [UInt8]) throws(PFError) -> Int64 {
            try avroWithBytes(bytes) { b throws(PFError) in var c = AvroCursor(b); return try c.readLong() }
        }
        // 11 bytes, or a 10th byte above 1: rejected.
        #expect(throws: PFError.self) { try read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) }
        #expect(throws: PFError.self) { try read([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]) }
        #expect(throws: PFError.self) { try read([0x80, 0x80]) }  // truncated
        #expect(throws: PFError.self) { try read([]) }
        // int outside 32 bits.
        #expect(throws: PFError.self) {
            try avroWithBytes(AvroZigZag.encodeLong(1 << 40)) { b throws(PFError) in var c = AvroCursor(b); _ = try c.readInt() }
        }
    }
}

@Suite struct AvroSchemaTests {
    @Test func namedTypesNamespacesAndReferences() throws {
        let s = try AvroSchema.parse("""
        {"type": "record", "name": "Outer", "namespace": "com.example", "fields": [
          {"name": "a", "type": {"type": "fixed", "name": "Hash", "size": 4}},
          {"name": "b", "type": "Hash"},
          {"name": "c", "type": "com.example.Hash"},
          {"name": "d", "type": {"type": "record", "name": "other.Inner", "fields": [
              {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["R", "G"]}}]}},
          {"name": "f", "type": "other.Color"},
          {"name": "g", "type": ["null", "other.Inner"]},
          {"name": "h", "type": {"type": "map", "values": {"type": "array", "items": "long"}}}
        ]}
        """)
        guard case .record(let r) = s else { Issue.record("not a record"); return }
        #expect(r.name == AvroName(name: "Outer", namespace: "com.example"))
        #expect(r.fields.map(\.name) == ["a", "b", "c", "d", "e", "f", "g", "h"].filter { $0 != "e" })
        #expect(r.fields[1].type == r.fields[0].type)
        #expect(r.fields[2].type == r.fields[0].type)
        guard case .record(let inner) = r.fields[3].type else { Issue.record("d"); return }
        #expect(inner.name.fullName == "other.Inner")
        // Color was declared inside other.Inner, so it lives in namespace "other".
        guard case .enumeration(let color) = r.fields[4].type else { Issue.record("f"); return }
        #expect(color.name.fullName == "other.Color")
        let arrow = try s.arrowSchema()
        #expect(arrow.fields[0].type == .fixedSizeBinary(byteWidth: 4))
        #expect(arrow.fields[4].type == AvroSchema.enumArrowType)
        #expect(arrow.fields[5].nullable && !arrow.fields[0].nullable)
        #expect(arrow.fields[6].type.shortName == "map[str, list[i64]]")
    }

    @Test func schemaErrors() {
        // Unknown name, duplicate definition, malformed JSON.
        #expect(throws: PFError.self) { try AvroSchema.parse(#"{"type":"record","name":"R","fields":[{"name":"x","type":"Nope"}]}"#) }
        #expect(throws: PFError.self) {
            try AvroSchema.parse(#"{"type":"record","name":"R","fields":[{"name":"x","type":{"type":"fixed","name":"F","size":1}},{"name":"y","type":{"type":"fixed","name":"F","size":2}}]}"#)
        }
        #expect(throws: PFError.self) { try AvroSchema.parse(#"{"type": "record""#) }
        #expect(throws: PFError.self) { try AvroSchema.parse(String(repeating: "[", count: 1000)) }
    }

    @Test func recursionIsUnsupportedUnionsAreDense() throws {
        #expect(throws: PFError.unsupported("recursive Avro schema: type 'LinkedList' refers to itself")) {
            try AvroSchema.parse(#"{"type":"record","name":"LinkedList","fields":[{"name":"next","type":["null","LinkedList"]}]}"#)
        }
        let u = try AvroSchema.parse(#"["int", "string"]"#).arrowType()
        #expect(u.type == .union([Field("int", .int32), Field("string", .utf8)], typeIds: [0, 1], mode: .dense))
        let u3 = try AvroSchema.parse(#"["null", {"type":"record","name":"P","namespace":"a.b","fields":[]}, {"type":"array","items":"long"}]"#).arrowType()
        #expect(u3.type == .union([Field("null", .null), Field("a.b.P", .struct([])), Field("array", .list(Field("item", .int64, nullable: false)))],
                                  typeIds: [0, 1, 2], mode: .dense))
        let n1 = try AvroSchema.parse(#"["null", "int"]"#).arrowType()
        let n2 = try AvroSchema.parse(#"["int", "null"]"#).arrowType()
        #expect(n1.type == .int32 && n1.nullable && n2.type == .int32 && n2.nullable)
    }

    @Test func denseUnionValues() throws {
        let schema = """
        {"type":"record","name":"R","fields":[
          {"name":"u","type":["int","string",{"type":"enum","name":"E","symbols":["A","B"]}]},
          {"name":"n","type":["null","long","double"]},
          {"name":"o","type":["null",{"type":"record","name":"In","fields":[{"name":"v","type":["boolean","bytes"]}]}]}]}
        """
        typealias F = AvroTestFile
        let r0 = F.long(0) + F.long(-7) + F.long(0) + F.long(0)                                  // u=int -7, n=null, o=null
        let r1 = F.long(1) + F.str("hé") + F.long(1) + F.long(42) + F.long(1) + F.long(1) + F.bytes([1, 2])
        let r2 = F.long(2) + F.long(1) + F.long(2) + F.double(2.5) + F.long(1) + F.long(0) + [1]
        let r3 = F.long(0) + F.long(5) + F.long(0) + F.long(0)
        let file = F.make(schema: schema, blocks: [[r0, r1], [r2, r3]])
        for t in [try AvroReader.read(bytes: file, options: .init(batchSize: 1)), try AvroReader.read(bytes: file)] {
            try t.validate()
            let rows = AvroTestJSON.rows(t)
            #expect(rows.map { $0["u"] } == [.int(-7), .string("hé"), .string("B"), .int(5)])
            #expect(rows.map { $0["n"] } == [.null, .int(42), .double(2.5), .null])
            #expect(rows.map { $0["o"] } == [.null, .object([AvroJSONMember("v", .string("0102"))]), .object([AvroJSONMember("v", .bool(true))]), .null])
            guard case .union(let fs, let ids, .dense) = t.schema.fields[0].type else { Issue.record("not a dense union"); return }
            #expect(fs.map(\.name) == ["int", "string", "E"] && ids == [0, 1, 2])
        }
        let streamed = try AvroBatchReader(bytes: file, options: .init(batchSize: 3)).readAll()
        #expect(try Table(schema: streamed[0].schema, batches: streamed).equals(try AvroReader.read(bytes: file)))
        // A branch index out of range is a format error.
        let bad = F.make(schema: schema, blocks: [[F.long(3) + F.long(1)]])
        #expect(throws: PFError.self) { try AvroReader.read(bytes: bad) }
    }

    @Test func jsonParser() throws {
        let v = try AvroJSON.parse(#" {"a": [1, -2.5e3, "x\u00e9\n", true, null], "b": {}} "#)
        #expect(v["a"] == .array([.int(1), .double(-2500), .string("xé\n"), .bool(true), .null]))
        #expect(v["b"] == .object([]))
        #expect(throws: PFError.self) { try AvroJSON.parse("NaN") }
        #expect(try AvroJSON.parse("NaN", allowNonFinite: true) != .null)
        #expect(throws: PFError.self) { try AvroJSON.parse(#""\ud800""#) }
        #expect(throws: PFError.self) { try AvroJSON.parse("[1,]") }
    }
}

@Suite struct AvroLogicalTypeTests {
    static let schema = """
    {"type": "record", "name": "L", "fields": [
      {"name": "dec_b", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
      {"name": "dec_f", "type": {"type": "fixed", "name": "F5", "size": 5, "logicalType": "decimal", "precision": 11, "scale": 3}},
      {"name": "uuid_s", "type": {"type": "string", "logicalType": "uuid"}},
      {"name": "uuid_f", "type": {"type": "fixed", "name": "U16", "size": 16, "logicalType": "uuid"}},
      {"name": "d", "type": {"type": "int", "logicalType": "date"}},
      {"name": "tms", "type": {"type": "int", "logicalType": "time-millis"}},
      {"name": "tus", "type": {"type": "long", "logicalType": "time-micros"}},
      {"name": "ts_ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
      {"name": "ts_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
      {"name": "ts_ns", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
      {"name": "lts_ms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
      {"name": "lts_us", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
      {"name": "lts_ns", "type": {"type": "long", "logicalType": "local-timestamp-nanos"}},
      {"name": "dur", "type": {"type": "fixed", "name": "D12", "size": 12, "logicalType": "duration"}},
      {"name": "unknown", "type": {"type": "long", "logicalType": "made-up"}},
      {"name": "bad_dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 5}}
    ]}
    """

    @Test func typesAndValues() throws {
        var row: [UInt8] = []
        row += AvroTestFile.bytes([0xCF, 0xC7])                    // -12345 → -123.45
        row += [0xFF, 0xFF, 0xFF, 0xFF, 0xFE]                      // -2 → -0.002
        row += AvroTestFile.str("00000000-0000-0000-9e37-79b97f4a7c15")
        row += Array(0..<16)
        row += AvroTestFile.long(-1)                               // date
        row += AvroTestFile.long(3_723_456)                        // time-millis
        row += AvroTestFile.long(3_723_456_789)                    // time-micros
        for v: Int64 in [-1, -1000, 999_000_007, 5, 6, 7] { row += AvroTestFile.long(v) }
        row += [1, 0, 0, 0, 10, 0, 0, 0, 0xE8, 0x03, 0, 0]         // 1 month, 10 days, 1000 ms
        row += AvroTestFile.long(42)
        row += AvroTestFile.bytes([7])
        let t = try AvroTestFile.record(Self.schema, [row])
        let types = t.schema.fields.map(\.type)
        #expect(types == [
            .decimal128(precision: 10, scale: 2), .decimal128(precision: 11, scale: 3), .utf8,
            .fixedSizeBinary(byteWidth: 16), .date32, .time32(.millisecond), .time64(.microsecond),
            .timestamp(.millisecond, timezone: "UTC"), .timestamp(.microsecond, timezone: "UTC"),
            .timestamp(.nanosecond, timezone: "UTC"), .timestamp(.millisecond, timezone: nil),
            .timestamp(.microsecond, timezone: nil), .timestamp(.nanosecond, timezone: nil),
            AvroSchema.durationArrowType, .int64, .binary,
        ])
        let r = AvroTestJSON.rows(t)[0]
        #expect(r["dec_b"] == .string("-123.45"))
        #expect(r["dec_f"] == .string("-0.002"))
        #expect(r["uuid_s"] == .string("00000000-0000-0000-9e37-79b97f4a7c15"))
        #expect(r["uuid_f"] == .string("000102030405060708090a0b0c0d0e0f"))
        #expect(r["d"] == .int(-1) && r["tms"] == .int(3_723_456) && r["tus"] == .int(3_723_456_789))
        #expect(r["ts_ms"] == .int(-1) && r["ts_us"] == .int(-1000) && r["ts_ns"] == .int(999_000_007))
        #expect(r["lts_ms"] == .int(5) && r["lts_us"] == .int(6) && r["lts_ns"] == .int(7))
        #expect(r["dur"] == .object([AvroJSONMember("months", .int(1)), AvroJSONMember("days", .int(10)),
                                     AvroJSONMember("milliseconds", .int(1000))]))
        #expect(r["unknown"] == .int(42) && r["bad_dec"] == .string("07"))
    }

    @Test func wideDecimals() throws {
        // 20-byte fixed, precision 38: sign extension beyond 16 bytes is accepted.
        let s = #"{"type":"record","name":"W","fields":[{"name":"x","type":{"type":"fixed","name":"F20","size":20,"logicalType":"decimal","precision":38,"scale":0}}]}"#
        let neg1 = [UInt8](repeating: 0xFF, count: 20)
        let t = try AvroTestFile.record(s, [neg1])
        #expect(AvroTestJSON.rows(t)[0]["x"] == .string("-1"))
        var tooBig = [UInt8](repeating: 0, count: 20)
        tooBig[2] = 1
        #expect(throws: PFError.self) { try AvroTestFile.record(s, [tooBig]) }
        // Precision above 38 is decimal256; above 76 is unsupported.
        let s76 = #"{"type":"record","name":"W","fields":[{"name":"x","type":{"type":"fixed","name":"F32","size":32,"logicalType":"decimal","precision":76,"scale":10}}]}"#
        let t76 = try AvroTestFile.record(s76, [[UInt8](repeating: 0xFF, count: 32)])
        #expect(t76.schema.fields[0].type == .decimal256(precision: 76, scale: 10))
        #expect(AvroTestJSON.rows(t76)[0]["x"] == .string("-0.0000000001"))
        let s77 = #"{"type":"record","name":"W","fields":[{"name":"x","type":{"type":"bytes","logicalType":"decimal","precision":77,"scale":0}}]}"#
        let e77 = #expect(throws: PFError.self) { try AvroTestFile.record(s77, [AvroTestFile.bytes([1])]) }
        guard case .unsupported(let why)? = e77 else { Issue.record("expected unsupported, got \(String(describing: e77))"); return }
        #expect(why.contains("76"))
    }

    /// Big-endian two's complement bytes of `v` (`n` bytes, or the fewest that hold it).
    static func twosComplement(_ v: Int256, bytes n: Int? = nil) -> [UInt8] {
        let le = withUnsafeBytes(of: v) { Array($0) }
        var be = Array(le.reversed())
        let fill: UInt8 = v.isNegative ? 0xFF : 0x00
        if let n {
            if n > 32 { be = [UInt8](repeating: fill, count: n - 32) + be } else { be = Array(be.suffix(n)) }
            return be
        }
        while be.count > 1 && be[0] == fill && (be[1] & 0x80 != 0) == v.isNegative { be.removeFirst() }
        return be
    }

    @Test func decimal256BytesAndFixed() throws {
        let s = #"""
        {"type":"record","name":"W","fields":[
          {"name":"b","type":["null",{"type":"bytes","logicalType":"decimal","precision":50,"scale":10}]},
          {"name":"f","type":{"type":"fixed","name":"F22","size":22,"logicalType":"decimal","precision":50,"scale":10}}]}
        """#
        let max50 = try #require(Int256(String(repeating: "9", count: 50)))
        let values: [Int256] = [.zero, Int256(Int64(-1)), max50, max50.negatedWrapping,
                                try #require(Int256("-12345678901234567890123456789012345678901234"))]
        var rows: [[UInt8]] = []
        for (i, v) in values.enumerated() {
            // Nulls in the union column; bytes column with sign extension to 40 bytes once.
            let b: [UInt8] = i == 1 ? [0x00] : [0x02] + AvroTestFile.bytes(Self.twosComplement(v, bytes: i == 2 ? 40 : nil))
            rows.append(b + Self.twosComplement(v, bytes: 22))
        }
        let t = try AvroTestFile.record(s, rows)
        #expect(t.schema.fields.map(\.type) == [.decimal256(precision: 50, scale: 10), .decimal256(precision: 50, scale: 10)])
        try t.validate()
        let f = t.batches[0].columns[1]
        #expect(f.scalars == values.map { Scalar.decimal256($0) })
        let b = t.batches[0].columns[0]
        #expect(b.scalars == values.enumerated().map { $0.offset == 1 ? Scalar.null : .decimal256($0.element) })
        #expect(AvroTestJSON.rows(t)[2]["f"] == .string("9999999999999999999999999999999999999999.9999999999"))
    }

    @Test func decimalsBeyondPrecisionNameTheField() throws {
        let s = #"{"type":"record","name":"W","fields":[{"name":"id","type":"int"},{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":50,"scale":10}}]}"#
        let tooMany = try #require(Int256("1" + String(repeating: "0", count: 50)))  // 51 digits
        for v in [tooMany, tooMany.negatedWrapping] {
            let rows = [[0x02] + AvroTestFile.bytes([0x01]), [0x04] + AvroTestFile.bytes(Self.twosComplement(v))]
            let e = #expect(throws: PFError.self) { try AvroTestFile.record(s, rows) }
            guard case .format(let m, let offset)? = e else { Issue.record("expected a format error, got \(String(describing: e))"); continue }
            #expect(m.contains("'amount'") && m.contains("50 digits"), "\(m)")
            #expect(offset > 0)
        }
        // More than 256 bits.
        let wide = [UInt8](repeating: 0, count: 2) + [0x01] + [UInt8](repeating: 0, count: 32)
        #expect(throws: PFError.self) { try AvroTestFile.record(s, [[0x02] + AvroTestFile.bytes(wide)]) }
        // decimal128 columns check their precision too.
        let s10 = #"{"type":"record","name":"W","fields":[{"name":"small","type":{"type":"bytes","logicalType":"decimal","precision":3,"scale":1}}]}"#
        #expect(AvroTestJSON.rows(try AvroTestFile.record(s10, [AvroTestFile.bytes([0x03, 0xE7])]))[0]["small"] == .string("99.9"))
        let e10 = #expect(throws: PFError.self) { try AvroTestFile.record(s10, [AvroTestFile.bytes([0x03, 0xE8])]) }
        guard case .format(let m, _)? = e10 else { Issue.record("expected a format error, got \(String(describing: e10))"); return }
        #expect(m.contains("'small'") && m.contains("100.0"), "\(m)")
    }
}

@Suite struct AvroContainerTests {
    static func fixture(_ codec: String) throws -> [UInt8] {
        guard let b = AvroTestPaths.readBytes(AvroTestPaths.fixturesDir + "/codec-\(codec).avro") else {
            throw PFError.io("missing fixture codec-\(codec).avro; run make_avro_golden.py")
        }
        return b
    }

    static func checkFixture(_ t: Table) {
        #expect(t.numRows == 1000)
        let rows = AvroTestJSON.rows(t)
        for (i, r) in rows.enumerated() {
            let expected: AvroJSON = .object([
                AvroJSONMember("id", .int(Int64(i))), AvroJSONMember("name", .string("name-\(i)")),
                AvroJSONMember("score", i % 7 == 0 ? .null : .double(Double(i) * 0.5)),
            ])
            if !AvroTestJSON.equal(r, expected) { Issue.record("row \(i): \(r)"); return }
        }
    }

    @Test(arguments: AvroCodec.allCases)
    func everyCodec(_ codec: AvroCodec) throws {
        let bytes = try Self.fixture(codec.rawValue)
        let t = try AvroReader.read(bytes: bytes, options: .init(batchSize: 100))
        #expect(try AvroBatchReader(bytes: bytes).header.codec == codec)
        Self.checkFixture(t)
        let streamed = try AvroBatchReader(bytes: bytes, options: .init(batchSize: 128)).readAll()
        #expect(streamed.map(\.numRows) == [128, 128, 128, 128, 128, 128, 128, 104])
        #expect(try Table(schema: t.schema, batches: streamed).equals(t))
    }

    @Test func snappyCRCIsChecked() throws {
        var bytes = try Self.fixture("snappy")
        let header = try avroWithBytes(bytes) { b throws(PFError) in try AvroFileHeader.parse(b) }
        let blocks = try avroWithBytes(bytes) { b throws(PFError) in try AvroReader.scanBlocks(b, header: header) }
        // Flip a bit of the first block's CRC (the 4 bytes before its sync marker).
        let crcAt = Int(blocks[0].dataOffset) + blocks[0].dataSize - 1
        bytes[crcAt] ^= 0x01
        do {
            _ = try AvroReader.read(bytes: bytes)
            Issue.record("corrupt CRC accepted")
        } catch {
            #expect(error.description.contains("CRC32 mismatch"))
        }
    }

    @Test func decompressionBombIsRejected() throws {
        for codec in ["deflate", "zstandard", "bzip2", "xz", "snappy"] {
            let bytes = try Self.fixture(codec)
            do {
                _ = try AvroReader.read(bytes: bytes, options: .init(maxBlockBytes: 1000))
                Issue.record("\(codec): limit not enforced")
            } catch {
                #expect(error.description.contains("decompression bomb"), "\(codec): \(error)")
            }
        }
    }

    @Test func syncMarkerMismatchNamesTheOffset() throws {
        let schema = #"{"type":"record","name":"R","fields":[{"name":"x","type":"long"}]}"#
        var bytes = AvroTestFile.make(schema: schema, blocks: [[AvroTestFile.long(1)], [AvroTestFile.long(2)]])
        let lastSync = bytes.count - 16
        bytes[lastSync + 3] ^= 0xFF
        #expect(throws: PFError.format("sync marker mismatch after block data (corrupt or truncated block)", offset: Int64(lastSync))) {
            try AvroReader.read(bytes: bytes)
        }
        #expect(throws: PFError.self) { try AvroBatchReader(bytes: bytes).readAll() }
    }

    @Test func malformedInputsThrow() throws {
        let schema = #"{"type":"record","name":"R","fields":[{"name":"x","type":["null","string"]},{"name":"y","type":{"type":"array","items":"int"}}]}"#
        let good = AvroTestFile.long(1) + AvroTestFile.str("hi") + AvroTestFile.long(1) + AvroTestFile.long(5) + AvroTestFile.long(0)
        let ok = AvroTestFile.make(schema: schema, blocks: [[good, good]])
        #expect(try AvroReader.read(bytes: ok).numRows == 2)
        // Every truncation of a valid file is an error, never a crash (except right
        // after the header, which is a valid file without blocks).
        let headerEnd = try avroWithBytes(ok) { b throws(PFError) in try AvroFileHeader.parse(b) }.dataOffset
        for n in 0..<ok.count where n != Int(headerEnd) {
            #expect(throws: PFError.self) { try AvroReader.read(bytes: Array(ok[0..<n])) }
            #expect(throws: PFError.self) { try AvroBatchReader(bytes: Array(ok[0..<n])).readAll() }
        }
        let cases: [(String, [UInt8])] = [
            ("bad union branch", AvroTestFile.long(2)),
            ("negative length", AvroTestFile.long(1) + AvroTestFile.long(-5)),
            ("huge length", AvroTestFile.long(1) + AvroTestFile.long(1 << 40)),
            ("bad utf8", AvroTestFile.long(1) + AvroTestFile.bytes([0xC3, 0x28]) + AvroTestFile.long(0)),
            ("absurd array count", AvroTestFile.long(0) + AvroTestFile.long(1 << 50)),
            ("trailing bytes", good + [0]),
        ]
        for (what, rec) in cases {
            let f = AvroTestFile.make(schema: schema, blocks: [[rec]])
            #expect(throws: PFError.self, "\(what)") { try AvroReader.read(bytes: f) }
        }
        // Absurd record count for the block's size.
        var f = AvroTestFile.make(schema: schema, blocks: [[good]])
        let h = try avroWithBytes(f) { b throws(PFError) in try AvroFileHeader.parse(b) }
        f[Int(h.dataOffset)] = 0x7E  // count 63, 1 record of data
        #expect(throws: PFError.self) { try AvroReader.read(bytes: f) }
        #expect(throws: PFError.self) { try AvroReader.read(bytes: Array("Obj\u{0}".utf8) + [0, 0]) }
        #expect(throws: PFError.self) { try AvroReader.read(bytes: AvroTestFile.make(schema: "\"int\"", blocks: [], codec: "lz4")) }
    }

    @Test func blockEncodedArraysMapsAndProjection() throws {
        let schema = """
        {"type":"record","name":"R","fields":[
          {"name":"a","type":{"type":"array","items":"long"}},
          {"name":"m","type":{"type":"map","values":"string"}},
          {"name":"z","type":["int","string"]},
          {"name":"k","type":"long"}]}
        """
        // a: one block with negative count (-2, byte size 2) then a positive block of 1.
        var rec: [UInt8] = AvroTestFile.long(-2) + AvroTestFile.long(2) + AvroTestFile.long(7) + AvroTestFile.long(8)
        rec += AvroTestFile.long(1) + AvroTestFile.long(9) + AvroTestFile.long(0)
        // m: -1 entries with byte size.
        let entry = AvroTestFile.str("k") + AvroTestFile.str("v")
        rec += AvroTestFile.long(-1) + AvroTestFile.long(Int64(entry.count)) + entry + AvroTestFile.long(0)
        rec += AvroTestFile.long(1) + AvroTestFile.str("u")  // z: string branch
        rec += AvroTestFile.long(-3)
        let file = AvroTestFile.make(schema: schema, blocks: [[rec, rec]])
        // The union z is a dense union; projection skips it.
        #expect(AvroTestJSON.rows(try AvroReader.read(bytes: file)).map { $0["z"] } == [.string("u"), .string("u")])
        let t = try AvroReader.read(bytes: file, options: .init(columns: ["k", "m", "a"]))
        let rows = AvroTestJSON.rows(t)
        #expect(rows.count == 2)
        #expect(rows[1] == .object([
            AvroJSONMember("k", .int(-3)), AvroJSONMember("m", .object([AvroJSONMember("k", .string("v"))])),
            AvroJSONMember("a", .array([.int(7), .int(8), .int(9)])),
        ]))
        let only = try AvroReader.read(bytes: file, options: .init(columns: ["k"]))
        #expect(AvroTestJSON.rows(only).map { $0["k"] } == [.int(-3), .int(-3)])
    }

    @Test func topLevelNonRecordAndEmptyFiles() throws {
        let t = try AvroReader.read(bytes: AvroTestFile.make(schema: "\"long\"", blocks: [[AvroTestFile.long(5)], [AvroTestFile.long(-6)]]))
        #expect(t.schema.names == ["value"])
        #expect(AvroTestJSON.rows(t).map { $0["value"] } == [.int(5), .int(-6)])
        let empty = try AvroReader.read(bytes: AvroTestFile.make(schema: #"{"type":"record","name":"E","fields":[{"name":"x","type":"int"}]}"#, blocks: []))
        #expect(empty.numRows == 0 && empty.schema.names == ["x"])
        #expect(try AvroBatchReader(bytes: AvroTestFile.make(schema: "\"null\"", blocks: [])).next() == nil)
    }
}

@Suite struct AvroDescribeTests {
    @Test func describeCountsBlocksAndRecords() throws {
        let path = AvroTestPaths.fixturesDir + "/codec-deflate.avro"
        let s = try AvroReader.describe(path: path)
        #expect(s.codec == .deflate)
        #expect(s.recordCount == 1000)
        #expect(s.blockCount > 1)
        #expect(s.metadataKeys.contains("avro.schema"))
        #expect(try s.arrowSchema.get().names == ["id", "name", "score"])
        #expect(s.schemaJSON.contains("Fixture"))
    }
}
