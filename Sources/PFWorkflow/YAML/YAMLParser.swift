import PFColumnar
/// A small YAML parser (no Foundation) for the subset workflow files use.
///
/// Supported: block mappings and sequences (by indentation, including compact
/// `- key: value` items and sequences at their parent key's indentation), flow sequences
/// `[a, b]` and flow mappings `{k: v}` (may span lines), plain / single-quoted /
/// double-quoted scalars (with all YAML escapes and line folding), `|` and `>` block
/// scalars with chomping (`-`, `+`) and indentation indicators, comments, a leading
/// `---` document start, an optional `...` document end and a `%YAML` directive.
/// Plain scalars are typed with the YAML 1.2 core schema (``YAMLScalarResolver``);
/// quoted and block scalars are strings.
///
/// Not supported, each reported with its line: anchors (`&a`), aliases (`*a`), tags
/// (`!tag`), complex keys (`? `), several documents in one stream, tabs in indentation.
/// Duplicate keys in a mapping are an error. Keys are kept as their text.
///
/// Every node carries its 1-based line and column (``ConfigValue/location``).
public enum YAMLParser {
    /// Parses a YAML document. An empty document is null.
    public static func parse(_ text: String) throws(PFError) -> ConfigValue {
        var bytes = Array(text.utf8)
        // Normalise CRLF / CR line breaks, drop a byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        if bytes.contains(0x0D) {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0D {
                    out.append(0x0A)
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            bytes = out
        }
        var p = YAMLCursor(bytes)
        return try p.parseStream()
    }
}

private let SP: UInt8 = 0x20, TAB: UInt8 = 0x09, NL: UInt8 = 0x0A
private let HASH = UInt8(ascii: "#"), COLON = UInt8(ascii: ":"), DASH = UInt8(ascii: "-")
private let COMMA = UInt8(ascii: ","), LBRACK = UInt8(ascii: "["), RBRACK = UInt8(ascii: "]")
private let LBRACE = UInt8(ascii: "{"), RBRACE = UInt8(ascii: "}")
private let SQUOTE = UInt8(ascii: "'"), DQUOTE = UInt8(ascii: "\"")

private struct YAMLCursor {
    let b: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    var documentEnded = false
    var contentStarted = false
    static let maxDepth = 256

    init(_ b: [UInt8]) { self.b = b }

    // MARK: basics

    func peek(_ k: Int = 0) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
    var atEOF: Bool { i >= b.count }
    var col: Int { i - lineStart }
    var location: SourceLocation { SourceLocation(line: line, column: col + 1) }

    func error(_ what: String, at loc: SourceLocation? = nil) -> PFError {
        let l = loc ?? location
        return .format("YAML: \(what) (line \(l.line), column \(l.column))", offset: Int64(i))
    }

    func isBlank(_ c: UInt8) -> Bool { c == SP || c == TAB }
    func isBreakOrEOF(_ c: UInt8) -> Bool { c == NL || c == 0 }
    func isBlankOrEnd(_ c: UInt8) -> Bool { c == SP || c == TAB || c == NL || c == 0 }

    mutating func advance() {
        if b[i] == NL { i += 1; line += 1; lineStart = i } else { i += 1 }
    }

    mutating func skipBlanks() { while i < b.count, isBlank(b[i]) { i += 1 } }

    /// True at a line break, EOF or a comment (after blanks were skipped).
    var atLineEnd: Bool {
        let c = peek()
        return c == NL || c == 0 || (c == HASH && (i == lineStart || isBlank(b[i - 1])))
    }

    mutating func skipToLineEnd() { while i < b.count, b[i] != NL { i += 1 } }

    /// At column 0: `---` or `...` followed by a blank or line end.
    func atDocumentMarker() -> UInt8? {
        guard col == 0, i + 2 < b.count || i + 3 == b.count else { return nil }
        let c = peek()
        guard c == DASH || c == UInt8(ascii: ".") else { return nil }
        guard peek(1) == c, peek(2) == c, isBlankOrEnd(peek(3)) else { return nil }
        return c
    }

