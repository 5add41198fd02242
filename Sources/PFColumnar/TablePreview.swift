/// A readable, aligned text rendering of a table, in the style of polars:
///
/// ```
/// shape: (3, 2)
/// ┌─────┬───────┐
/// │ id  ┆ label │
/// │ --- ┆ ---   │
/// │ i64 ┆ str   │
/// ╞═════╪═══════╡
/// │ 0   ┆ null  │
/// │ 1   ┆ row-1 │
/// │ 2   ┆ row-2 │
/// └─────┴───────┘
/// ```
///
/// Tables longer than `maxRows` show the first `maxRows / 2` and the last
/// `maxRows - maxRows / 2` rows around a row of `…`. Widths count Unicode scalars. The Python fallback renders
/// the same text (`parquetframe/_preview.py`).
public enum TablePreview {
    /// Longest cell text before it is cut and ends in `…`.
    public static let maxCellCharacters = 30

    /// Renders `table`.
    public static func render(_ table: Table, maxRows: Int = 10) -> String {
        let n = table.numRows
        let limit = max(0, maxRows)
        var rows: [Int?] = []
        if n <= limit {
            rows = (0..<n).map { $0 }
        } else {
            let head = limit / 2
            let tail = limit - head
            rows = (0..<head).map { $0 } + [nil] + ((n - tail)..<n).map { $0 }
        }
        var columns: [[String]] = []
        for (c, f) in table.schema.fields.enumerated() {
            let chunks = table.column(c)
            let locate = ChunkLocator(chunks)
            var cells: [String] = []
            for r in rows {
                guard let r else { cells.append("…"); continue }
                let (chunk, i) = locate.find(r)
                cells.append(cut(formatCell(chunks[chunk], i)))
            }
            _ = f
            columns.append(cells)
        }
        var widths: [Int] = []
        for (c, f) in table.schema.fields.enumerated() {
            var w = max(3, f.name.unicodeScalars.count, f.type.shortName.unicodeScalars.count)
            for cell in columns[c] { w = max(w, cell.unicodeScalars.count) }
            widths.append(w)
        }
        func line(_ l: String, _ fill: String, _ mid: String, _ r: String) -> String {
            l + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: mid) + r
        }
        func row(_ cells: [String]) -> String {
            "│" + zip(cells, widths).map { " " + $0 + String(repeating: " ", count: $1 - $0.unicodeScalars.count) + " " }
                .joined(separator: "┆") + "│"
        }
        var out = ["shape: (\(n), \(table.numColumns))"]
        if table.numColumns == 0 { return out[0] }
        out.append(line("┌", "─", "┬", "┐"))
        out.append(row(table.schema.fields.map(\.name)))
        out.append(row(widths.map { _ in "---" }))
        out.append(row(table.schema.fields.map(\.type.shortName)))
        out.append(line("╞", "═", "╪", "╡"))
        for i in 0..<rows.count { out.append(row(columns.map { $0[i] })) }
        out.append(line("└", "─", "┴", "┘"))
        return out.joined(separator: "\n")
    }

    /// Exposed for tests: the cell cut applied to every rendered cell.
    public static func cutForTests(_ s: String) -> String { cut(s) }

    /// Cuts to ``maxCellCharacters`` Unicode scalars (code points, as Python counts).
    static func cut(_ s: String) -> String {
        guard s.unicodeScalars.count > maxCellCharacters else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.prefix(maxCellCharacters))
        return String(out) + "…"
    }

    /// Text of slot `i` of `a` (null → `null`).
    public static func formatCell(_ a: ArrayData, _ i: Int) -> String {
        if a.isNull(i) { return "null" }
        if case .union = a.type {
            let v = a.scalar(at: i)
            return v.isNull ? "null" : format(v, a.type)
        }
        let v = a.scalar(at: i)
        switch a.type {
        case .dictionary(_, let valueType, _):
            return format(v, valueType)
        default:
            return format(v, a.type)
        }
    }

    /// Text of a non-dictionary scalar of `type`.
    static func format(_ v: Scalar, _ type: DataType) -> String {
        if v.isNull { return "null" }
        switch (type, v) {
        case (.date32, .int(let d)): return CivilTime.formatDate(days: d)
        case (.date64, .int(let ms)): return CivilTime.formatDate(days: CivilTime.floorDiv(ms, 86_400_000))
        case (.time32(let u), .int(let t)), (.time64(let u), .int(let t)): return CivilTime.formatTime(t, unit: u)
        case (.timestamp(let u, _), .int(let t)): return CivilTime.formatTimestamp(t, unit: u)
        case (.duration(let u), .int(let t)): return "\(t)\(u.abbreviation)"
        case (.decimal128(_, let s), .decimal(let d)): return DecimalFormatting.format(d, scale: s)
        case (.decimal256(_, let s), .decimal256(let d)): return DecimalFormatting.format(d, scale: s)
        case (.list(let f), .list(let xs)), (.largeList(let f), .list(let xs)), (.fixedSizeList(let f, _), .list(let xs)):
            return "[" + xs.map { format($0, f.type) }.joined(separator: ", ") + "]"
        case (.struct(let fs), .struct(let xs)):
            return "{" + zip(fs, xs).map { "\($0.name): \(format($1, $0.type))" }.joined(separator: ", ") + "}"
        case (.map(let e, _), .map(let entries)):
            let kv = e.type.children
            guard kv.count == 2 else { return v.description }
            return "{" + entries.map { entry -> String in
                guard case .struct(let p) = entry, p.count == 2 else { return entry.description }
                return "\(format(p[0], kv[0].type)): \(format(p[1], kv[1].type))"
            }.joined(separator: ", ") + "}"
        case (.dictionary(_, let vt, _), _): return format(v, vt)
        case (_, .string(let text)): return escapeControls(text)
        case (.union(let fs, let ids, _), .union(let id, let x)):
            guard let k = ids.firstIndex(of: id), k < fs.count else { return x.description }
            return format(x, fs[k].type)
        default: return v.description
        }
    }
}

