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

    @Test func writerEscapesControlCharacters() {
        var w = JSONWriter()
        w.beginObject(); w.key("k"); w.string("a\u{01}b\t"); w.key("n"); w.double(.nan); w.key("l")
        w.beginArray(); w.int(1); w.int(2); w.endArray(); w.endObject()
        #expect(w.text == #"{"k":"a\u0001b\t","n":null,"l":[1,2]}"#)
    }
}
