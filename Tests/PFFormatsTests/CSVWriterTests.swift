import Testing
import PFColumnar
import PFFormats
import PFTestSupport
#if canImport(Glibc)
import Glibc
#endif

private func files(in dir: String) -> [String] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var out: [String] = []
    while let e = readdir(d) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { out.append(name) }
    }
    return out.sorted()
}

@Suite struct CSVWriterTests {
    @Test func formatsLikePyarrowAndQuotesOnlyWhereNeeded() throws {
        let s = StringBuilder(type: .utf8)
        for v in ["x", "y,z", nil, " s", "q\"", "line\nbreak"] as [String?] {
            if let v { try s.append(v) } else { try s.appendNull() }
        }
        let f = PrimitiveBuilder<Double>(type: .float64)
        for v in [1.5, nil, 1e20, 0.1, .nan, -.infinity] as [Double?] { f.append(v) }
        let ts = PrimitiveBuilder<Int64>(type: .timestamp(.microsecond, timezone: nil))
        for _ in 0..<6 { ts.append(1_577_880_000_000_005) }
        let tz = PrimitiveBuilder<Int64>(type: .timestamp(.second, timezone: "UTC"))
        for _ in 0..<6 { tz.append(1_577_880_000) }
        let d = PrimitiveBuilder<Int32>(type: .date32)
        for _ in 0..<6 { d.append(18262) }
        let b = BooleanBuilder()
        for v in [true, false, nil, true, true, false] as [Bool?] { b.append(v) }
        let batch = try RecordBatch([("a", try s.finish()), ("b", try f.finish()), ("c", try d.finish()),
                                     ("d", try ts.finish()), ("e", try tz.finish()), ("f", try b.finish())])
        let text = String(decoding: try CSVWriter.encode(Table(batch)), as: UTF8.self)
        #expect(text == """
            a,b,c,d,e,f
            x,1.5,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,true
            "y,z",,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,false
            ,1e+20,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,
            " s",0.1,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,true
            "q\"\"",nan,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,true
            "line
            break",-inf,2020-01-01,2020-01-01 12:00:00.000005,2020-01-01 12:00:00Z,false

            """)
    }

    @Test(arguments: [1, 2, 3])
    func seededRandomRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 2000
        let ints = PrimitiveBuilder<Int64>(type: .int64)
        let dbl = PrimitiveBuilder<Double>(type: .float64)
        let str = StringBuilder(type: .utf8)
        let bools = BooleanBuilder()
        let dates = PrimitiveBuilder<Int32>(type: .date32)
        let alphabet = Array("ab ,\"\n\r\té€😀;x".unicodeScalars)
        for i in 0..<n {
            let r = rng.next()
            if r % 17 == 0 { ints.appendNull() } else { ints.append(Int64(bitPattern: rng.next())) }
            if r % 13 == 0 { dbl.appendNull() } else {
                var v = Double(bitPattern: rng.next())
                if !v.isFinite { v = Double(i) / 3 }
                dbl.append(v)
            }
            if r % 11 == 0 { try str.appendNull() } else {
                var s = "k"   // non-empty, never a null token
                for _ in 0..<(rng.next() % 12) { s.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                try str.append(s)
            }
            if r % 7 == 0 { bools.appendNull() } else { bools.append(rng.next() % 2 == 0) }
            if r % 5 == 0 { dates.appendNull() } else { dates.append(Int32(truncatingIfNeeded: rng.next() % 100_000) - 20_000) }
        }
        let table = Table(try RecordBatch([("i", try ints.finish()), ("d", try dbl.finish()), ("s", try str.finish()),
                                           ("b", try bools.finish()), ("t", try dates.finish())]))
        let path = "/tmp/pf-csv-rt-\(getpid())-\(seed).csv"
        defer { unlink(path) }
        try CSVWriter.write(table, to: path)
        let back = try CSVReader.read(path: path)
        #expect(back.schema.fields.map(\.type) == [.int64, .float64, .utf8, .boolean, .date32])
        #expect(back.equals(table))
    }

    @Test func atomicWriteLeavesNoPartialFile() throws {
        let dir = "/tmp/pf-csv-atomic-\(getpid())"
        mkdir(dir, 0o755)
        defer { for f in files(in: dir) { unlink(dir + "/" + f) }; rmdir(dir) }
        let target = dir + "/out.csv"
        // Existing content must survive a failed write.
        try writeFile(target, "old\n")
        let child = PrimitiveBuilder<Int64>(type: .int64)
        child.append(1); child.append(2)
        let values = try child.finish()
        let offsets = Buffer.from([Int32(0), 1, 2])
        let list = try ArrayData(type: .list(Field("item", .int64)), length: 2, nullCount: 0,
                                 buffers: [nil, offsets], children: [values])
        let ids = PrimitiveBuilder<Int64>(type: .int64)
        ids.append(1); ids.append(2)
        let bad = Table(try RecordBatch([("id", try ids.finish()), ("l", list)]))
        #expect(throws: PFError.self) { try CSVWriter.write(bad, to: target) }
        #expect(files(in: dir) == ["out.csv"])
        #expect(try CSVReader.readRecords(path: target) == [["old"]])
        // Missing directory: I/O error, nothing created.
        #expect(throws: PFError.self) { try CSVWriter.write(bad, to: dir + "/missing/x.csv") }
        // A good write replaces the file.
        let good = try bad.select(["id"])
        try CSVWriter.write(good, to: target)
        #expect(files(in: dir) == ["out.csv"])
        #expect(try CSVReader.readRecords(path: target) == [["id"], ["1"], ["2"]])
    }

    @Test func jsonOptions() throws {
        let o = try CSVOptionsJSON.readOptions("""
            {"delimiter": ";", "quote_char": "'", "escape_char": "\\\\", "header": false, "skip_rows": 2,
             "null_values": ["-"], "column_types": {"f0": "int32", "f1": "timestamp[us, UTC]"},
             "columns": ["f1"], "ragged": "fill", "encoding_errors": "replace", "trim_whitespace": true}
            """)
        #expect(o.delimiter == UInt8(ascii: ";") && o.quoteChar == UInt8(ascii: "'") && o.escapeChar == UInt8(ascii: "\\"))
        #expect(!o.header && o.skipRows == 2 && o.nullValues == ["-"] && o.columns == ["f1"])
        #expect(o.columnTypes == ["f0": .int32, "f1": .timestamp(.microsecond, timezone: "UTC")])
        #expect(o.ragged == .fillNull && o.encodingErrors == .replace && o.trimWhitespace)
        #expect(throws: PFError.self) { try CSVOptionsJSON.readOptions("{\"nope\": 1}") }
        #expect(throws: PFError.self) { try CSVOptionsJSON.readOptions("{\"delimiter\": \"ab\"}") }
        #expect(throws: PFError.self) { try CSVOptionsJSON.readOptions("[1,") }
        let w = try CSVOptionsJSON.writeOptions("{\"delimiter\": \"\\t\", \"null_token\": \"NA\", \"header\": false}")
        #expect(w.delimiter == 9 && w.nullToken == "NA" && !w.header)
    }
}