extension TablePreview {
    /// `text` with control characters (U+0000–U+001F, U+007F) escaped as `\n`, `\r`, `\t`
    /// or `\xNN`, so every cell stays on one line (and C strings are never cut short).
    public static func escapeControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20, 0x7F:
                let hex = String(u.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// Exact decimal text of 128- and 256-bit fixed-point values.
public enum DecimalFormatting {
    /// `unscaled × 10^-scale` as text, e.g. (12345, 2) → "123.45", (-5, 3) → "-0.005".
    public static func format(_ unscaled: Int128, scale: Int) -> String {
        format(magnitudeDigits: String(unscaled.magnitude), negative: unscaled < 0, scale: scale)
    }

    /// `unscaled × 10^-scale` as text (decimal256).
    public static func format(_ unscaled: Int256, scale: Int) -> String {
        format(magnitudeDigits: unscaled.magnitudeDigits, negative: unscaled.isNegative, scale: scale)
    }

    private static func format(magnitudeDigits: String, negative neg: Bool, scale: Int) -> String {
        var digits = magnitudeDigits
        if scale <= 0 {
            if digits != "0" { digits += String(repeating: "0", count: -scale) }
            return (neg ? "-" : "") + digits
        }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -scale)
        return (neg ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}

/// Maps a row number of a chunked column to (chunk, index within chunk).
struct ChunkLocator {
    private let starts: [Int]
    init(_ chunks: [ArrayData]) {
        var s: [Int] = []
        var acc = 0
        for c in chunks { s.append(acc); acc += c.length }
        starts = s
    }
    func find(_ row: Int) -> (Int, Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= row { lo = mid } else { hi = mid - 1 }
        }
        return (lo, row - starts[lo])
    }
}

extension Table: CustomStringConvertible {
    /// The aligned preview of at most 10 rows.
    public var description: String { TablePreview.render(self) }
}
