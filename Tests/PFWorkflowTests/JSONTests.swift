import Testing
import PFColumnar
@testable import PFWorkflow

@Suite struct JSONTests {
    @Test func parsesAndRoundTrips() throws {
        let text = #"{"a":1,"b":[true,false,null],"c":{"d":"x\"y\\z\n\u00e9\ud83d\ude00"},"e":-2.5e3,"f":0.1}"#
        let v = try JSONParser.parse(text)
        #expect(v["a"] == ConfigValue(.int(1)))
        #expect(v["e"] == ConfigValue(.double(-2500)))
        #expect(v["c"]?["d"]?.stringValue == "x\"y\\z\né😀")
        #expect(JSONWriter.encode(v) == #"{"a":1,"b":[true,false,null],"c":{"d":"x\"y\\z\né😀"},"e":-2500.0,"f":0.1}"#)
        #expect(try JSONParser.parse(JSONWriter.encode(v)) == v)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "[1] 2", "\"\u{01}\"", "\"\\ud800\""])
    func rejectsMalformed(text: String) {
        #expect(throws: PFError.self) { try JSONParser.parse(text) }
    }

    @Test func errorNamesLine() {
        do { _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": ?\n}") ; Issue.record("no error") } catch {
            #expect(error.description.contains("line 3"))
        }
    }

    @Test func locationsOfValuesAndKeys() throws {
        let v = try JSONParser.parse("{\n  \"a\": [1, \"é\"],\n  \"b\": {\"c\": null}\n}")
        func at(_ line: Int, _ column: Int) -> PFWorkflow.SourceLocation { PFWorkflow.SourceLocation(line: line, column: column) }
        #expect(v.location == at(1, 1))
        let e = try #require(v.entries)
        #expect(e.map(\.key) == ["a", "b"])
        #expect(e[0].keyLocation == at(2, 3) && e[0].value.location == at(2, 8))
        #expect(e[0].value.items?.map(\.location) == [at(2, 9), at(2, 12)])
        #expect(e[1].keyLocation == at(3, 3) && e[1].value.location == at(3, 8))
        #expect(e[1].value.entries?.first?.keyLocation == at(3, 9))
        #expect(e[1].value.entries?.first?.value.location == at(3, 14))
        #expect(v["a"]?.items?[1].stringValue == "é")
    }

    @Test func errorNamesColumnAfterMultibyteText() {
        do { _ = try JSONParser.parse("[\"é\", tru]") ; Issue.record("no error") } catch {
            #expect(error.description.contains("line 1, column 8"), "\(error)")  // columns count UTF-8 bytes
        }
    }

    @Test func largeIntegersBecomeDoubles() throws {
        #expect(try JSONParser.parse("18446744073709551615") == ConfigValue(.double(18446744073709551615.0)))
        #expect(try JSONParser.parse("-9223372036854775808") == ConfigValue(.int(Int64.min)))
    }

    @Test func writerEscapesControlCharacters() {
        var w = JSONWriter()
        w.beginObject(); w.key("k"); w.string("a\u{01}b\t"); w.key("n"); w.double(.nan); w.key("l")
        w.beginArray(); w.int(1); w.int(2); w.endArray(); w.endObject()
        #expect(w.text == #"{"k":"a\u0001b\t","n":null,"l":[1,2]}"#)
    }
}
