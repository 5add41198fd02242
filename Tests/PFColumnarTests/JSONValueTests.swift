import PFColumnar
import Testing

@Suite struct JSONValueTests {
    @Test func parsesOrderedObjectsAndNumbers() throws {
        let v = try JSONValue.parse(#" {"b": [1, -2.5e3, "x\u00e9\n", true, null], "a": {}, "u": 18446744073709551615} "#)
        guard case .object(let m) = v else { Issue.record("not an object"); return }
        #expect(m.map(\.key) == ["b", "a", "u"])
        #expect(v["b"] == .array([.int(1), .double(-2500), .string("xé\n"), .bool(true), .null]))
        #expect(v["u"] == .uint(.max))
        #expect(v["a"]?.objectValue?.isEmpty == true)
        #expect(v["b"]?.arrayValue?.first?.doubleValue == 1)
        #expect(try JSONValue.parse("1e3").intValue == 1000)
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test func rejectsMalformedInput() throws {
        for bad in ["[1,]", "{\"a\" 1}", "NaN", #""\ud800""#, "\"a\u{1}\"", "01x", "01", "-00", "[00]", "[", "{} x",
                    String(repeating: "[", count: JSONValue.maxDepth + 1) + String(repeating: "]", count: JSONValue.maxDepth + 1)] {
            do { _ = try JSONValue.parse(bad); Issue.record("accepted \(bad)") } catch {
                guard case .format(let m, let offset) = error else { Issue.record("\(error)"); continue }
                #expect(m.hasPrefix("json: ") && offset >= 0)
            }
        }
        #expect(try JSONValue.parse("[-Infinity, NaN]", allowNonFinite: true).arrayValue?.count == 2)
        do { _ = try JSONValue.parseArgument("{"); Issue.record("accepted") } catch {
            guard case .invalidArgument = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func positionsInDocumentOrder() throws {
        //                                       0123456789012345678901234
        let (v, positions) = try JSONValue.parseWithPositions(#"{"a": [0, -1.5], "b": {}}"#)
        #expect(v["a"] == .array([.int(0), .double(-1.5)]))
        // object, key "a", array, 0, -1.5, key "b", inner object
        #expect(positions == [0, 1, 6, 7, 10, 17, 22])
    }

    @Test func serializes() throws {
        let v = JSONValue.object([("a\"b", .string("x\n\u{1}y\u{2028}")), ("n", .array([.int(1), .null, .double(2), .double(.nan)]))])
        #expect(v.text == #"{"a\"b":"x\n\u0001y\u2028","n":[1,null,2.0,null]}"#)
        #expect(v.description == "{\"a\\\"b\": \"x\\n\\u0001y\u{2028}\", \"n\": [1, null, 2.0, NaN]}")
        #expect(try JSONValue.parse(v.text)["n"] == .array([.int(1), .null, .double(2), .null]))
    }
}
