import PFColumnar

/// JSON (RFC 8259) to a ``ConfigValue`` tree with line/column locations.
///
/// The syntax is the core's one JSON parser (``JSONValue/parseWithPositions(_:)``: strict,
/// bounded nesting, never traps); this adds the locations of values and keys, and names
/// the line and column of a syntax error. Integers that fit in `Int64` become
/// ``ConfigValue/Kind/int``; other numbers become doubles.
public enum JSONParser {
    /// Parses one JSON document.
    public static func parse(_ text: String) throws(PFError) -> ConfigValue {
        let lines = LineStarts(text)
        let parsed: (value: JSONValue, positions: [Int])
        do {
            parsed = try JSONValue.parseWithPositions(text)
        } catch {
            guard case .format(let message, let offset) = error else { throw error }
            let what = message.hasPrefix("json: ") ? String(message.dropFirst(6)) : message
            throw .format("JSON: \(what) at \(lines.location(Int(offset)))", offset: offset)
        }
        var next = 0
        return tree(parsed.value, parsed.positions, &next, lines)
    }

    /// `v` as a config value, taking the locations of it and its contents from `positions`
    /// (document order, from `next` on).
    private static func tree(_ v: JSONValue, _ positions: [Int], _ next: inout Int, _ lines: LineStarts) -> ConfigValue {
        func location() -> SourceLocation {
            defer { next += 1 }
            return lines.location(next < positions.count ? positions[next] : 0)
        }
        let at = location()
        switch v {
        case .null: return ConfigValue(.null, location: at)
        case .bool(let b): return ConfigValue(.bool(b), location: at)
        case .int(let i): return ConfigValue(.int(i), location: at)
        case .uint(let u): return ConfigValue(.double(Double(u)), location: at)
        case .double(let d): return ConfigValue(.double(d), location: at)
        case .string(let s): return ConfigValue(.string(s), location: at)
        case .array(let items):
            var out: [ConfigValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(tree(item, positions, &next, lines)) }
            return ConfigValue(.array(out), location: at)
        case .object(let members):
            var entries: [ConfigEntry] = []
            entries.reserveCapacity(members.count)
            for m in members {
                let keyAt = location()
                entries.append(ConfigEntry(key: m.key, keyLocation: keyAt, value: tree(m.value, positions, &next, lines)))
            }
            return ConfigValue(.object(entries), location: at)
        }
    }

    /// Byte offsets where the lines of a text start, to turn offsets into line and column
    /// (columns count UTF-8 bytes, 1-based).
    private struct LineStarts {
        private var starts: [Int] = [0]

        init(_ text: String) {
            for (k, b) in text.utf8.enumerated() where b == 0x0A { starts.append(k + 1) }
        }

        func location(_ offset: Int) -> SourceLocation {
            var lo = 0, hi = starts.count  // last start <= offset
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if starts[mid] <= offset { lo = mid } else { hi = mid }
            }
            return SourceLocation(line: lo + 1, column: offset - starts[lo] + 1)
        }
    }
}
