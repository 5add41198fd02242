import PFColumnar

/// A bounded decoder for the Thrift compact protocol over borrowed bytes.
///
/// The reader never traps on malformed input: every length is checked against the bytes
/// that remain before anything is allocated, nesting is limited by ``ThriftLimits/maxDepth``
/// and the total number of container elements by ``ThriftLimits/maxTotalElements``.
/// Errors are `PFError.format` carrying the absolute byte offset
/// (`baseOffset` + position inside the buffer).
///
/// The buffer is borrowed: the caller keeps the memory alive while the reader is used.
public struct ThriftCompactReader {
    /// The bytes being decoded.
    public let buffer: UnsafeRawBufferPointer
    /// Current read position inside `buffer`.
    public private(set) var position: Int
    /// Offset of `buffer[0]` in the enclosing file, used in error messages.
    public let baseOffset: Int64
    /// Limits in force.
    public let limits: ThriftLimits
    var depth: Int = 0
    var elementsLeft: Int

    /// Creates a reader over `buffer`; `baseOffset` is the absolute offset of its first byte.
    public init(_ buffer: UnsafeRawBufferPointer, baseOffset: Int64 = 0,
                limits: ThriftLimits = .default) {
        self.buffer = buffer
        self.position = 0
        self.baseOffset = baseOffset
        self.limits = limits
        self.elementsLeft = limits.maxTotalElements
    }

    /// Bytes not yet consumed.
    public var remaining: Int { buffer.count - position }

    /// A format error at the current position.
    public func error(_ what: String) -> PFError {
        .format("thrift: \(what)", offset: baseOffset &+ Int64(position))
    }

    /// A wire-type mismatch, raised before any byte of the value is consumed.
    func mismatch(_ what: String) -> ThriftWireTypeMismatch {
        ThriftWireTypeMismatch(message: what)
    }

    // MARK: primitives

