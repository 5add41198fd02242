import PFColumnar

/// Turns schema JSON into ``AvroSchema``: resolves names and namespaces, inlines named
/// references, detects recursion and validates logical types.
struct AvroSchemaParser {
    /// Completed named types by full name.
    var named: [String: AvroSchema] = [:]
    /// Named types whose definition is being parsed (a reference to one is recursion).
    var inProgress: Set<String> = []
    var depth = 0

    static let primitives: [String: AvroSchema] = [
        "null": .null, "boolean": .boolean, "int": .int, "long": .long,
        "float": .float, "double": .double, "bytes": .bytes, "string": .string,
    ]

    func bad(_ what: String) -> PFError { .format("invalid Avro schema: \(what)") }

    mutating func parse(_ json: JSONValue, namespace: String?) throws(PFError) -> AvroSchema {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 200 else { throw bad("nesting deeper than 200 levels") }
        switch json {
        case .string(let s):
            return try resolve(s, namespace: namespace)
        case .array(let branches):
            var out: [AvroSchema] = []
            for b in branches {
                let s = try parse(b, namespace: namespace)
                if case .union = s { throw bad("a union may not immediately contain another union") }
                out.append(s)
            }
            return .union(out)
        case .object:
            return try parseObject(json, namespace: namespace)
        default:
            throw bad("expected a type name, an object or an array, got \(json)")
        }
    }

    func resolve(_ name: String, namespace: String?) throws(PFError) -> AvroSchema {
        if let p = AvroSchemaParser.primitives[name] { return p }
        var candidates: [String] = []
        if !name.contains("."), let ns = namespace, !ns.isEmpty { candidates.append("\(ns).\(name)") }
        candidates.append(name)
        for c in candidates {
            if inProgress.contains(c) {
                throw .unsupported("recursive Avro schema: type '\(c)' refers to itself")
            }
            if let s = named[c] { return s }
        }
        throw bad("unknown type name '\(name)'")
    }

    /// Splits a declared name into (name, namespace) per the specification.
    func qualify(_ obj: JSONValue, enclosing: String?) throws(PFError) -> AvroName {
        guard let raw = obj["name"]?.stringValue, !raw.isEmpty else { throw bad("named type without a name: \(obj)") }
        if let dot = raw.lastIndex(of: ".") {
            let ns = String(raw[raw.startIndex..<dot])
            return AvroName(name: String(raw[raw.index(after: dot)...]), namespace: ns.isEmpty ? nil : ns)
        }
        if let ns = obj["namespace"] {
            if case .null = ns { return AvroName(name: raw, namespace: nil) }
            guard let s = ns.stringValue else { throw bad("namespace must be a string") }
            return AvroName(name: raw, namespace: s.isEmpty ? nil : s)
        }
        return AvroName(name: raw, namespace: enclosing.flatMap { $0.isEmpty ? nil : $0 })
    }

    mutating func define(_ name: AvroName, _ schema: AvroSchema) throws(PFError) {
        guard AvroSchemaParser.primitives[name.fullName] == nil else { throw bad("'\(name)' redefines a primitive type") }
        guard named[name.fullName] == nil else { throw bad("type '\(name)' is defined twice") }
        named[name.fullName] = schema
    }

