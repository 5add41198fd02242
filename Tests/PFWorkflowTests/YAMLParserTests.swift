import Testing
import PFColumnar
@testable import PFWorkflow

/// Normalises non-finite doubles the way the fixture generator writes them.
private func normalised(_ v: ConfigValue) -> ConfigValue {
    switch v.kind {
    case .double(let d) where d.isNaN: return .string("__nan__")
    case .double(let d) where d.isInfinite: return .string(d > 0 ? "__inf__" : "__-inf__")
    case .array(let items): return .array(items.map(normalised))
    case .object(let entries):
        return ConfigValue(.object(entries.map { ConfigEntry(key: $0.key, value: normalised($0.value)) }))
    default: return v
    }
}

private func fixturePath(_ name: String) -> String {
    let here = #filePath
    let dir = here.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return dir + "/Fixtures/" + name
}

@Suite struct YAMLParserTests {
    /// Every document of the fixture (generated with PyYAML + YAML 1.2 core resolvers) parses
    /// to the same value.
    @Test func matchesPyYAML() throws {
        let text = try readTextFile(fixturePath("yaml_cases.json"))
        let cases = try JSONParser.parse(text)
        let items = try #require(cases.items)
        #expect(items.count >= 19)
        for c in items {
            let name = c["name"]?.stringValue ?? "?"
            let yaml = try #require(c["yaml"]?.stringValue)
            let expected = try #require(c["expected"])
            let got: ConfigValue
            do { got = try YAMLParser.parse(yaml) } catch {
                Issue.record("case \(name): \(error)")
                continue
            }
            #expect(normalised(got) == expected, "case \(name):\n got \(normalised(got))\nwant \(expected)")
        }
    }

    @Test func locations() throws {
        let v = try YAMLParser.parse("# c\nname: x\nsteps:\n  - name: a\n    type: noop\n")
        #expect(v.location == SourceLocation(line: 2, column: 1))
        let steps = try #require(v["steps"])
        #expect(steps.location?.line == 4)
        let first = try #require(steps.items?.first)
        #expect(first.location == SourceLocation(line: 4, column: 5))
        #expect(first["type"]?.location == SourceLocation(line: 5, column: 11))
        #expect(first.entries?[1].keyLocation == SourceLocation(line: 5, column: 5))
    }

    @Test(arguments: [
        ("a: &x 1\n", "anchors", 1),
        ("a: 1\nb: *x\n", "aliases", 2),
        ("a: !!str 1\n", "tags", 1),
        ("a: 1\n---\nb: 2\n", "several documents", 2),
        ("a: 1\nb:\n\t- x\n", "tab", 3),
        ("a: 1\na: 2\n", "duplicate key 'a'", 2),
        ("a: [1, 2\n", "unterminated flow sequence", 1),
        ("a: \"open\n", "unterminated quoted", 1),
        ("a:\n  b: 1\n   c: 2\n", "mapping values are not allowed", 3),
        ("a:\n  b:\n    c: 1\n   d: 2\n", "unexpected indentation", 4),
        ("? complex\n: v\n", "complex mapping keys", 1),
        ("a: b: c\n", "mapping values are not allowed", 1),
        ("%TAG ! tag:x\n--- a\n", "directive", 1),
    ])
    func unsupportedAndMalformed(doc: String, message: String, line: Int) {
        do {
            let v = try YAMLParser.parse(doc)
            Issue.record("expected an error for \(doc.debugDescription), got \(v)")
        } catch {
            let text = error.description
            #expect(text.contains(message), "\(text)")
            #expect(text.contains("line \(line),"), "\(text)")
        }
    }

    @Test func emptyDocumentIsNull() throws {
        #expect(try YAMLParser.parse("").isNull)
        #expect(try YAMLParser.parse("# only a comment\n---\n").isNull)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let doc = String(repeating: "[", count: 10_000)
        #expect(throws: PFError.self) { try YAMLParser.parse(doc) }
        let json = String(repeating: "[", count: 10_000)
        #expect(throws: PFError.self) { try JSONParser.parse(json) }
    }
}
