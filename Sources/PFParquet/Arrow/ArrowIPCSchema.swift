import PFColumnar

/// The `ARROW:schema` codec: an Arrow IPC `Schema` message (Arrow's `Message.fbs` and
/// `Schema.fbs`), base64-encoded, as pyarrow stores it in the key/value metadata of a
/// Parquet file so that Arrow types the Parquet schema cannot express (durations,
/// unsigned widths, large offsets, dictionaries, time zones...) survive a round trip.
///
/// The message is encapsulated: `0xFFFFFFFF`, an int32 length, then the FlatBuffer
/// `Message` whose header is a `Schema`, padded to 8 bytes. Decoding also accepts the
/// pre-0.15 framing without the continuation marker.
public enum ArrowIPCSchema {
    /// The key under which Parquet files carry the schema.
    public static let metadataKey = "ARROW:schema"

    /// Deepest nesting of fields accepted when decoding.
    static let maxDepth = 64

    /// Encodes `schema` (fields and schema metadata) as base64 of an IPC Schema message.
    public static func encode(_ schema: Schema) -> String {
        Base64.encode(encodeMessage(schema))
    }

    /// The encapsulated IPC message bytes (not base64-encoded).
    public static func encodeMessage(_ schema: Schema) -> [UInt8] {
        var dictId: Int64 = 0
        let fields = schema.fields.map { field($0, &dictId) }
        var schemaSlots: [(Int, FlatValue)] = [(0, .i16(0)), (1, .object(.tables(fields)))]
        if !schema.metadata.isEmpty { schemaSlots.append((2, .object(keyValues(schema.metadata)))) }
        let message = FlatObject.table([
            (0, .i16(4)),                       // version: V5
            (1, .u8(1)),                        // header_type: Schema
            (2, .object(.table(schemaSlots))),  // header
            (3, .i64(0)),                       // bodyLength
        ])
        let fb = FlatBufferBuilder.build(message)
        var out: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        withUnsafeBytes(of: Int32(fb.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: fb)
        return out
    }

    /// Decodes the base64 text of an `ARROW:schema` value.
    /// - Throws: `.format` for malformed data, `.unsupported` for Arrow types that
    ///   ParquetFrame has no representation for (intervals, views, run-end encoded, ...).
    public static func decode(_ text: String) throws -> Schema {
        try decodeMessage(Base64.decode(text))
    }

    /// Decodes an encapsulated IPC Schema message.
    public static func decodeMessage(_ bytes: [UInt8]) throws -> Schema {
        var start = 0
        guard bytes.count >= 8 else { throw PFError.format("ARROW:schema: message of \(bytes.count) bytes is too short") }
        func le32(_ p: Int) -> UInt32 {
            UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        }
        var length = Int(Int32(bitPattern: le32(0)))
        start = 4
        if le32(0) == 0xFFFF_FFFF {
            length = Int(Int32(bitPattern: le32(4)))
            start = 8
        }
        guard length > 0, length <= bytes.count - start else {
            throw PFError.format("ARROW:schema: message length \(length) does not fit \(bytes.count) bytes")
        }
        let r = FlatBufferReader(Array(bytes[start..<(start + length)]))
        let message = try r.root()
        let headerType = try message.u8(1)
        guard headerType == 1 else {
            throw PFError.format("ARROW:schema: message header type \(headerType) is not Schema")
        }
        guard let s = try message.table(2) else { throw PFError.format("ARROW:schema: message without header") }
        let endianness = try s.i16(0)
        guard endianness == 0 else { throw PFError.unsupported("ARROW:schema: big-endian Arrow schema") }
        let fields = try s.tables(1).map { try field($0, depth: 0) }
        return Schema(fields, metadata: try keyValues(s, 2))
    }

    // MARK: encoding

    private static func keyValues(_ m: KeyValueMetadata) -> FlatObject {
        .tables(m.pairs.map { .table([(0, .object(.string($0.key))), (1, .object(.string($0.value)))]) })
    }

    private static func intTable(_ bits: Int32, _ signed: Bool) -> FlatObject {
        .table([(0, .i32(bits)), (1, .bool(signed))])
    }

    private static func unitValue(_ u: TimeUnit) -> Int16 {
        switch u {
        case .second: return 0
        case .millisecond: return 1
        case .microsecond: return 2
        case .nanosecond: return 3
        }
    }

    /// The Type union member and table of a (non-dictionary) type.
    private static func typeTable(_ t: DataType) -> (UInt8, FlatObject) {
        switch t {
        case .null: return (1, .table([]))
        case .boolean: return (6, .table([]))
        case .int8: return (2, intTable(8, true))
        case .int16: return (2, intTable(16, true))
        case .int32: return (2, intTable(32, true))
        case .int64: return (2, intTable(64, true))
        case .uint8: return (2, intTable(8, false))
        case .uint16: return (2, intTable(16, false))
        case .uint32: return (2, intTable(32, false))
        case .uint64: return (2, intTable(64, false))
        case .float16: return (3, .table([(0, .i16(0))]))
        case .float32: return (3, .table([(0, .i16(1))]))
        case .float64: return (3, .table([(0, .i16(2))]))
        case .utf8: return (5, .table([]))
        case .largeUtf8: return (20, .table([]))
        case .binary: return (4, .table([]))
        case .largeBinary: return (19, .table([]))
        case .fixedSizeBinary(let w): return (15, .table([(0, .i32(Int32(clamping: w)))]))
        case .date32: return (8, .table([(0, .i16(0))]))
        case .date64: return (8, .table([(0, .i16(1))]))
        case .time32(let u): return (9, .table([(0, .i16(unitValue(u))), (1, .i32(32))]))
        case .time64(let u): return (9, .table([(0, .i16(unitValue(u))), (1, .i32(64))]))
        case .timestamp(let u, let tz):
            var slots: [(Int, FlatValue)] = [(0, .i16(unitValue(u)))]
            if let tz { slots.append((1, .object(.string(tz)))) }
            return (10, .table(slots))
        case .duration(let u): return (18, .table([(0, .i16(unitValue(u)))]))
        case .decimal128(let p, let s):
            return (7, .table([(0, .i32(Int32(clamping: p))), (1, .i32(Int32(clamping: s))), (2, .i32(128))]))
        case .decimal256(let p, let s):
            return (7, .table([(0, .i32(Int32(clamping: p))), (1, .i32(Int32(clamping: s))), (2, .i32(256))]))
        case .list: return (12, .table([]))
        case .largeList: return (21, .table([]))
        case .fixedSizeList(_, let n): return (16, .table([(0, .i32(Int32(clamping: n)))]))
        case .struct: return (13, .table([]))
        case .map(_, let sorted): return (17, .table([(0, .bool(sorted))]))
        case .union(_, let ids, let mode):
            return (14, .table([(0, .i16(mode == .dense ? 1 : 0)), (1, .object(.int32s(ids.map { Int32($0) })))]))
        case .dictionary(_, let v, _): return typeTable(v)
        }
    }

    private static func field(_ f: Field, _ dictId: inout Int64) -> FlatObject {
        var slots: [(Int, FlatValue)] = [(0, .object(.string(f.name))), (1, .bool(f.nullable))]
        var valueType = f.type
        if case .dictionary(let index, let value, let ordered) = f.type {
            let (bits, signed): (Int32, Bool)
            switch index {
            case .int8: (bits, signed) = (8, true)
            case .int16: (bits, signed) = (16, true)
            case .int32: (bits, signed) = (32, true)
            case .uint8: (bits, signed) = (8, false)
            case .uint16: (bits, signed) = (16, false)
            case .uint32: (bits, signed) = (32, false)
            case .uint64: (bits, signed) = (64, false)
            default: (bits, signed) = (64, true)
            }
            slots.append((4, .object(.table([(0, .i64(dictId)), (1, .object(intTable(bits, signed))),
                                             (2, .bool(ordered)), (3, .i16(0))]))))
            dictId += 1
            valueType = value
        }
        let (typeType, table) = typeTable(valueType)
        slots.append((2, .u8(typeType)))
        slots.append((3, .object(table)))
        var children: [FlatObject] = []
        for c in valueType.children { children.append(field(c, &dictId)) }
        slots.append((5, .object(.tables(children))))
        if !f.metadata.isEmpty { slots.append((6, .object(keyValues(f.metadata)))) }
        return .table(slots)
    }

    // MARK: decoding

    private static func keyValues(_ t: FlatTable, _ slot: Int) throws -> KeyValueMetadata {
        var m = KeyValueMetadata()
        for kv in try t.tables(slot) {
            guard let k = try kv.string(0) else { continue }
            m[k] = try kv.string(1) ?? ""
        }
        return m
    }

    private static func unit(_ v: Int16) throws -> TimeUnit {
        switch v {
        case 0: return .second
        case 1: return .millisecond
        case 2: return .microsecond
        case 3: return .nanosecond
        default: throw PFError.format("ARROW:schema: unknown time unit \(v)")
        }
    }

    private static func intType(_ t: FlatTable?) throws -> DataType {
        guard let t else { throw PFError.format("ARROW:schema: Int type without table") }
        let bits = try t.i32(0), signed = try t.bool(1)
        switch (bits, signed) {
        case (8, true): return .int8
        case (16, true): return .int16
        case (32, true): return .int32
        case (64, true): return .int64
        case (8, false): return .uint8
        case (16, false): return .uint16
        case (32, false): return .uint32
        case (64, false): return .uint64
        default: throw PFError.format("ARROW:schema: integer bit width \(bits)")
        }
    }

    private static func field(_ t: FlatTable, depth: Int) throws -> Field {
        guard depth < maxDepth else { throw PFError.format("ARROW:schema: fields nested deeper than \(maxDepth)") }
        let name = try t.string(0) ?? ""
        let nullable = try t.bool(1)
        let typeType = try t.u8(2)
        let tt = try t.table(3)
        let children = try t.tables(5).map { try field($0, depth: depth + 1) }
        let metadata = try keyValues(t, 6)
        func need(_ n: Int) throws {
            guard children.count == n else {
                throw PFError.format("ARROW:schema: field '\(name)' of type \(typeType) has \(children.count) children, expected \(n)")
            }
        }
        var type: DataType
        switch typeType {
        case 1: type = .null
        case 2: type = try intType(tt)
        case 3:
            switch try tt?.i16(0) ?? 0 {
            case 0: type = .float16
            case 1: type = .float32
            case 2: type = .float64
            case let p: throw PFError.format("ARROW:schema: floating-point precision \(p)")
            }
        case 4: type = .binary
        case 5: type = .utf8
        case 6: type = .boolean
        case 7:
            let p = Int(try tt?.i32(0) ?? 0), s = Int(try tt?.i32(1) ?? 0), bits = try tt?.i32(2, 128) ?? 128
            switch bits {
            case 128: type = .decimal128(precision: p, scale: s)
            case 256: type = .decimal256(precision: p, scale: s)
            default: throw PFError.unsupported("ARROW:schema: \(bits)-bit decimal field '\(name)'")
            }
        case 8: type = try tt?.i16(0, 1) ?? 1 == 0 ? .date32 : .date64
        case 9:
            let u = try unit(try tt?.i16(0, 1) ?? 1)
            let bits = try tt?.i32(1, 32) ?? 32
            type = bits == 64 ? .time64(u) : .time32(u)
        case 10: type = .timestamp(try unit(try tt?.i16(0) ?? 0), timezone: try tt?.string(1))
        case 11: throw PFError.unsupported("ARROW:schema: interval field '\(name)'")
        case 12: try need(1); type = .list(children[0])
        case 13: type = .struct(children)
        case 14:
            let mode: UnionMode = try tt?.i16(0) ?? 0 == 1 ? .dense : .sparse
            let ids = try tt?.int32s(1) ?? children.indices.map { Int32($0) }
            guard ids.count == children.count else {
                throw PFError.format("ARROW:schema: union '\(name)' has \(ids.count) type ids for \(children.count) children")
            }
            type = .union(children, typeIds: ids.map { Int8(truncatingIfNeeded: $0) }, mode: mode)
        case 15: type = .fixedSizeBinary(byteWidth: Int(try tt?.i32(0) ?? 0))
        case 16: try need(1); type = .fixedSizeList(children[0], size: Int(try tt?.i32(0) ?? 0))
        case 17: try need(1); type = .map(entries: children[0], keysSorted: try tt?.bool(0) ?? false)
        case 18: type = .duration(try unit(try tt?.i16(0, 1) ?? 1))
        case 19: type = .largeBinary
        case 20: type = .largeUtf8
        case 21: try need(1); type = .largeList(children[0])
        case 22: throw PFError.unsupported("ARROW:schema: run-end encoded field '\(name)'")
        case 23, 24: throw PFError.unsupported("ARROW:schema: binary/string view field '\(name)'")
        case 25, 26: throw PFError.unsupported("ARROW:schema: list view field '\(name)'")
        default: throw PFError.unsupported("ARROW:schema: type \(typeType) of field '\(name)'")
        }
        if let d = try t.table(4) {
            let index = try d.table(1).map { try intType($0) } ?? .int32
            type = .dictionary(index: index, value: type, ordered: try d.bool(2))
        }
        return Field(name, type, nullable: nullable, metadata: metadata)
    }
}
