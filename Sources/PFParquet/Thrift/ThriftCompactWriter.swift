/// An encoder for the Thrift compact protocol, appending to a byte array.
///
/// Structs are written with ``writeStruct(_:)`` (or ``beginStruct()``/``endStruct()``), which
/// keep track of the previous field id so that short delta headers are used when possible.
public struct ThriftCompactWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8] = []
    private var lastFieldId: Int16 = 0
    private var fieldIdStack: [Int16] = []

    /// Creates an empty writer.
    public init() {}

    // MARK: primitives

    /// Appends one raw byte.
    public mutating func writeByte(_ b: UInt8) { bytes.append(b) }

    /// Appends an unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends a zigzag varint.
    public mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends a little-endian double.
    public mutating func writeDouble(_ value: Double) {
        let bits = value.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(i * 8))) }
    }

    /// Appends a length-prefixed binary value.
    public mutating func writeBinary<C: Collection>(_ value: C) where C.Element == UInt8 {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a length-prefixed UTF-8 string.
    public mutating func writeString(_ value: String) {
        writeBinary(Array(value.utf8))
    }

    /// Appends a boolean list element.
    public mutating func writeBoolElement(_ value: Bool) { bytes.append(value ? 1 : 2) }

    // MARK: structs

    /// Starts a nested struct (the previous field id is saved).
    public mutating func beginStruct() {
        fieldIdStack.append(lastFieldId)
        lastFieldId = 0
    }

    /// Ends the current struct: writes the stop byte and restores the outer field id.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldId = fieldIdStack.popLast() ?? 0
    }

    /// Writes a whole struct whose fields are produced by `body`.
    public mutating func writeStruct(_ body: (inout ThriftCompactWriter) -> Void) {
        beginStruct()
        body(&self)
        endStruct()
    }

    /// Writes a field header.
    public mutating func writeFieldHeader(_ type: ThriftCompactType, id: Int16) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta << 4) | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldId = id
    }

    // MARK: fields

    /// Writes a bool field (the value goes into the header).
    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(value ? .booleanTrue : .booleanFalse, id: id)
    }

    /// Writes an i8 field.
    public mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(.byte, id: id)
        bytes.append(UInt8(bitPattern: value))
    }

    /// Writes an i16 field.
    public mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(.i16, id: id)
        writeZigzag(Int64(value))
    }

    /// Writes an i32 field.
    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(.i32, id: id)
        writeZigzag(Int64(value))
    }

    /// Writes an i64 field.
    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(.i64, id: id)
        writeZigzag(value)
    }

    /// Writes a double field.
    public mutating func writeDoubleField(_ id: Int16, _ value: Double) {
        writeFieldHeader(.double, id: id)
        writeDouble(value)
    }

    /// Writes a binary field.
    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]) {
        writeFieldHeader(.binary, id: id)
        writeBinary(value)
    }

    /// Writes a string field.
    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeFieldHeader(.binary, id: id)
        writeString(value)
    }

    /// Writes a struct-valued field.
    public mutating func writeStructField<T: ThriftEncodable>(_ id: Int16, _ value: T) {
        writeFieldHeader(.struct, id: id)
        value.write(thrift: &self)
    }

    /// Writes an empty-struct field (used by union members without payload).
    public mutating func writeEmptyStructField(_ id: Int16) {
        writeFieldHeader(.struct, id: id)
        writeStruct { _ in }
    }

    /// Writes a list header.
    public mutating func writeListHeader(_ elementType: ThriftCompactType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count << 4) | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes a list field with elements of `elementType` produced by `element`.
    public mutating func writeListField<S: Collection>(
        _ id: Int16, _ elementType: ThriftCompactType, _ values: S,
        _ element: (inout ThriftCompactWriter, S.Element) -> Void
    ) {
        writeFieldHeader(.list, id: id)
        writeListHeader(elementType, count: values.count)
        for v in values { element(&self, v) }
    }

    /// Writes a list of structs field.
    public mutating func writeStructListField<T: ThriftEncodable>(_ id: Int16, _ values: [T]) {
        writeListField(id, .struct, values) { w, v in v.write(thrift: &w) }
    }

    /// Writes a list<i32> field.
    public mutating func writeI32ListField(_ id: Int16, _ values: [Int32]) {
        writeListField(id, .i32, values) { w, v in w.writeZigzag(Int64(v)) }
    }

    /// Writes a list<i64> field.
    public mutating func writeI64ListField(_ id: Int16, _ values: [Int64]) {
        writeListField(id, .i64, values) { w, v in w.writeZigzag(v) }
    }

    /// Writes a list<string> field.
    public mutating func writeStringListField(_ id: Int16, _ values: [String]) {
        writeListField(id, .binary, values) { w, v in w.writeString(v) }
    }

    /// Writes a list<binary> field.
    public mutating func writeBinaryListField(_ id: Int16, _ values: [[UInt8]]) {
        writeListField(id, .binary, values) { w, v in w.writeBinary(v) }
    }

    /// Writes a list<bool> field.
    public mutating func writeBoolListField(_ id: Int16, _ values: [Bool]) {
        writeListField(id, .booleanTrue, values) { w, v in w.writeBoolElement(v) }
    }
}

