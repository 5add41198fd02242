/// A small JSON encoder (no Foundation): builds compact JSON text.
///
/// Used for run history, progress events and the C ABI. Non-finite doubles are written
/// as `null`, since JSON has no representation for them.
public struct JSONWriter {
    /// The UTF-8 text written so far (appending bytes is much cheaper than growing a String).
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Creates an empty writer.
    public init() {}

    /// Reserves room for `byteCount` bytes of text (saves regrowing a large document).
    public mutating func reserveCapacity(_ byteCount: Int) { bytes.reserveCapacity(byteCount) }

    private mutating func separator() {
        // Called before a key or a value that does not follow a key.
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Opens an object (as a value, or as the value of the last `key`).
    public mutating func beginObject() { valuePrefix(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    /// Closes the current object.
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    /// Opens an array.
    public mutating func beginArray() { valuePrefix(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    /// Closes the current array.
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Writes an object key; the next value call writes its value.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.appendQuoted(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }
    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false } else { separator() }
    }

    /// Writes a string value.
    public mutating func string(_ s: String) { valuePrefix(); JSONWriter.appendQuoted(s, to: &bytes) }
    /// Writes a string value, or `null` when nil.
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    /// Writes an integer value.
    public mutating func int(_ i: Int) { valuePrefix(); bytes.append(contentsOf: String(i).utf8) }
    /// Writes an integer value.
    public mutating func int64(_ i: Int64) { valuePrefix(); bytes.append(contentsOf: String(i).utf8) }
    /// Writes a double value (`null` when not finite).
    public mutating func double(_ d: Double) {
        valuePrefix()
        bytes.append(contentsOf: JSONWriter.formatDouble(d, nonFinite: "null").utf8)
    }
    /// Writes a boolean value.
    public mutating func bool(_ b: Bool) { valuePrefix(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    /// Writes `null`.
    public mutating func null() { valuePrefix(); bytes.append(contentsOf: "null".utf8) }
    /// Writes pre-encoded JSON text as a value.
    public mutating func raw(_ json: String) { valuePrefix(); bytes.append(contentsOf: json.utf8) }

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

    /// Appends `s` as a JSON string literal (UTF-8): `"`, `\\`, control characters and
    /// DEL escaped. Runs of plain bytes are copied at once.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var plainStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                // Bytes of multi-byte characters are >= 0x80: never escaped.
                guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<i]))
                switch b {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 0xF)])
                }
                plainStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
