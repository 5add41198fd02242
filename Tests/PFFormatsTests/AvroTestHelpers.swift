import PFColumnar
import PFTestSupport
@testable import PFFormats

/// Converts tables to the JSON representation of the fastavro golden files
/// (see Resources/make_avro_golden.py) and compares JSON values.
enum AvroTestJSON {
    static let hexDigits = Array("0123456789abcdef")

    static func hex(_ bytes: [UInt8]) -> String {
        var s = ""
        for b in bytes { s.append(hexDigits[Int(b >> 4)]); s.append(hexDigits[Int(b & 15)]) }
        return s
    }

    /// "-123.45" for unscaled -12345, scale 2 (same rule as the Python script).
    static func decimalString(_ v: Int128, scale: Int) -> String {
        decimalString(magnitude: String(v.magnitude), negative: v < 0, scale: scale)
    }

    /// The same for a decimal256 value.
    static func decimalString(_ v: Int256, scale: Int) -> String {
        let text = v.description
        let neg = text.hasPrefix("-")
        return decimalString(magnitude: neg ? String(text.dropFirst()) : text, negative: neg, scale: scale)
    }

    static func decimalString(magnitude mag: String, negative neg: Bool, scale: Int) -> String {
        var digits = mag
        if scale > 0 {
            if digits.count < scale + 1 { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
            let cut = digits.index(digits.endIndex, offsetBy: -scale)
            digits = digits[..<cut] + "." + digits[cut...]
        }
        return (neg ? "-" : "") + digits
    }

    static func value(_ type: DataType, _ s: Scalar) -> AvroJSON {
        if case .null = s { return .null }
        switch (type, s) {
        case (_, .bool(let b)): return .bool(b)
        case (.decimal128(_, let scale), .decimal(let d)): return .string(decimalString(d, scale: scale))
        case (.decimal256(_, let scale), .decimal256(let d)): return .string(decimalString(d, scale: scale))
        case (_, .int(let i)): return .int(i)
        case (_, .uint(let u)): return .int(Int64(u))
        case (_, .float(let d)): return .double(d)
        case (_, .string(let str)): return .string(str)
        case (_, .binary(let b)): return .string(hex(b))
        case (.list(let f), .list(let items)): return .array(items.map { value(f.type, $0) })
        case (.struct(let fs), .struct(let vs)):
            return .object(zip(fs, vs).map { AvroJSONMember($0.name, value($0.type, $1)) })
        case (.map(let e, _), .map(let entries)):
            let kv = e.type.children
            return .object(entries.compactMap { entry in
                guard case .struct(let pair) = entry, pair.count == 2, case .string(let k) = pair[0] else { return nil }
                return AvroJSONMember(k, value(kv[1].type, pair[1]))
            })
        case (.dictionary(_, let v, _), _): return value(v, s)
        case (.union(let fs, let ids, _), .union(let id, let x)):
            guard let k = ids.firstIndex(of: id) else { return .string("<bad union type id \(id)>") }
            return value(fs[k].type, x)
        default: return .string("<unconvertible \(type.shortName) \(s)>")
        }
    }

    /// One JSON object per row.
    static func rows(_ table: Table) -> [AvroJSON] {
        var out: [AvroJSON] = []
        for b in table.batches {
            for r in 0..<b.numRows {
                out.append(.object(zip(table.schema.fields, b.columns).map { f, c in
                    AvroJSONMember(f.name, value(f.type, c.scalar(at: r)))
                }))
            }
        }
        return out
    }

    /// Structural equality: numbers compare by value (int vs double allowed, NaN == NaN),
    /// object members by key.
    static func equal(_ a: AvroJSON, _ b: AvroJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.int(x), .double(y)), let (.double(y), .int(x)): return Double(x) == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.object(x), .object(y)):
            guard x.count == y.count else { return false }
            for m in x {
                guard let other = y.first(where: { $0.key == m.key }), equal(m.value, other.value) else { return false }
            }
            return true
        default: return false
        }
    }
}

/// Locations of the corpus and the golden files.
enum AvroTestPaths {
    static var testsDir: String {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/")
    }
    static var goldenDir: String { testsDir + "/Resources/avro-golden" }
    static var fixturesDir: String { testsDir + "/Resources/avro-fixtures" }
    static var corpus: String? { Corpus.root }

    static func readBytes(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: buf[0..<n])
        }
        return bytes
    }

    static func readText(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
