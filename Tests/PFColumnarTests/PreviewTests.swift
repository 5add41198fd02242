import PFColumnar
import Testing

@Suite struct PreviewTests {
    func demo(_ n: Int) throws -> Table {
        let ids = PrimitiveBuilder<Int64>(type: .int64)
        let vals = PrimitiveBuilder<Double>(type: .float64)
        let labels = StringBuilder(type: .utf8)
        for i in 0..<n {
            ids.append(Int64(i))
            if i % 10 == 9 { vals.appendNull() } else { vals.append(Double(i) * 0.25) }
            if i % 13 == 0 { try labels.appendNull() } else { try labels.append("row-\(i % 1000)") }
        }
        return Table(try RecordBatch([("id", try ids.finish()), ("value", try vals.finish()), ("label", try labels.finish())]))
    }

    @Test func smallTableMatchesTheDocumentedLayout() throws {
        let expected = """
        shape: (3, 3)
        ┌─────┬───────┬───────┐
        │ id  ┆ value ┆ label │
        │ --- ┆ ---   ┆ ---   │
        │ i64 ┆ f64   ┆ str   │
        ╞═════╪═══════╪═══════╡
        │ 0   ┆ 0.0   ┆ null  │
        │ 1   ┆ 0.25  ┆ row-1 │
        │ 2   ┆ 0.5   ┆ row-2 │
        └─────┴───────┴───────┘
        """
        #expect(TablePreview.render(try demo(3)) == expected)
    }

    @Test func longTablesElideTheMiddle() throws {
        let text = TablePreview.render(try demo(100), maxRows: 4)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "shape: (100, 3)")
        #expect(lines[6] == "│ 0   ┆ 0.0   ┆ null   │")
        #expect(lines[8] == "│ …   ┆ …     ┆ …      │")
        #expect(lines[10] == "│ 99  ┆ null  ┆ row-99 │")
        #expect(lines.count == 12)
    }

    @Test func cellsOfEveryKind() throws {
        let ts = try ArrayData.make(.timestamp(.millisecond, timezone: "UTC"), [.int(1_700_000_000_123), .int(-1)])
        #expect(TablePreview.formatCell(ts, 0) == "2023-11-14 22:13:20.123")
        #expect(TablePreview.formatCell(ts, 1) == "1969-12-31 23:59:59.999")
        let d = try ArrayData.make(.date32, [.int(0), .int(19_000), .int(-1)])
        #expect(d.scalars.indices.map { TablePreview.formatCell(d, $0) } == ["1970-01-01", "2022-01-08", "1969-12-31"])
        let dec = try ArrayData.make(.decimal128(precision: 10, scale: 3), [.decimal(-5), .decimal(123456)])
        #expect(TablePreview.formatCell(dec, 0) == "-0.005")
        #expect(TablePreview.formatCell(dec, 1) == "123.456")
        let l = try ArrayData.make(.list(Field("item", .int32)), [.list([.int(1), .null, .int(3)])])
        #expect(TablePreview.formatCell(l, 0) == "[1, null, 3]")
        let s = try ArrayData.make(.struct([Field("a", .int8), Field("b", .utf8)]), [.struct([.int(1), .string("x")])])
        #expect(TablePreview.formatCell(s, 0) == "{a: 1, b: x}")
        let b = try ArrayData.make(.binary, [.binary([0, 255, 16])])
        #expect(TablePreview.formatCell(b, 0) == "0x00ff10")
        let t = try ArrayData.make(.time64(.microsecond), [.int(3_723_000_001)])
        #expect(TablePreview.formatCell(t, 0) == "01:02:03.000001")
        let long = try ArrayData.make(.utf8, [.string(String(repeating: "é", count: 40))])
        #expect(TablePreview.cutForTests(TablePreview.formatCell(long, 0)) == String(repeating: "é", count: 30) + "…")
    }

    @Test func controlCharactersAreEscaped() throws {
        let a = try ArrayData.make(.utf8, [.string("a\u{0}b"), .string("x\ny\tz\r"), .string("\u{7f}é")])
        #expect(TablePreview.formatCell(a, 0) == "a\\x00b")
        #expect(TablePreview.formatCell(a, 1) == "x\\ny\\tz\\r")
        #expect(TablePreview.formatCell(a, 2) == "\\x7fé")
        let text = TablePreview.render(Table(try RecordBatch([("s", a)])))
        #expect(!text.contains("\u{0}") && text.split(separator: "\n").count == 10)
    }

    @Test func floatsFormatLikePythonRepr() {
        let cases: [(Double, String)] = [
            (1.0, "1.0"), (0.25, "0.25"), (-0.0, "-0.0"), (1e20, "1e+20"), (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"), (0.0001, "0.0001"), (123456789012345.0, "123456789012345.0"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (0.1, "0.1"), (2.5e-5, "2.5e-05"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"), (9999999999999998.0, "9999999999999998.0"),
            (0.00012, "0.00012"), (123.456, "123.456"), (-2.5e15, "-2500000000000000.0"),
        ]
        for (v, s) in cases { #expect(FloatFormatting.shortest(v) == s, "\(v)") }
    }
}
