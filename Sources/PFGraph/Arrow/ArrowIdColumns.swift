import PFColumnar

/// Vertex ids read from Arrow columns: every integer type (as Int64) or UTF-8 strings.
public enum VertexIdColumn: Sendable {
    /// Integer ids, converted to Int64.
    case int64([Int64])
    /// String ids (utf8 or large_utf8).
    case string([String])

    /// Number of ids.
    public var count: Int {
        switch self { case .int64(let v): return v.count; case .string(let v): return v.count }
    }
}

/// Conversion of chunked Arrow columns (`[ArrayData]`) into the inputs of ``GraphBuilder``.
///
/// - Id columns may be any integer type (int8 … int64, uint8 … uint64) or utf8 /
///   large_utf8; a null is an error naming the column and row; a uint64 above
///   `Int64.max` is an error.
/// - Weight columns may be float64, float32 or any integer type; nulls and non-finite
///   values are errors naming the column and row.
public enum ArrowEdgeColumns {
    /// Reads an id column (all chunks, in order).
    public static func ids(_ chunks: [ArrayData], name: String) throws(PFError) -> VertexIdColumn {
        guard let first = chunks.first else { return .int64([]) }
        let type = first.type
        for c in chunks where c.type != type {
            throw .invalidArgument("column '\(name)' has chunks of different types (\(type.shortName), \(c.type.shortName))")
        }
        try checkNoNulls(chunks, name: name, what: "vertex ids")
        switch type {
        case .int8: return .int64(try integers(chunks, Int8.self, name))
        case .int16: return .int64(try integers(chunks, Int16.self, name))
        case .int32: return .int64(try integers(chunks, Int32.self, name))
        case .int64: return .int64(try integers(chunks, Int64.self, name))
        case .uint8: return .int64(try integers(chunks, UInt8.self, name))
        case .uint16: return .int64(try integers(chunks, UInt16.self, name))
        case .uint32: return .int64(try integers(chunks, UInt32.self, name))
        case .uint64: return .int64(try integers(chunks, UInt64.self, name))
        case .utf8: return .string(try strings(chunks, Int32.self))
        case .largeUtf8: return .string(try strings(chunks, Int64.self))
        default:
            throw .invalidArgument("column '\(name)' has type \(type.shortName): vertex ids must be integers or strings")
        }
    }

    /// Reads a weight column as float64 (all chunks, in order).
    public static func weights(_ chunks: [ArrayData], name: String) throws(PFError) -> [Double] {
        try checkNoNulls(chunks, name: name, what: "edge weights")
        var out: [Double] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.length })
        for c in chunks {
            switch c.type {
            case .float64: out.append(contentsOf: try PrimitiveArray<Double>(c).values)
            case .float32: out.append(contentsOf: try PrimitiveArray<Float>(c).values.lazy.map { Double($0) })
            default:
                switch try ids([c], name: name) {
                case .int64(let v): out.append(contentsOf: v.lazy.map { Double($0) })
                case .string:
                    throw .invalidArgument("column '\(name)' has type \(c.type.shortName): edge weights must be numbers")
                }
            }
        }
        for (i, w) in out.enumerated() where !w.isFinite {
            throw .invalidArgument("column '\(name)' row \(i) holds \(w): edge weights must be finite")
        }
        return out
    }

    static func checkNoNulls(_ chunks: [ArrayData], name: String, what: String) throws(PFError) {
        var base = 0
        for c in chunks {
            if c.nullCount > 0 {
                for i in 0..<c.length where c.isNull(i) {
                    throw .invalidArgument("column '\(name)' has a null at row \(base + i): \(what) must not be null")
                }
            }
            base += c.length
        }
    }

    static func integers<T: ArrowPrimitive & BinaryInteger>(_ chunks: [ArrayData], _: T.Type,
                                                            _ name: String) throws(PFError) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.length })
        var base = 0
        for c in chunks {
            let v = try PrimitiveArray<T>(c).values
            if T.self == Int64.self {
                v.withMemoryRebound(to: Int64.self) { out.append(contentsOf: $0) }
            } else {
                for (i, x) in v.enumerated() {
                    guard let y = Int64(exactly: x) else {
                        throw .invalidArgument("column '\(name)' row \(base + i) holds \(x): vertex ids must fit in int64")
                    }
                    out.append(y)
                }
            }
            base += c.length
        }
        return out
    }

    static func strings<O: ArrowOffset>(_ chunks: [ArrayData], _: O.Type) throws(PFError) -> [String] {
        var out: [String] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.length })
        for c in chunks {
            let a = try GenericBinaryArray<O>(c)
            for i in 0..<c.length { out.append(String(decoding: a.bytes(i), as: UTF8.self)) }
        }
        return out
    }
}