    /// Reads one raw byte.
    @inline(__always)
    public mutating func readByte() throws -> UInt8 {
        guard position < buffer.count else { throw error("unexpected end of data") }
        let b = buffer[position]
        position &+= 1
        return b
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    @inline(__always)
    public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < buffer.count else { throw error("unexpected end of data in varint") }
            let b = buffer[position]
            position &+= 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift &+= 7
            if shift >= 70 { throw error("varint longer than 10 bytes") }
        }
    }

    /// Reads a zigzag-encoded 64-bit varint.
    public mutating func readZigzag64() throws -> Int64 {
        let u = try readVarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Reads a zigzag-encoded 32-bit varint, rejecting values outside `Int32`.
    public mutating func readZigzag32() throws -> Int32 {
        let v = try readZigzag64()
        guard let r = Int32(exactly: v) else { throw error("i32 value \(v) out of range") }
        return r
    }

    /// Reads a little-endian IEEE double (8 bytes).
    public mutating func readDouble() throws -> Double {
        guard remaining >= 8 else { throw error("unexpected end of data in double") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(buffer[position &+ i]) << UInt64(i &* 8) }
        position &+= 8
        return Double(bitPattern: bits)
    }

    /// Reads the length prefix of a binary value and returns the byte range it covers.
    @inline(__always)
    public mutating func readBinaryRange() throws -> Range<Int> {
        let len = try readVarint()
        guard len <= UInt64(remaining) else {
            throw error("binary length \(len) exceeds the \(remaining) bytes left")
        }
        let n = Int(len)
        guard n <= limits.maxBinaryLength else { throw error("binary length \(n) over limit") }
        let start = position
        position &+= n
        return start..<(start &+ n)
    }

    /// Reads a binary value.
    public mutating func readBinary() throws -> [UInt8] {
        let r = try readBinaryRange()
        return [UInt8](UnsafeRawBufferPointer(rebasing: buffer[r]))
    }

    /// Reads a string (UTF-8; invalid sequences are replaced with U+FFFD).
    public mutating func readString() throws -> String {
        let r = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[r]), as: UTF8.self)
    }

    // MARK: typed values by wire type

    /// Reads an integer of any compact integer wire type.
    public mutating func readInteger(_ type: ThriftCompactType) throws -> Int64 {
        switch type {
        case .byte: return Int64(Int8(bitPattern: try readByte()))
        case .i16, .i32, .i64: return try readZigzag64()
        default: throw mismatch("expected an integer, found wire type \(type)")
        }
    }

    /// Reads an `i32` field value (any integer wire type that fits).
    public mutating func readI32(_ type: ThriftCompactType) throws -> Int32 {
        let v = try readInteger(type)
        guard let r = Int32(exactly: v) else { throw error("i32 value \(v) out of range") }
        return r
    }

    /// Reads an `i16` field value.
    public mutating func readI16(_ type: ThriftCompactType) throws -> Int16 {
        let v = try readInteger(type)
        guard let r = Int16(exactly: v) else { throw error("i16 value \(v) out of range") }
        return r
    }

    /// Reads an `i8` field value.
    public mutating func readI8(_ type: ThriftCompactType) throws -> Int8 {
        let v = try readInteger(type)
        guard let r = Int8(exactly: v) else { throw error("i8 value \(v) out of range") }
        return r
    }

    /// Reads an `i64` field value.
    public mutating func readI64(_ type: ThriftCompactType) throws -> Int64 {
        try readInteger(type)
    }

    /// Reads a boolean field: the value is carried by the field header's wire type.
    public func readBoolField(_ type: ThriftCompactType) throws -> Bool {
        switch type {
        case .booleanTrue: return true
        case .booleanFalse: return false
        default: throw mismatch("expected a bool field, found wire type \(type)")
        }
    }

    /// Reads a boolean list element (one byte; 1 is true).
    public mutating func readBoolElement() throws -> Bool {
        try readByte() == 1
    }

    /// Checks the wire type of a field before decoding it.
    public func expect(_ type: ThriftCompactType, _ wanted: ThriftCompactType,
                                  _ what: @autoclosure () -> String) throws {
        if type != wanted { throw mismatch("\(what()): expected wire type \(wanted), found \(type)") }
    }

    // MARK: structs and containers

    @inline(__always)
    mutating func enter() throws {
        depth &+= 1
        if depth > limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth)")
        }
    }

    @inline(__always)
    mutating func leave() { depth &-= 1 }

    /// Reads the next field header of a struct; nil at the stop byte. `lastId` carries the
    /// previous field id (0 at the start of a struct) for delta-encoded ids.
    @inline(__always)
    public mutating func readFieldHeader(lastId: inout Int16) throws -> ThriftFieldHeader? {
        let b = try readByte()
        if b == 0 { return nil }
        guard let type = ThriftCompactType(rawValue: b & 0x0F), type != .stop else {
            throw error("unknown compact type \(b & 0x0F) in field header")
        }
        let delta = b >> 4
        if delta == 0 {
            let raw = try readZigzag64()
            guard let i = Int16(exactly: raw) else { throw error("field id \(raw) out of range") }
            lastId = i
        } else {
            lastId = lastId &+ Int16(delta)
        }
        return ThriftFieldHeader(id: lastId, type: type)
    }

    /// Decodes one struct: calls `field` for every field header; the closure returns `false`
    /// for fields it does not know, which are then skipped.
    public mutating func readStruct(
        _ field: (inout ThriftCompactReader, ThriftFieldHeader) throws -> Bool
    ) throws {
        try enter()
        defer { leave() }
        var lastId: Int16 = 0
        while let header = try readFieldHeader(lastId: &lastId) {
            let before = position
            let handled: Bool
            do {
                handled = try field(&self, header)
            } catch let m as ThriftWireTypeMismatch {
                // Like generated Thrift code, a field whose wire type differs from the IDL
                // is skipped; a mismatch after bytes were consumed is a format error.
                guard position == before else { throw error(m.message) }
                handled = false
            }
            if !handled { try skipValue(header.type, inContainer: false) }
        }
    }

    /// Reads a list or set header, checking the element count against the bytes left
    /// and the element budget. Returns the element type and count.
    public mutating func readListHeader() throws -> (ThriftCompactType, Int) {
        let b = try readByte()
        guard let type = ThriftCompactType(rawValue: b & 0x0F), type != .stop else {
            throw error("unknown compact element type \(b & 0x0F) in list header")
        }
        var count = UInt64(b >> 4)
        if count == 15 { count = try readVarint() }
        // Every element takes at least one byte on the wire.
        guard count <= UInt64(remaining) else {
            throw error("list of \(count) elements exceeds the \(remaining) bytes left")
        }
        let n = Int(count)
        guard n <= elementsLeft else { throw error("too many container elements") }
        elementsLeft &-= n
        return (type, n)
    }

    /// Reads a map header. Returns key type, value type and count.
    public mutating func readMapHeader() throws -> (ThriftCompactType, ThriftCompactType, Int) {
        let count = try readVarint()
        if count == 0 { return (.stop, .stop, 0) }
        let b = try readByte()
        guard let kt = ThriftCompactType(rawValue: b >> 4), kt != .stop,
              let vt = ThriftCompactType(rawValue: b & 0x0F), vt != .stop else {
            throw error("unknown compact types in map header")
        }
        guard count <= UInt64(remaining / 2) else {
            throw error("map of \(count) entries exceeds the \(remaining) bytes left")
        }
        let n = Int(count)
        guard n <= elementsLeft else { throw error("too many container elements") }
        elementsLeft &-= n
        return (kt, vt, n)
    }

    /// Reads a list field, decoding each element with `element`.
    public mutating func readList<T>(
        _ type: ThriftCompactType,
        _ element: (inout ThriftCompactReader, ThriftCompactType) throws -> T
    ) throws -> [T] {
        guard type == .list || type == .set else {
            throw mismatch("expected a list, found wire type \(type)")
        }
        try enter()
        defer { leave() }
        let (et, n) = try readListHeader()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try element(&self, et)) }
        return out
    }

    /// Opens a list (or set) field whose elements must be structs: checks the wire types
    /// (a non-list field is a ``ThriftWireTypeMismatch``, non-struct elements an error) and
    /// calls `body` with the element count, positioned at the first element.
    public mutating func withStructList<R>(
        _ type: ThriftCompactType,
        _ body: (inout ThriftCompactReader, Int) throws -> R
    ) throws -> R {
        guard type == .list || type == .set else {
            throw mismatch("expected a list, found wire type \(type)")
        }
        try enter()
        defer { leave() }
        let (et, n) = try readListHeader()
        if n > 0, et != .struct {
            throw error("struct list element: expected wire type struct, found \(et)")
        }
        return try body(&self, n)
    }

    /// Skips one value of the given wire type. Booleans take no bytes as struct fields
    /// (`inContainer == false`) and one byte as container elements. Nothing is allocated;
    /// the same bounds, depth and element limits apply as when decoding.
    public mutating func skipValue(_ type: ThriftCompactType, inContainer: Bool) throws {
        switch type {
        case .stop: throw error("unexpected stop type")
        case .booleanTrue, .booleanFalse:
            if inContainer { _ = try readByte() }
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: try skipVarint()
        case .double:
            guard remaining >= 8 else { throw error("unexpected end of data in double") }
            position &+= 8
        case .binary: _ = try readBinaryRange()
        case .list, .set:
            try enter()
            defer { leave() }
            let (et, n) = try readListHeader()
            switch et {
            case .byte, .booleanTrue, .booleanFalse:
                // One byte each; the header check guarantees `n <= remaining`.
                position &+= n
            case .i16, .i32, .i64:
                for _ in 0..<n { try skipVarint() }
            case .binary:
                for _ in 0..<n { _ = try readBinaryRange() }
            case .struct:
                for _ in 0..<n { try skipStruct() }
            default:
                for _ in 0..<n { try skipValue(et, inContainer: true) }
            }
        case .map:
            try enter()
            defer { leave() }
            let (kt, vt, n) = try readMapHeader()
            for _ in 0..<n {
                try skipValue(kt, inContainer: true)
                try skipValue(vt, inContainer: true)
            }
        case .struct:
            try skipStruct()
        }
    }

    /// Skips a varint without decoding it (at most 10 bytes).
    @inline(__always)
    public mutating func skipVarint() throws {
        let start = position
        let end = Swift.min(buffer.count, start &+ 10)
        var p = start
        while p < end {
            let b = buffer[p]
            p &+= 1
            if b & 0x80 == 0 { position = p; return }
        }
        position = p
        throw error(p &- start == 10 ? "varint longer than 10 bytes" : "unexpected end of data in varint")
    }

    /// Skips one struct (positioned at its first field header) up to and including its stop
    /// byte. This is the hot loop of opening a wide file: ``ThriftFastSkip`` walks it first;
    /// only when that fails is the walk redone here, with checks that name the problem.
    public mutating func skipStruct() throws {
        if let base = buffer.baseAddress {
            var fast = ThriftFastSkip(base: base, count: buffer.count, position: position,
                                      elementsLeft: elementsLeft, limits: limits)
            if fast.structBody(depth: depth &+ 1) {
                position = fast.position
                elementsLeft = fast.elementsLeft
                return
            }
        }
        try skipStructChecked()
    }

    /// `skipStruct` with a descriptive error for every malformation.
    mutating func skipStructChecked() throws {
        try enter()
        defer { leave() }
        let count = buffer.count
        while true {
            guard position < count else { throw error("unexpected end of data") }
            let b = buffer[position]
            position &+= 1
            if b == 0 { return }
            if b >> 4 == 0 {
                // Long-form field id: a zigzag varint that must fit an i16.
                let raw = try readZigzag64()
                guard Int16(exactly: raw) != nil else { throw error("field id \(raw) out of range") }
            }
            switch b & 0x0F {
            case 1, 2: continue
            case 3:
                guard position < count else { throw error("unexpected end of data") }
                position &+= 1
            case 4, 5, 6: try skipVarint()
            case 7:
                guard count &- position >= 8 else { throw error("unexpected end of data in double") }
                position &+= 8
            case 8: _ = try readBinaryRange()
            case 9: try skipValue(.list, inContainer: false)
            case 10: try skipValue(.set, inContainer: false)
            case 11: try skipValue(.map, inContainer: false)
            case 12: try skipStruct()
            default:
                throw error("unknown compact type \(b & 0x0F) in field header")
            }
        }
    }
}