    mutating func parseObject(_ obj: JSONValue, namespace: String?) throws(PFError) -> AvroSchema {
        guard let typeValue = obj["type"] else { throw bad("object without \"type\": \(obj)") }
        guard let type = typeValue.stringValue else {
            // {"type": {...}} or {"type": [...]}: the nested schema (attributes ignored).
            return try parse(typeValue, namespace: namespace)
        }
        let base: AvroSchema
        switch type {
        case "record", "error":
            let name = try qualify(obj, enclosing: namespace)
            inProgress.insert(name.fullName)
            guard case .array(let fieldsJSON)? = obj["fields"] else { throw bad("record '\(name)' has no \"fields\" array") }
            var fields: [AvroFieldSchema] = []
            var seen: Set<String> = []
            for f in fieldsJSON {
                guard let fname = f["name"]?.stringValue else { throw bad("record '\(name)' has a field without a name") }
                guard seen.insert(fname).inserted else { throw bad("record '\(name)' has two fields named '\(fname)'") }
                guard let ftype = f["type"] else { throw bad("field '\(fname)' of '\(name)' has no type") }
                fields.append(AvroFieldSchema(name: fname, type: try parse(ftype, namespace: name.namespace)))
            }
            inProgress.remove(name.fullName)
            base = .record(AvroRecordSchema(name: name, fields: fields))
            try define(name, base)
        case "enum":
            let name = try qualify(obj, enclosing: namespace)
            guard case .array(let syms)? = obj["symbols"] else { throw bad("enum '\(name)' has no \"symbols\" array") }
            var symbols: [String] = []
            for s in syms {
                guard let str = s.stringValue else { throw bad("enum '\(name)' has a non-string symbol") }
                guard !symbols.contains(str) else { throw bad("enum '\(name)' repeats symbol '\(str)'") }
                symbols.append(str)
            }
            base = .enumeration(AvroEnumSchema(name: name, symbols: symbols))
            try define(name, base)
        case "array":
            guard let items = obj["items"] else { throw bad("array without \"items\"") }
            base = .array(try parse(items, namespace: namespace))
        case "map":
            guard let values = obj["values"] else { throw bad("map without \"values\"") }
            base = .map(try parse(values, namespace: namespace))
        case "fixed":
            let name = try qualify(obj, enclosing: namespace)
            guard let size = obj["size"]?.intValue, size >= 0, size <= Int64(Int32.max) else {
                throw bad("fixed '\(name)' needs a non-negative \"size\"")
            }
            base = .fixed(AvroFixedSchema(name: name, size: Int(size)))
            try define(name, base)
        default:
            base = try resolve(type, namespace: namespace)
        }
        if let lt = obj["logicalType"]?.stringValue, let logical = AvroSchemaParser.logical(lt, obj, on: base) {
            return .logical(logical, base)
        }
        return base
    }

    /// The logical type named `name` if it is valid on `base`; nil (ignore it) otherwise.
    static func logical(_ name: String, _ obj: JSONValue, on base: AvroSchema) -> AvroLogicalType? {
        switch (name, base) {
        case ("decimal", .bytes), ("decimal", .fixed):
            guard let p = obj["precision"]?.intValue, p >= 1, p <= 10_000 else { return nil }
            let s = obj["scale"]?.intValue ?? 0
            guard s >= 0, s <= p else { return nil }
            if case .fixed(let f) = base, Int(p) > maxDecimalDigits(fixedSize: f.size) { return nil }
            return .decimal(precision: Int(p), scale: Int(s))
        case ("uuid", .string): return .uuid
        case ("uuid", .fixed(let f)) where f.size == 16: return .uuid
        case ("date", .int): return .date
        case ("time-millis", .int): return .timeMillis
        case ("time-micros", .long): return .timeMicros
        case ("timestamp-millis", .long): return .timestampMillis
        case ("timestamp-micros", .long): return .timestampMicros
        case ("timestamp-nanos", .long): return .timestampNanos
        case ("local-timestamp-millis", .long): return .localTimestampMillis
        case ("local-timestamp-micros", .long): return .localTimestampMicros
        case ("local-timestamp-nanos", .long): return .localTimestampNanos
        case ("duration", .fixed(let f)) where f.size == 12: return .duration
        default: return nil
        }
    }

    /// floor(log10(2^(8n-1) - 1)): the most decimal digits a signed n-byte integer holds.
    static func maxDecimalDigits(fixedSize n: Int) -> Int {
        guard n > 0 else { return 0 }
        // log10(2) * (8n - 1), minus a hair so exact powers don't round up.
        let bits = Double(8 * n - 1)
        return Int((bits * 0.30102999566398119521 - 1e-12).rounded(.down))
    }
}