    /// Skips blanks, comments and line breaks up to the next content character.
    /// Returns false at EOF (or at a `...` document end). Rejects tabs in indentation and
    /// a second document.
    mutating func skipToContent() throws(PFError) -> Bool {
        while true {
            if atEOF || documentEnded { return false }
            if col == 0, let m = atDocumentMarker() {
                if m == DASH {
                    if !contentStarted { return true }
                    throw error("several documents in one stream are not supported")
                }
                documentEnded = true
                i += 3
                skipBlanks()
                guard atLineEnd else { throw error("unexpected content after '...'") }
                // Only blank lines and comments may follow.
                while !atEOF {
                    skipToLineEnd()
                    if !atEOF { advance() }
                    let save = (i, line, lineStart)
                    skipBlanks()
                    if !atLineEnd {
                        if col == 0, atDocumentMarker() == DASH {
                            throw error("several documents in one stream are not supported")
                        }
                        throw error("content after the document end marker '...'")
                    }
                    _ = save
                }
                return false
            }
            let c = peek()
            if c == SP { i += 1; continue }
            if c == TAB {
                // A tab before content on a line used for indentation is an error; allowed on blank lines.
                var j = i
                while j < b.count, isBlank(b[j]) { j += 1 }
                if j < b.count, b[j] != NL, b[j] != HASH, i == lineStart || b[lineStart..<i].allSatisfy({ $0 == SP }) {
                    throw error("tab character used for indentation")
                }
                i = j
                continue
            }
            if c == NL { advance(); continue }
            if c == HASH && (i == lineStart || isBlank(b[i - 1])) { skipToLineEnd(); continue }
            return true
        }
    }

    // MARK: stream

    mutating func parseStream() throws(PFError) -> ConfigValue {
        // Directives and the document start marker.
        var sawStart = false
        while true {
            guard try skipToContent() else { return ConfigValue(.null, location: SourceLocation(line: 1, column: 1)) }
            if col == 0, peek() == UInt8(ascii: "%") {
                let loc = location
                var j = i
                while j < b.count, b[j] != NL { j += 1 }
                let directive = String(decoding: b[i..<j], as: UTF8.self)
                if directive.hasPrefix("%YAML") { i = j; continue }
                throw error("directive '\(directive)' is not supported", at: loc)
            }
            if !sawStart, col == 0, atDocumentMarker() == DASH {
                sawStart = true
                i += 3
                skipBlanks()
                if atLineEnd { continue }
                break
            }
            break
        }
        contentStarted = true
        if !sawStart, col == 0, atDocumentMarker() == DASH { throw error("several documents in one stream are not supported") }
        let v = try parseNode(parentIndent: -1, allowBlockCollection: true)
        if try skipToContent() {
            if col == 0, atDocumentMarker() == DASH { throw error("several documents in one stream are not supported") }
            throw error("unexpected content (check the indentation)")
        }
        return v
    }

    // MARK: nodes

    func rejectUnsupported() throws(PFError) {
        switch peek() {
        case UInt8(ascii: "&"): throw error("anchors ('&') are not supported")
        case UInt8(ascii: "*"): throw error("aliases ('*') are not supported")
        case UInt8(ascii: "!"): throw error("tags ('!') are not supported")
        case UInt8(ascii: "?") where isBlankOrEnd(peek(1)): throw error("complex mapping keys ('? ') are not supported")
        case UInt8(ascii: "@"), UInt8(ascii: "`"): throw error("a plain scalar cannot start with '\(Character(Unicode.Scalar(peek())))'")
        default: return
        }
    }

    var atSequenceIndicator: Bool { peek() == DASH && isBlankOrEnd(peek(1)) }