extension ThriftCompactReader {
    /// Decodes a value of type `T` from `bytes`, returning it and the number of bytes used.
    public static func decode<T: ThriftDecodable>(
        _ type: T.Type, from bytes: UnsafeRawBufferPointer, baseOffset: Int64 = 0,
        limits: ThriftLimits = .default
    ) throws -> (value: T, bytesRead: Int) {
        var r = ThriftCompactReader(bytes, baseOffset: baseOffset, limits: limits)
        do {
            let v = try T(thrift: &r)
            return (v, r.position)
        } catch let m as ThriftWireTypeMismatch {
            throw r.error(m.message)
        }
    }

    /// Decodes a value of type `T` from a byte array.
    public static func decode<T: ThriftDecodable>(
        _ type: T.Type, from bytes: [UInt8], limits: ThriftLimits = .default
    ) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0, limits: limits).value }
    }
}

/// A type decodable from a Thrift compact struct.
public protocol ThriftDecodable {
    /// Decodes one value; the reader is positioned at the first field header of the struct.
    init(thrift r: inout ThriftCompactReader) throws
}

/// A type encodable as a Thrift compact struct.
public protocol ThriftEncodable {
    /// Writes the struct (fields and the terminating stop byte).
    func write(thrift w: inout ThriftCompactWriter)
}

extension ThriftEncodable {
    /// The compact-protocol serialization of this value.
    public func thriftBytes() -> [UInt8] {
        var w = ThriftCompactWriter()
        write(thrift: &w)
        return w.bytes
    }
}

/// A type both encodable and decodable with the compact protocol.
public typealias ThriftCodable = ThriftDecodable & ThriftEncodable

/// Internal signal for a field whose wire type does not match the IDL; `readStruct`
/// skips such fields, as generated Thrift code does.
struct ThriftWireTypeMismatch: Error {
    var message: String
}
