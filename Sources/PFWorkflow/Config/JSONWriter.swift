/// A small JSON encoder (no Foundation): builds compact JSON text.
///
/// Used for run history, progress events and the C ABI. Non-finite doubles are written
/// as `null`, since JSON has no representation for them.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var text: String = ""
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    private mutating func separator() {
        // Called before a key or a value that does not follow a key.
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object (as a value, or as the value of the last `key`).
    public mutating func beginObject() { valuePrefix(); text += "{"; needsComma.append(false) }
    /// Closes the current object.
    public mutating func endObject() { text += "}"; needsComma.removeLast() }
    /// Opens an array.
    public mutating func beginArray() { valuePrefix(); text += "["; needsComma.append(false) }
    /// Closes the current array.
    public mutating func endArray() { text += "]"; needsComma.removeLast() }

    /// Writes an object key; the next value call writes its value.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.appendQuoted(k, to: &text)
        text += ":"
        pendingKey = true
    }
    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false } else { separator() }
    }

    /// Writes a string value.
    public mutating func string(_ s: String) { valuePrefix(); JSONWriter.appendQuoted(s, to: &text) }
    /// Writes a string value, or `null` when nil.
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    /// Writes an integer value.
    public mutating func int(_ i: Int) { valuePrefix(); text += String(i) }
    /// Writes an integer value.
    public mutating func int64(_ i: Int64) { valuePrefix(); text += String(i) }
    /// Writes a double value (`null` when not finite).
    public mutating func double(_ d: Double) { valuePrefix(); text += JSONWriter.formatDouble(d, nonFinite: "null") }
    /// Writes a boolean value.
    public mutating func bool(_ b: Bool) { valuePrefix(); text += b ? "true" : "false" }
    /// Writes `null`.
    public mutating func null() { valuePrefix(); text += "null" }
    /// Writes pre-encoded JSON text as a value.
    public mutating func raw(_ json: String) { valuePrefix(); text += json }

    /// Writes a whole configuration tree.
    public mutating func value(_ v: ConfigValue) {
        switch v.kind {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int64(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let entries):
            beginObject()
            for e in entries { key(e.key); value(e.value) }
            endObject()
        }
    }

    /// Encodes a configuration tree as compact JSON.
    public static func encode(_ v: ConfigValue) -> String {
        var w = JSONWriter()
        w.value(v)
        return w.text
    }

    /// Shortest round-trip text of a double (`1.5`, `1e+20`, `3.0`); `nonFinite` for NaN/inf
    /// (default: `.nan`, `.inf`, `-.inf`).
    public static func formatDouble(_ d: Double, nonFinite: String? = nil) -> String {
        if d.isNaN { return nonFinite ?? ".nan" }
        if d.isInfinite { return nonFinite ?? (d < 0 ? "-.inf" : ".inf") }
        return d.description
    }

    /// Appends `s` as a JSON string literal.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.unicodeScalars.startIndex
        let scalars = s.unicodeScalars
        var idx = scalars.startIndex
        while idx != scalars.endIndex {
            let c = scalars[idx]
            let esc: String?
            switch c {
            case "\"": esc = "\\\""
            case "\\": esc = "\\\\"
            case "\n": esc = "\\n"
            case "\r": esc = "\\r"
            case "\t": esc = "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16)
                    esc = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    esc = nil
                }
            }
            if let esc {
                out += String(scalars[plainStart..<idx])
                out += esc
                plainStart = scalars.index(after: idx)
            }
            idx = scalars.index(after: idx)
        }
        // Append a String (in place): `out.unicodeScalars.append(contentsOf:)` copies all of `out`.
        out += String(scalars[plainStart..<scalars.endIndex])
        out += "\""
    }
}