    /// Parses the node starting at the current content character. `parentIndent` is the
    /// indentation of the enclosing block (continuation lines must be deeper).
    mutating func parseNode(parentIndent: Int, allowBlockCollection: Bool) throws(PFError) -> ConfigValue {
        depth += 1
        defer { depth -= 1 }
        guard depth < YAMLCursor.maxDepth else { throw error("nesting deeper than \(YAMLCursor.maxDepth) levels") }
        try rejectUnsupported()
        let c = peek()
        if atSequenceIndicator {
            guard allowBlockCollection else { throw error("a block sequence cannot start here") }
            return try parseBlockSequence(indent: col)
        }
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            return try parseBlockScalar(parentIndent: parentIndent)
        }
        if lineIsMappingKey() {
            guard allowBlockCollection else { throw error("mapping values are not allowed here") }
            return try parseBlockMapping(indent: col)
        }
        if c == LBRACK || c == LBRACE {
            let v = try parseFlowNode()
            try expectLineEnd()
            return v
        }
        if c == SQUOTE || c == DQUOTE {
            let loc = location
            let s = try parseQuoted()
            try expectLineEnd()
            return ConfigValue(.string(s), location: loc)
        }
        return try parsePlainBlock(parentIndent: parentIndent)
    }

    mutating func expectLineEnd() throws(PFError) {
        skipBlanks()
        guard atLineEnd else {
            if peek() == COLON { throw error("mapping values are not allowed here") }
            throw error("unexpected characters after a value")
        }
    }

    /// True when the current line, from the current position, is `key: ...`.
    func lineIsMappingKey() -> Bool {
        var j = i
        if j < b.count, b[j] == SQUOTE || b[j] == DQUOTE {
            let q = b[j]
            j += 1
            while j < b.count, b[j] != NL {
                if b[j] == q {
                    if q == SQUOTE, j + 1 < b.count, b[j + 1] == SQUOTE { j += 2; continue }
                    break
                }
                if q == DQUOTE, b[j] == UInt8(ascii: "\\") { j += 2; continue }
                j += 1
            }
            guard j < b.count, b[j] == q else { return false }
            j += 1
            while j < b.count, isBlank(b[j]) { j += 1 }
            return j < b.count && b[j] == COLON && (j + 1 >= b.count || isBlankOrEnd(b[j + 1]))
        }
        if j < b.count, b[j] == LBRACK || b[j] == LBRACE { return false }
        while j < b.count, b[j] != NL {
            if b[j] == COLON, j + 1 >= b.count || isBlankOrEnd(b[j + 1]) { return true }
            if b[j] == HASH, j > i, isBlank(b[j - 1]) { return false }
            j += 1
        }
        return false
    }

    // MARK: block collections

    mutating func parseBlockMapping(indent n: Int) throws(PFError) -> ConfigValue {
        let mapLoc = location
        var entries: [ConfigEntry] = []
        var seen = Set<String>()
        while true {
            try rejectUnsupported()
            let keyLoc = location
            let key: String
            if peek() == SQUOTE || peek() == DQUOTE {
                key = try parseQuoted()
                skipBlanks()
            } else {
                if peek() == LBRACK || peek() == LBRACE { throw error("flow collections as mapping keys are not supported") }
                let start = i
                while !(peek() == COLON && isBlankOrEnd(peek(1))) {
                    guard !isBreakOrEOF(peek()) else { throw error("expected ':' after a mapping key") }
                    i += 1
                }
                var end = i
                while end > start, isBlank(b[end - 1]) { end -= 1 }
                key = String(decoding: b[start..<end], as: UTF8.self)
            }
            guard peek() == COLON else { throw error("expected ':' after a mapping key") }
            i += 1
            guard seen.insert(key).inserted else { throw error("duplicate key '\(key)'", at: keyLoc) }
            skipBlanks()
            let value: ConfigValue
            if atLineEnd {
                let nullLoc = location
                if try skipToContent() {
                    if col > n {
                        value = try parseNode(parentIndent: n, allowBlockCollection: true)
                    } else if col == n && atSequenceIndicator {
                        value = try parseBlockSequence(indent: n)
                    } else {
                        value = ConfigValue(.null, location: nullLoc)
                    }
                } else {
                    value = ConfigValue(.null, location: nullLoc)
                }
            } else {
                value = try parseNode(parentIndent: n, allowBlockCollection: false)
            }
            entries.append(ConfigEntry(key: key, keyLocation: keyLoc, value: value))
            guard try skipToContent() else { break }
            if col < n { break }
            if col > n { throw error("unexpected indentation (expected \(n) spaces)") }
            if atSequenceIndicator { throw error("expected a mapping key, found a sequence item") }
        }
        return ConfigValue(.object(entries), location: mapLoc)
    }

    mutating func parseBlockSequence(indent n: Int) throws(PFError) -> ConfigValue {
        let seqLoc = location
        var items: [ConfigValue] = []
        while true {
            i += 1  // '-'
            skipBlanks()
            if atLineEnd {
                let nullLoc = location
                if try skipToContent(), col > n {
                    items.append(try parseNode(parentIndent: n, allowBlockCollection: true))
                } else {
                    items.append(ConfigValue(.null, location: nullLoc))
                }
            } else {
                items.append(try parseNode(parentIndent: n, allowBlockCollection: true))
            }
            guard try skipToContent() else { break }
            if col == n && atSequenceIndicator { continue }
            if col <= n { break }
            throw error("unexpected indentation (expected \(n) spaces)")
        }
        return ConfigValue(.array(items), location: seqLoc)
    }

    // MARK: plain scalars

    /// Reads plain scalar text on the current line (block context), stopping before a
    /// comment or the line break; trailing blanks trimmed.
    mutating func plainLineText() throws(PFError) -> ArraySlice<UInt8> {
        let start = i
        while i < b.count, b[i] != NL {
            if b[i] == HASH, i > start, isBlank(b[i - 1]) { break }
            if b[i] == COLON, isBlankOrEnd(peek(1)) { throw error("mapping values are not allowed here") }
            i += 1
        }
        var end = i
        while end > start, isBlank(b[end - 1]) { end -= 1 }
        return b[start..<end]
    }

    mutating func parsePlainBlock(parentIndent: Int) throws(PFError) -> ConfigValue {
        let loc = location
        var text = Array(try plainLineText())
        // Continuation lines: deeper than the parent, not after a comment.
        while peek() == NL {
            let save = (i, line, lineStart)
            var emptyLines = 0
            advance()
            var continued = false
            while !atEOF {
                while i < b.count, isBlank(b[i]) { i += 1 }
                if peek() == NL { emptyLines += 1; advance(); continue }
                if atEOF { break }
                let lineStartCol = col
                var indentCol = 0
                var k = lineStart
                while k < b.count, b[k] == SP { k += 1; indentCol += 1 }
                _ = lineStartCol
                if indentCol > parentIndent, b[i] != HASH, !(indentCol == 0 && atDocumentMarker() != nil) {
                    continued = true
                }
                break
            }
            if !continued { (i, line, lineStart) = save; break }
            if emptyLines == 0 { text.append(SP) } else { text.append(contentsOf: Array(repeating: NL, count: emptyLines)) }
            text.append(contentsOf: try plainLineText())
        }
        let s = String(decoding: text, as: UTF8.self)
        return ConfigValue(YAMLScalarResolver.resolve(s), location: loc)
    }

    // MARK: quoted scalars

    /// Parses a single- or double-quoted scalar (may span lines, with folding).
    mutating func parseQuoted() throws(PFError) -> String {
        let startLoc = location
        let q = b[i]
        i += 1
        var out: [UInt8] = []
        var keep = 0  // out[..<keep] must not be trimmed at a line fold
        while true {
            guard i < b.count else { throw error("unterminated quoted string", at: startLoc) }
            let c = b[i]
            if c == q {
                if q == SQUOTE, peek(1) == SQUOTE { out.append(SQUOTE); i += 2; keep = out.count; continue }
                i += 1
                break
            }
            if c == NL {
                // Line folding: trim trailing blanks, count empty lines, skip leading blanks.
                out.removeSubrange(keep..<out.count)
                advance()
                var empty = 0
                while true {
                    while i < b.count, isBlank(b[i]) { i += 1 }
                    if peek() == NL { empty += 1; advance(); continue }
                    break
                }
                if col == 0, atDocumentMarker() != nil { throw error("document marker inside a quoted string") }
                if empty == 0 { out.append(SP) } else { out.append(contentsOf: Array(repeating: NL, count: empty)) }
                continue
            }
            if q == DQUOTE, c == UInt8(ascii: "\\") {
                i += 1
                guard i < b.count else { throw error("unterminated escape", at: startLoc) }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "t"), TAB: out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "e"): out.append(0x1B)
                case SP: out.append(SP)
                case DQUOTE: out.append(DQUOTE)
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "N"): appendUTF8(0x85, to: &out)
                case UInt8(ascii: "_"): appendUTF8(0xA0, to: &out)
                case UInt8(ascii: "L"): appendUTF8(0x2028, to: &out)
                case UInt8(ascii: "P"): appendUTF8(0x2029, to: &out)
                case UInt8(ascii: "x"): appendUTF8(try hexEscape(2), to: &out)
                case UInt8(ascii: "u"): appendUTF8(try hexEscape(4), to: &out)
                case UInt8(ascii: "U"): appendUTF8(try hexEscape(8), to: &out)
                case NL:
                    // Escaped line break: joined without a space; leading blanks skipped.
                    line += 1; lineStart = i
                    while i < b.count, isBlank(b[i]) { i += 1 }
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a double-quoted string")
                }
                keep = out.count
                continue
            }
            out.append(c)
            i += 1
            if !isBlank(c) { keep = out.count }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8", at: startLoc) }
        return s
    }

    mutating func hexEscape(_ n: Int) throws(PFError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<n {
            guard i < b.count, let d = hexDigit(b[i]) else { throw error("invalid hexadecimal escape") }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    // MARK: block scalars

    mutating func parseBlockScalar(parentIndent: Int) throws(PFError) -> ConfigValue {
        let loc = location
        let folded = b[i] == UInt8(ascii: ">")
        i += 1
        var chomp: UInt8 = 0  // 0 clip, '-' strip, '+' keep
        var explicitIndent = 0
        for _ in 0..<2 {
            let c = peek()
            if (c == DASH || c == UInt8(ascii: "+")) && chomp == 0 { chomp = c; i += 1 }
            else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && explicitIndent == 0 {
                explicitIndent = Int(c - 0x30); i += 1
            }
        }
        skipBlanks()
        guard atLineEnd else { throw error("unexpected characters after a block scalar header") }
        skipToLineEnd()
        let base = max(parentIndent, 0)
        var contentIndent = explicitIndent > 0 ? (parentIndent < 0 ? 0 : parentIndent) + explicitIndent : -1
        // Collect lines.
        var lines: [ArraySlice<UInt8>] = []
        var endedWithBreak = false
        var maxLeadingEmptyIndent = 0
        while peek() == NL {
            let save = (i, line, lineStart)
            advance()
            var k = i
            while k < b.count, b[k] == SP { k += 1 }
            let indent = k - i
            let isEmpty = k >= b.count || b[k] == NL
            if contentIndent < 0 && !isEmpty {
                if k < b.count, b[k] == TAB, indent <= base { /* tab-indented text: let it end below */ }
                contentIndent = max(indent, maxLeadingEmptyIndent)
                if indent <= parentIndent || (parentIndent < 0 && false) {
                    (i, line, lineStart) = save
                    break
                }
                if indent < maxLeadingEmptyIndent { throw error("a leading empty line of a block scalar has more spaces than its first line") }
            }
            if isEmpty {
                if contentIndent < 0 { maxLeadingEmptyIndent = max(maxLeadingEmptyIndent, indent) }
                if contentIndent >= 0 && indent > contentIndent {
                    lines.append(b[(i + contentIndent)..<k])
                } else {
                    lines.append(b[k..<k])
                }
                i = k
                endedWithBreak = false
                continue
            }
            if indent < contentIndent || (col == 0 && indent == 0 && atDocumentMarker() != nil) {
                (i, line, lineStart) = save
                break
            }
            var e = k
            while e < b.count, b[e] != NL { e += 1 }
            lines.append(b[(i + contentIndent)..<e])
            i = e
            endedWithBreak = false
        }
        if peek() == NL { endedWithBreak = true }
        // Separate trailing empty lines (for chomping).
        var trailingEmpty = 0
        while let last = lines.last, last.isEmpty { lines.removeLast(); trailingEmpty += 1 }
        var out: [UInt8] = []
        var j = 0
        while j < lines.count, lines[j].isEmpty { out.append(NL); j += 1 }
        if j < lines.count {
            out.append(contentsOf: lines[j])
            var prevMore = isBlank(lines[j].first ?? 0)
            j += 1
            while j < lines.count {
                var empties = 0
                while lines[j].isEmpty { empties += 1; j += 1 }
                let cur = lines[j]
                let curMore = isBlank(cur.first ?? 0)
                if folded && !prevMore && !curMore {
                    if empties == 0 { out.append(SP) } else { out.append(contentsOf: Array(repeating: NL, count: empties)) }
                } else {
                    out.append(contentsOf: Array(repeating: NL, count: empties + 1))
                }
                out.append(contentsOf: cur)
                prevMore = curMore
                j += 1
            }
            // The line break after the last content line exists unless it ended at EOF.
            let hasFinalBreak = trailingEmpty > 0 || endedWithBreak || peek() == NL
            switch chomp {
            case DASH: break
            case UInt8(ascii: "+"):
                if hasFinalBreak { out.append(NL) }
                out.append(contentsOf: Array(repeating: NL, count: trailingEmpty))
            default:
                if hasFinalBreak { out.append(NL) }
            }
        } else if chomp == UInt8(ascii: "+") {
            out.append(contentsOf: Array(repeating: NL, count: trailingEmpty))
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("block scalar is not valid UTF-8", at: loc) }
        return ConfigValue(.string(s), location: loc)
    }

    // MARK: flow collections

    /// Skips blanks, line breaks and comments inside a flow collection.
    mutating func skipFlowSpace() throws(PFError) {
        while i < b.count {
            let c = b[i]
            if isBlank(c) { i += 1; continue }
            if c == NL {
                advance()
                if col == 0, atDocumentMarker() != nil { throw error("document marker inside a flow collection") }
                continue
            }
            if c == HASH, i == lineStart || isBlank(b[i - 1]) { skipToLineEnd(); continue }
            return
        }
    }

    mutating func parseFlowNode() throws(PFError) -> ConfigValue {
        depth += 1
        defer { depth -= 1 }
        guard depth < YAMLCursor.maxDepth else { throw error("nesting deeper than \(YAMLCursor.maxDepth) levels") }
        try skipFlowSpace()
        guard !atEOF else { throw error("unexpected end of input in a flow collection") }
        try rejectUnsupported()
        let loc = location
        let c = b[i]
        if c == LBRACK {
            i += 1
            var items: [ConfigValue] = []
            while true {
                try skipFlowSpace()
                guard !atEOF else { throw error("unterminated flow sequence", at: loc) }
                if b[i] == RBRACK { i += 1; break }
                items.append(try parseFlowNode())
                try skipFlowSpace()
                guard !atEOF else { throw error("unterminated flow sequence", at: loc) }
                if peek() == COLON { throw error("single-pair mappings inside a flow sequence are not supported") }
                if peek() == COMMA { i += 1; continue }
                if peek() == RBRACK { i += 1; break }
                throw error("expected ',' or ']' in a flow sequence")
            }
            return ConfigValue(.array(items), location: loc)
        }
        if c == LBRACE {
            i += 1
            var entries: [ConfigEntry] = []
            var seen = Set<String>()
            while true {
                try skipFlowSpace()
                guard !atEOF else { throw error("unterminated flow mapping", at: loc) }
                if b[i] == RBRACE { i += 1; break }
                try rejectUnsupported()
                let keyLoc = location
                let key: String
                if b[i] == SQUOTE || b[i] == DQUOTE {
                    key = try parseQuoted()
                } else if b[i] == LBRACK || b[i] == LBRACE {
                    throw error("flow collections as mapping keys are not supported")
                } else {
                    key = try flowPlainText(isKey: true)
                }
                guard seen.insert(key).inserted else { throw error("duplicate key '\(key)'", at: keyLoc) }
                try skipFlowSpace()
                var value = ConfigValue(.null, location: location)
                if peek() == COLON {
                    i += 1
                    try skipFlowSpace()
                    if peek() != COMMA && peek() != RBRACE { value = try parseFlowNode() }
                    try skipFlowSpace()
                }
                entries.append(ConfigEntry(key: key, keyLocation: keyLoc, value: value))
                guard !atEOF else { throw error("unterminated flow mapping", at: loc) }
                if peek() == COMMA { i += 1; continue }
                if peek() == RBRACE { i += 1; break }
                throw error("expected ',' or '}' in a flow mapping")
            }
            return ConfigValue(.object(entries), location: loc)
        }
        if c == SQUOTE || c == DQUOTE { return ConfigValue(.string(try parseQuoted()), location: loc) }
        if c == RBRACK || c == RBRACE || c == COMMA { throw error("unexpected '\(Character(Unicode.Scalar(c)))'") }
        let text = try flowPlainText(isKey: false)
        return ConfigValue(YAMLScalarResolver.resolve(text), location: loc)
    }

    /// A plain scalar inside a flow collection: ends at `,`, `[`, `]`, `{`, `}`, `: `, ` #`;
    /// line breaks fold to spaces.
    mutating func flowPlainText(isKey: Bool) throws(PFError) -> String {
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == COMMA || c == LBRACK || c == RBRACK || c == LBRACE || c == RBRACE { break }
            if c == COLON {
                let n = peek(1)
                if isBlankOrEnd(n) || n == COMMA || n == RBRACK || n == RBRACE { break }
            }
            if c == HASH, i > 0, isBlank(b[i - 1]) { break }
            if c == NL {
                // Fold: look at the next content.
                while out.last.map(isBlank) == true { out.removeLast() }
                try skipFlowSpace()
                if atEOF { break }
                let n = b[i]
                if n == COMMA || n == RBRACK || n == RBRACE || n == COLON { break }
                out.append(SP)
                continue
            }
            out.append(c)
            i += 1
        }
        while out.last.map(isBlank) == true { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