extension ThriftCompactReader {
    /// Reads a list<i32> field.
    public mutating func readI32List(_ type: ThriftCompactType) throws -> [Int32] {
        try readList(type) { r, t in try r.readI32(t) }
    }

    /// Reads a list<i64> field.
    public mutating func readI64List(_ type: ThriftCompactType) throws -> [Int64] {
        try readList(type) { r, t in try r.readI64(t) }
    }

    /// Reads a list<string> field.
    public mutating func readStringList(_ type: ThriftCompactType) throws -> [String] {
        try readList(type) { r, t in
            try r.expect(t, .binary, "string list element")
            return try r.readString()
        }
    }

    /// Reads a list<binary> field.
    public mutating func readBinaryList(_ type: ThriftCompactType) throws -> [[UInt8]] {
        try readList(type) { r, t in
            try r.expect(t, .binary, "binary list element")
            return try r.readBinary()
        }
    }

    /// Reads a list<bool> field.
    public mutating func readBoolList(_ type: ThriftCompactType) throws -> [Bool] {
        try readList(type) { r, t in
            guard t.isBool else { throw r.error("expected bool list elements, found \(t)") }
            return try r.readBoolElement()
        }
    }

    /// Reads a list of structs field.
    public mutating func readStructList<T: ThriftDecodable>(_ type: ThriftCompactType,
                                                            _: T.Type = T.self) throws -> [T] {
        try readList(type) { r, t in
            try r.expect(t, .struct, "struct list element")
            return try T(thrift: &r)
        }
    }

    /// Reads a binary field.
    public mutating func readBinaryField(_ type: ThriftCompactType) throws -> [UInt8] {
        try expect(type, .binary, "binary field")
        return try readBinary()
    }

    /// Reads a string field.
    public mutating func readStringField(_ type: ThriftCompactType) throws -> String {
        try expect(type, .binary, "string field")
        return try readString()
    }

    /// Reads a nested struct field.
    public mutating func readStructField<T: ThriftDecodable>(_ type: ThriftCompactType,
                                                             _: T.Type = T.self) throws -> T {
        try expect(type, .struct, "struct field")
        return try T(thrift: &self)
    }

    /// Reads a double field.
    public mutating func readDoubleField(_ type: ThriftCompactType) throws -> Double {
        try expect(type, .double, "double field")
        return try readDouble()
    }

    /// Skips an empty (or unknown) struct field, checking the wire type.
    public mutating func skipStructField(_ type: ThriftCompactType) throws {
        try expect(type, .struct, "struct field")
        try skipValue(.struct, inContainer: false)
    }
}
