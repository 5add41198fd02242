import PFColumnar

/// Seeded random arrays and tables of every supported type, for property tests.
public enum RandomArrays {
    /// Every type the columnar core supports, nested ones included.
    public static let allTypes: [DataType] = {
        let leaf: [DataType] = [
            .null, .boolean, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
            .float16, .float32, .float64, .utf8, .largeUtf8, .binary, .largeBinary,
            .fixedSizeBinary(byteWidth: 5), .date32, .date64, .time32(.second), .time32(.millisecond),
            .time64(.microsecond), .time64(.nanosecond), .timestamp(.second, timezone: nil),
            .timestamp(.millisecond, timezone: "UTC"), .timestamp(.microsecond, timezone: "Europe/Paris"),
            .timestamp(.nanosecond, timezone: nil), .duration(.second), .duration(.nanosecond),
            .decimal128(precision: 38, scale: 10), .decimal128(precision: 5, scale: 0),
        ]
        let nested: [DataType] = [
            .list(Field("item", .int32)),
            .largeList(Field("item", .utf8)),
            .fixedSizeList(Field("item", .float64), size: 3),
            .struct([Field("a", .int64), Field("b", .utf8), Field("c", .list(Field("item", .boolean)))]),
            .map(entries: Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .int32)]),
                                nullable: false), keysSorted: false),
            .dictionary(index: .int8, value: .utf8, ordered: false),
            .dictionary(index: .int16, value: .int64, ordered: true),
            .dictionary(index: .int32, value: .utf8, ordered: false),
            .dictionary(index: .int64, value: .float64, ordered: false),
            .list(Field("item", .struct([Field("x", .int16), Field("y", .largeBinary)]))),
            .union([Field("i", .int32), Field("s", .utf8)], typeIds: [0, 5], mode: .dense),
            .union([Field("f", .float64), Field("b", .boolean), Field("l", .list(Field("item", .int8)))],
                   typeIds: [2, 1, 0], mode: .sparse),
        ]
        return leaf + nested
    }()

    /// A random scalar of `type` (never null unless the type is null).
    public static func scalar<G: RandomNumberGenerator>(_ type: DataType, _ g: inout G, nullRate: Double) -> Scalar {
        func maybeNull(_ make: (inout G) -> Scalar) -> Scalar {
            Double.random(in: 0..<1, using: &g) < nullRate ? .null : make(&g)
        }
        switch type {
        case .null: return .null
        case .boolean: return maybeNull { .bool(Bool.random(using: &$0)) }
        case .int8: return maybeNull { .int(Int64(Int8.random(in: .min ... .max, using: &$0))) }
        case .int16: return maybeNull { .int(Int64(Int16.random(in: .min ... .max, using: &$0))) }
        case .int32, .date32: return maybeNull { .int(Int64(Int32.random(in: -1_000_000...1_000_000, using: &$0))) }
        case .time32(let u): return maybeNull { .int(Int64.random(in: 0..<(86_400 * u.perSecond), using: &$0)) }
        case .time64(let u): return maybeNull { .int(Int64.random(in: 0..<(86_400 * u.perSecond), using: &$0)) }
        case .int64, .date64, .timestamp, .duration:
            return maybeNull { .int(Int64.random(in: -4_000_000_000_000...4_000_000_000_000, using: &$0)) }
        case .uint8: return maybeNull { .uint(UInt64(UInt8.random(in: .min ... .max, using: &$0))) }
        case .uint16: return maybeNull { .uint(UInt64(UInt16.random(in: .min ... .max, using: &$0))) }
        case .uint32: return maybeNull { .uint(UInt64(UInt32.random(in: .min ... .max, using: &$0))) }
        case .uint64: return maybeNull { .uint(UInt64.random(in: .min ... .max, using: &$0)) }
        case .float16: return maybeNull { .float(Double(Float16Bits.toFloat(Float16Bits.fromFloat(Float.random(in: -100...100, using: &$0))))) }
        case .float32: return maybeNull { .float(Double(Float.random(in: -1e6...1e6, using: &$0))) }
        case .float64: return maybeNull { .float(Double.random(in: -1e12...1e12, using: &$0)) }
        case .utf8, .largeUtf8:
            return maybeNull { g in
                let pool = ["", "a", "héllo", "日本語", "🚀x", "comma,quote\"", "line\nbreak"]
                return .string((0..<Int.random(in: 0...3, using: &g)).map { _ in pool.randomElement(using: &g)! }.joined())
            }
        case .binary, .largeBinary:
            return maybeNull { g in .binary((0..<Int.random(in: 0...8, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }) }
        case .fixedSizeBinary(let w):
            return maybeNull { g in .binary((0..<w).map { _ in UInt8.random(in: 0...255, using: &g) }) }
        case .decimal128(let p, _), .decimal256(let p, _):
            return maybeNull { g in
                let digits = min(p, 18)
                var bound: Int64 = 1
                for _ in 0..<digits { bound *= 10 }
                let v = Int64.random(in: (-bound + 1)...(bound - 1), using: &g)
                if case .decimal256 = type { return .decimal256(Int256(v)) }
                return .decimal(Int128(v))
            }
        case .list(let f), .largeList(let f):
            return maybeNull { g in .list((0..<Int.random(in: 0...4, using: &g)).map { _ in scalar(f.type, &g, nullRate: f.nullable ? nullRate : 0) }) }
        case .fixedSizeList(let f, let n):
            return maybeNull { g in .list((0..<n).map { _ in scalar(f.type, &g, nullRate: nullRate) }) }
        case .struct(let fs):
            return maybeNull { g in .struct(fs.map { scalar($0.type, &g, nullRate: $0.nullable ? nullRate : 0) }) }
        case .map(let e, _):
            return maybeNull { g in
                guard case .struct(let kv) = e.type, kv.count == 2 else { return .null }
                return .map((0..<Int.random(in: 0...3, using: &g)).map { _ in
                    .struct([scalar(kv[0].type, &g, nullRate: 0), scalar(kv[1].type, &g, nullRate: nullRate)])
                })
            }
        case .union(let fs, let ids, _):
            let k = Int.random(in: 0..<fs.count, using: &g)
            return .union(typeId: ids[k], value: scalar(fs[k].type, &g, nullRate: nullRate))
        case .dictionary(_, let v, _):
            return maybeNull { g in
                // Few distinct values so the dictionary stays small.
                var small = SplitMix64(seed: UInt64.random(in: 0..<5, using: &g))
                return scalar(v, &small, nullRate: 0)
            }
        }
    }

    /// A random array of `type` with `length` slots.
    public static func array<G: RandomNumberGenerator>(_ type: DataType, length: Int, nullRate: Double = 0.2,
                                                      using g: inout G) throws(PFError) -> ArrayData {
        try ArrayData.make(type, (0..<length).map { _ in scalar(type, &g, nullRate: nullRate) })
    }
}
