import Testing
import PFColumnar
import PFFormats

/// Values of a table column as strings ("<null>" for nulls), all batches concatenated.
func csvColumnStrings(_ t: Table, _ c: Int) -> [String] {
    var out: [String] = []
    for a in t.column(c) {
        for i in 0..<a.length {
            switch a.scalar(at: i) {
            case .null: out.append("<null>")
            case .string(let s): out.append(s)
            case .int(let v): out.append(String(v))
            case .float(let v): out.append(FloatFormatting.shortest(v))
            case .bool(let b): out.append(b ? "true" : "false")
            default: out.append("\(a.scalar(at: i))")
            }
        }
    }
    return out
}

func csvRead(_ text: String, _ configure: (inout CSVReadOptions) -> Void = { _ in }) throws -> Table {
    var o = CSVReadOptions()
    configure(&o)
    return try CSVReader.read(text: text, options: o)
}

@Suite struct CSVDialectTests {
    @Test func simpleWithHeaderInfersTypes() throws {
        let t = try csvRead("a,b,c,d\n1,2.5,x,true\n3,,y,False\n")
        #expect(t.schema.names == ["a", "b", "c", "d"])
        #expect(t.schema.fields.map(\.type) == [.int64, .float64, .utf8, .boolean])
        #expect(csvColumnStrings(t, 0) == ["1", "3"])
        #expect(csvColumnStrings(t, 1) == ["2.5", "<null>"])
        #expect(csvColumnStrings(t, 3) == ["true", "false"])
    }

    @Test func quotedFieldsWithDelimitersAndNewlines() throws {
        let t = try csvRead("a,b\n\"x,1\",\"line1\nline2\"\n\"he said \"\"hi\"\"\",z\n")
        #expect(csvColumnStrings(t, 0) == ["x,1", "he said \"hi\""])
        #expect(csvColumnStrings(t, 1) == ["line1\nline2", "z"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ eol: String) throws {
        let t = try csvRead("a,b" + eol + "1,x" + eol + "2,\"p" + eol + "q\"" + eol)
        #expect(t.numRows == 2)
        #expect(csvColumnStrings(t, 0) == ["1", "2"])
        #expect(csvColumnStrings(t, 1) == ["x", "p" + eol + "q"])
    }

