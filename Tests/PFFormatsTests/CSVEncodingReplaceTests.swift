import Testing
import PFColumnar
import PFFormats

/// `encoding_errors = replace`: one U+FFFD per maximal subpart of each ill-formed
/// sequence (Unicode §3.9), the same as Python's `bytes.decode("utf-8", "replace")`.
@Suite struct CSVEncodingReplaceTests {
    func read(_ bytes: [UInt8]) throws -> [String] {
        var o = CSVReadOptions()
        o.encodingErrors = .replace
        o.header = false
        return csvColumnStrings(try CSVReader.read(bytes: bytes, options: o), 0)
    }

    @Test func maximalSubparts() throws {
        // Shift-JIS bytes: 97 | E9 96 | D8  -> three replacements, as Python gives.
        #expect(try read([0x97, 0xE9, 0x96, 0xD8, 10]) == ["\u{FFFD}\u{FFFD}\u{FFFD}"])
        // Truncated 4-byte sequence F0 9F 98 then 'x': one replacement.
        #expect(try read([0xF0, 0x9F, 0x98, 0x78, 10]) == ["\u{FFFD}x"])
        // Surrogate ED A0 80: each byte is its own subpart.
        #expect(try read([0x61, 0xED, 0xA0, 0x80, 10]) == ["a\u{FFFD}\u{FFFD}\u{FFFD}"])
        // Overlong E0 80: two subparts; C0 never starts a sequence.
        #expect(try read([0xE0, 0x80, 0xC0, 0x41, 10]) == ["\u{FFFD}\u{FFFD}\u{FFFD}A"])
        // Truncated at the end of the field, before the delimiter.
        #expect(try read([0xE2, 0x82, 0x2C, 0x62, 10]) == ["\u{FFFD}"])
    }

    @Test func strictNamesTheOffset() throws {
        #expect(throws: PFError.self) { try CSVReader.read(bytes: [0x61, 10, 0x62, 0xFF, 10]) }
    }
}