    @Test func bomAndNoHeader() throws {
        let t = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("x,1\ny,2".utf8),
                                   options: { var o = CSVReadOptions(); o.header = false; return o }())
        #expect(t.schema.names == ["f0", "f1"])
        #expect(csvColumnStrings(t, 0) == ["x", "y"])
        #expect(t.schema.fields[1].type == .int64)
    }

    @Test func emptyFileAndHeaderOnly() throws {
        let e = try csvRead("")
        #expect(e.numRows == 0 && e.numColumns == 0)
        let h = try csvRead("a,b\n")
        #expect(h.numRows == 0)
        #expect(h.schema.names == ["a", "b"])
        #expect(h.schema.fields.map(\.type) == [.utf8, .utf8])
    }

    @Test func customDialect() throws {
        let t = try csvRead("# comment\nskip me\na;b\n'x;y';2\n# c2\n\\;z;3\n") { o in
            o.delimiter = UInt8(ascii: ";")
            o.quoteChar = UInt8(ascii: "'")
            o.escapeChar = UInt8(ascii: "\\")
            o.commentChar = UInt8(ascii: "#")
            o.skipRows = 2
        }
        #expect(t.schema.names == ["a", "b"])
        #expect(csvColumnStrings(t, 0) == ["x;y", ";z"])
        #expect(csvColumnStrings(t, 1) == ["2", "3"])
    }

    @Test func backslashEscapeInQuotes() throws {
        let t = try csvRead("a|b\n\"x\\\"y\"|1\n") { o in
            o.delimiter = UInt8(ascii: "|"); o.escapeChar = UInt8(ascii: "\\")
        }
        #expect(csvColumnStrings(t, 0) == ["x\"y"])
    }

    @Test func trimWhitespace() throws {
        let t = try csvRead("a,b\n  x  ,  \" y \"  \n") { o in o.trimWhitespace = true }
        #expect(csvColumnStrings(t, 0) == ["x"])
        #expect(csvColumnStrings(t, 1) == [" y "])
        let u = try csvRead("a,b\n  x  , 3\n")
        #expect(csvColumnStrings(u, 0) == ["  x  "])
        #expect(u.schema.fields[1].type == .int64)
    }

    @Test func nullValuesAndNaN() throws {
        let t = try csvRead("a,b,c\nNA,NaN,\nnull,1.5,N/A\n3,inf,NULL\n")
        #expect(t.schema.fields.map(\.type) == [.int64, .float64, .utf8])
        #expect(csvColumnStrings(t, 0) == ["<null>", "<null>", "3"])
        #expect(csvColumnStrings(t, 1) == ["nan", "1.5", "inf"])
        #expect(csvColumnStrings(t, 2) == ["<null>", "<null>", "<null>"])
        let n = try csvRead("a\nNA\n") { o in o.nullValues = [] }
        #expect(csvColumnStrings(n, 0) == ["NA"])
    }

    @Test func raggedRows() throws {
        let text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n"
        #expect {
            try csvRead(text)
        } throws: { e in
            let m = "\(e)"
            return m.contains("line 3") && m.contains("expected 3 fields, got 2")
        }
        let f = try csvRead(text) { o in o.ragged = .fillNull }
        #expect(csvColumnStrings(f, 2) == ["3", "<null>", "8"])
        let s = try csvRead(text) { o in o.ragged = .skip }
        #expect(csvColumnStrings(s, 0) == ["1"])
    }

    @Test func invalidUTF8() throws {
        let bytes = Array("a,b\nok,x\n".utf8) + [0x66, 0xFF, 0x67] + Array(",y\n".utf8)
        #expect {
            try CSVReader.read(bytes: bytes)
        } throws: { e in "\(e)".contains("byte 10") }
        var o = CSVReadOptions(); o.encodingErrors = .replace
        let t = try CSVReader.read(bytes: bytes, options: o)
        #expect(csvColumnStrings(t, 0) == ["ok", "f\u{FFFD}g"])
    }

    @Test func utf16IsRejectedClearly() throws {
        #expect(throws: PFError.self) { try CSVReader.read(bytes: [0xFF, 0xFE, 0x61, 0x00]) }
    }

    @Test func unterminatedQuote() throws {
        #expect {
            try csvRead("a,b\n1,\"abc\n2,3\n")
        } throws: { e in "\(e)".contains("unterminated") && "\(e)".contains("line 2") }
    }

    @Test func projectionAndExplicitTypes() throws {
        let t = try csvRead("a,b,c\n1,x,2020-01-02\n2,y,2020-01-03\n") { o in
            o.columns = ["c", "a"]
            o.columnTypes = ["a": .float64, "c": .utf8]
        }
        #expect(t.schema.names == ["c", "a"])
        #expect(t.schema.fields.map(\.type) == [.utf8, .float64])
        #expect(csvColumnStrings(t, 0) == ["2020-01-02", "2020-01-03"])
        #expect(throws: PFError.self) { try csvRead("a\n1\n") { o in o.columns = ["zz"] } }
    }

    @Test func explicitTypeErrorNamesRowColumnValue() throws {
        #expect {
            try csvRead("a,b\n1,2\n3,oops\n") { o in o.columnTypes = ["b": .int64] }
        } throws: { e in
            let m = "\(e)"
            return m.contains("'b'") && m.contains("oops") && m.contains("row 2")
        }
    }

    @Test func temporalInference() throws {
        let t = try csvRead("""
            d,ts,tf,tz,mixed,dt
            2020-01-01,2020-01-01 12:00:00,2020-01-01T12:00:00.5,2020-01-01T12:00:00Z,2020-01-01T00:00:00Z,2020-01-01
            2021-02-28,2021-02-28T01:02:03,2020-01-01 12:00:00,2020-01-01T12:00:00+01:00,2020-01-01 00:00:00,2020-01-01T10:00

            """)
        #expect(t.schema.fields.map(\.type) == [.date32, .timestamp(.second, timezone: nil),
                                                .timestamp(.nanosecond, timezone: nil),
                                                .timestamp(.second, timezone: "UTC"), .utf8,
                                                .timestamp(.second, timezone: nil)])
        let tz = try PrimitiveArray<Int64>(t.column(3)[0])
        #expect(tz[0]! - tz[1]! == 3600)
        let tf = try PrimitiveArray<Int64>(t.column(2)[0])
        #expect(tf[0]! == 1_577_880_000_500_000_000)
        let d = try PrimitiveArray<Int32>(t.column(0)[0])
        #expect(d[0] == 18262)
    }

    @Test func boolAndNumberEdgeCases() throws {
        let t = try csvRead("b,i,f,s\nTrue,-5,1e5,tRuE\nFALSE,9223372036854775807,.5,x\nfalse,0,-0,1\n")
        #expect(t.schema.fields.map(\.type) == [.boolean, .int64, .float64, .utf8])
        #expect(csvColumnStrings(t, 1) == ["-5", "9223372036854775807", "0"])
        #expect(csvColumnStrings(t, 2) == ["100000.0", "0.5", "-0.0"])
        let big = try csvRead("a\n9223372036854775808\n")
        #expect(big.schema.fields[0].type == .float64)
    }

    @Test func floatsRoundTripExactly() throws {
        var rng = SystemRandomNumberGenerator()
        var lines = ["x"]
        var values: [Double] = []
        for k in 0..<3000 {
            let v: Double
            switch k % 3 {
            case 0: v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            case 1: v = Double.random(in: -1e6...1e6, using: &rng)
            default: v = Double(Int.random(in: -100000...100000, using: &rng)) / 1000
            }
            values.append(v)
            lines.append(k % 2 == 0 ? "\(v)" : FloatFormatting.shortest(v))
        }
        lines.append("1.7976931348623157e308")
        values.append(1.7976931348623157e308)
        lines.append("4.9e-324")
        values.append(4.9e-324)
        lines.append("0.1000000000000000055511151231257827")
        values.append(0.1)
        let t = try csvRead(lines.joined(separator: "\n"))
        let got = t.column(0).flatMap { a in (0..<a.length).map { try! PrimitiveArray<Double>(a)[$0]! } }
        #expect(got.count == values.count)
        for (g, v) in zip(got, values) where g.bitPattern != v.bitPattern { Issue.record("\(g) != \(v)") ; break }
    }

    @Test func rawRecords() throws {
        let r = try CSVReader.readRecords(bytes: Array("a,b\n\"x\"\"\",2,3\n".utf8))
        #expect(r == [["a", "b"], ["x\"", "2", "3"]])
    }
}
