import PFColumnar

/// One column under construction: decodes Avro values of one schema node straight into
/// Arrow buffers. Subclasses exist per Avro type; the tree of decoders is the "decoder
/// plan" compiled from the schema, so the inner loop never re-reads the schema.
class AvroColumnDecoder {
    /// The Arrow type produced.
    let type: DataType
    /// Whether this column tracks validity (it sits under a nullable union).
    let nullable: Bool
    @exclusivity(unchecked) var validity = BitmapBuilder()
    @exclusivity(unchecked) var nullCount = 0
    /// Slots appended so far.
    @exclusivity(unchecked) var length = 0

    init(type: DataType, nullable: Bool) {
        self.type = type
        self.nullable = nullable
    }

    /// Decodes one value and appends it.
    func decode(_ c: inout AvroCursor) throws(PFError) {
        throw .internalError("decode not implemented for \(type.shortName)")
    }

    /// Appends a placeholder value (zero, empty) without touching validity.
    func appendPlaceholder() {}

    /// Builds the array from the data buffers, given the validity buffer (nil: no nulls).
    func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        throw .internalError("finish not implemented for \(type.shortName)")
    }

    /// Appends a null (or, for a non-nullable column under a null parent, a placeholder).
    func appendNull() {
        appendPlaceholder()
        if nullable {
            validity.append(false)
            nullCount += 1
        }
        length += 1
    }

    /// Records one appended valid slot.
    @inline(__always) final func markValid() {
        if nullable { validity.append(true) }
        length += 1
    }

    /// Produces the array; the decoder is empty afterwards and may be reused.
    func finish() throws(PFError) -> ArrayData {
        var v = BitmapBuilder()
        avroSwap(&v, &validity)
        let nc = nullCount
        let buf = v.finish()
        nullCount = 0
        length = 0
        return try finishData(validity: nc > 0 ? buf : nil, nullCount: nc)
    }
}

/// Exchanges two noncopyable values.
@inline(__always) func avroSwap<V: ~Copyable>(_ a: inout V, _ b: inout V) {
    let t = consume a
    a = consume b
    b = t
}

/// Takes the contents of a MutableBuffer, leaving an empty one.
@inline(__always) func avroTake(_ m: inout MutableBuffer) -> Buffer {
    var fresh = MutableBuffer()
    avroSwap(&fresh, &m)
    return fresh.finish()
}

/// Avro `null`: consumes no bytes.
final class AvroNullDecoder: AvroColumnDecoder {
    init() { super.init(type: .null, nullable: true) }
    override func decode(_ c: inout AvroCursor) throws(PFError) { length += 1 }
    override func appendNull() { length += 1 }
    override func finish() throws(PFError) -> ArrayData {
        let n = length
        length = 0
        return try ArrayData(type: .null, length: n, nullCount: n, buffers: [])
    }
}

/// Avro `boolean` → bool.
final class AvroBooleanDecoder: AvroColumnDecoder {
    @exclusivity(unchecked) var bits = BitmapBuilder()
    init(nullable: Bool) { super.init(type: .boolean, nullable: nullable) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        bits.append(try c.readBoolean())
        markValid()
    }
    override func appendPlaceholder() { bits.append(false) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        var b = BitmapBuilder()
        avroSwap(&b, &bits)
        let n = b.count
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, b.finish()])
    }
}

/// Fixed-width values: the base of int, long, float, double, enum and decimal decoders.
class AvroFixedWidthDecoder: AvroColumnDecoder {
    @exclusivity(unchecked) var values: MutableBuffer
    let width: Int
    init(type: DataType, nullable: Bool, width: Int) {
        self.width = width
        values = MutableBuffer(capacity: 1024 * width)
        super.init(type: type, nullable: nullable)
    }
    override func appendPlaceholder() { values.appendZeros(width) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = values.count / width
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, avroTake(&values)])
    }
}

/// Avro `int` (and date, time-millis) → int32 storage.
final class AvroIntDecoder: AvroFixedWidthDecoder {
    init(type: DataType, nullable: Bool) { super.init(type: type, nullable: nullable, width: 4) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        values.append(try c.readInt())
        markValid()
    }
}

/// Avro `long` (and time-micros, timestamps) → int64 storage.
final class AvroLongDecoder: AvroFixedWidthDecoder {
    init(type: DataType, nullable: Bool) { super.init(type: type, nullable: nullable, width: 8) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        values.append(try c.readLong())
        markValid()
    }
}

/// Avro `float` → float32.
final class AvroFloatDecoder: AvroFixedWidthDecoder {
    init(nullable: Bool) { super.init(type: .float32, nullable: nullable, width: 4) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        values.append(try c.readFloat())
        markValid()
    }
}

/// Avro `double` → float64.
final class AvroDoubleDecoder: AvroFixedWidthDecoder {
    init(nullable: Bool) { super.init(type: .float64, nullable: nullable, width: 8) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        values.append(try c.readDouble())
        markValid()
    }
}

/// Avro `enum` → dictionary<int32, utf8> whose dictionary is the symbols.
final class AvroEnumDecoder: AvroFixedWidthDecoder {
    let symbols: [String]
    init(symbols: [String], nullable: Bool) {
        self.symbols = symbols
        super.init(type: AvroSchema.enumArrowType, nullable: nullable, width: 4)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let i = try c.readLong()
        guard i >= 0, i < Int64(symbols.count) else {
            throw c.error("enum index \(i) outside 0..<\(symbols.count)")
        }
        values.append(Int32(truncatingIfNeeded: i))
        markValid()
    }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let dict = StringBuilder(type: .utf8, capacity: symbols.count)
        for s in symbols { try dict.append(s) }
        let n = values.count / 4
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, avroTake(&values)],
                             dictionary: dict.finish())
    }
}

/// Avro `bytes` or `string` → binary or utf8 (32-bit offsets; strings are UTF-8 validated).
final class AvroBinaryDecoder: AvroColumnDecoder {
    @exclusivity(unchecked) var offsets: MutableBuffer
    @exclusivity(unchecked) var data: MutableBuffer
    let validateUTF8: Bool
    init(utf8: Bool, nullable: Bool) {
        validateUTF8 = utf8
        offsets = MutableBuffer(capacity: 4096)
        offsets.append(Int32(0))
        data = MutableBuffer(capacity: 16384)
        super.init(type: utf8 ? .utf8 : .binary, nullable: nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let b = try c.readLengthPrefixed()
        if validateUTF8, let bad = UTF8Validation.firstInvalidOffset(b) {
            throw c.error("string is not valid UTF-8 (byte \(bad) of the value)")
        }
        guard data.count <= Int(Int32.max) - b.count else {
            throw c.error("\(type.shortName) column exceeds 2 GiB in one batch; use a smaller batch size")
        }
        data.append(bytes: b)
        offsets.append(Int32(truncatingIfNeeded: data.count))
        markValid()
    }
    /// Appends raw bytes that are known to be valid (map keys are validated by the caller).
    override func appendPlaceholder() { offsets.append(Int32(truncatingIfNeeded: data.count)) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = offsets.count / 4 - 1
        let o = avroTake(&offsets)
        offsets.append(Int32(0))
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, o, avroTake(&data)])
    }
}

/// Avro `fixed(n)` → fixed_size_binary(n).
final class AvroFixedDecoder: AvroFixedWidthDecoder {
    init(size: Int, nullable: Bool) { super.init(type: .fixedSizeBinary(byteWidth: size), nullable: nullable, width: size) }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        values.append(bytes: try c.readBytes(width))
        markValid()
    }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        // Width 0 has no bytes to count slots by.
        let n = width == 0 ? length : values.count / width
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity, avroTake(&values)])
    }
}

/// Avro decimal on `bytes` (fixedSize nil) or `fixed` → decimal128 (precision ≤ 38) or
/// decimal256: big-endian two's complement, sign-extended to 16 or 32 bytes little-endian.
/// A value with more digits than the precision is a format error naming the field.
final class AvroDecimalDecoder: AvroFixedWidthDecoder {
    let fixedSize: Int?
    /// Dotted path of the field, for error messages.
    let field: String
    let precision: Int
    let scale: Int
    /// 10^precision (decimal128).
    let bound128: Int128
    /// 10^precision (decimal256).
    let bound256: Int256

    init(type: DataType, fixedSize: Int?, nullable: Bool, field: String) {
        self.fixedSize = fixedSize
        self.field = field
        switch type {
        case .decimal128(let p, let s), .decimal256(let p, let s): precision = p; scale = s
        default: precision = 1; scale = 0
        }
        var b: Int128 = 1
        if precision <= 38 { for _ in 0..<precision { b *= 10 } }
        bound128 = b
        bound256 = Int256.powerOfTen(min(max(precision, 0), 76))
        let wide: Bool
        if case .decimal256 = type { wide = true } else { wide = false }
        super.init(type: type, nullable: nullable, width: wide ? 32 : 16)
    }

    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let b: UnsafeRawBufferPointer
        if let n = fixedSize { b = try c.readBytes(n) } else { b = try c.readLengthPrefixed() }
        if width == 32 {
            guard let v = Int256(bigEndianTwosComplement: b) else { throw tooWide(c) }
            guard v.fitsDigits(bound: bound256) else { throw tooManyDigits(DecimalFormatting.format(v, scale: scale), c) }
            values.append(v)
        } else {
            let v = try int128(b, c)
            guard v < bound128 && v > -bound128 else { throw tooManyDigits(DecimalFormatting.format(v, scale: scale), c) }
            values.append(v)
        }
        markValid()
    }

    private func tooWide(_ c: AvroCursor) -> PFError {
        c.error("decimal value of field '\(field)' does not fit in \(width * 8) bits")
    }

    private func tooManyDigits(_ text: String, _ c: AvroCursor) -> PFError {
        c.error("decimal value \(text) of field '\(field)' has more than the \(precision) digits of decimal(\(precision), \(scale))")
    }

    /// The value of big-endian two's complement bytes, which must fit 128 bits.
    private func int128(_ b: UnsafeRawBufferPointer, _ c: AvroCursor) throws(PFError) -> Int128 {
        guard b.count > 0 else { return 0 }
        let negative = b[0] & 0x80 != 0
        var start = 0
        // Longer than 16 bytes: the excess must be sign extension.
        while b.count - start > 16 {
            guard b[start] == (negative ? 0xFF : 0x00) else { throw tooWide(c) }
            start += 1
        }
        if b.count - start == 16 && (b[start] & 0x80 != 0) != negative { throw tooWide(c) }
        var u: UInt128 = negative ? ~0 : 0
        for k in start..<b.count { u = (u << 8) | UInt128(b[k]) }
        return Int128(bitPattern: u)
    }
}

/// Avro duration (fixed 12: three little-endian uint32) → struct<months, days, milliseconds>.
final class AvroDurationDecoder: AvroColumnDecoder {
    @exclusivity(unchecked) var months = MutableBuffer(capacity: 4096)
    @exclusivity(unchecked) var days = MutableBuffer(capacity: 4096)
    @exclusivity(unchecked) var millis = MutableBuffer(capacity: 4096)
    init(nullable: Bool) {
        super.init(type: AvroSchema.durationArrowType, nullable: nullable)
    }
    override func decode(_ c: inout AvroCursor) throws(PFError) {
        let b = try c.readBytes(12)
        months.append(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        days.append(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        millis.append(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        markValid()
    }
    override func appendPlaceholder() { months.append(UInt32(0)); days.append(UInt32(0)); millis.append(UInt32(0)) }
    override func finishData(validity: Buffer?, nullCount: Int) throws(PFError) -> ArrayData {
        let n = months.count / 4
        let children = [
            try ArrayData(type: .uint32, length: n, nullCount: 0, buffers: [nil, avroTake(&months)]),
            try ArrayData(type: .uint32, length: n, nullCount: 0, buffers: [nil, avroTake(&days)]),
            try ArrayData(type: .uint32, length: n, nullCount: 0, buffers: [nil, avroTake(&millis)]),
        ]
        return try ArrayData(type: type, length: n, nullCount: nullCount, buffers: [validity], children: children)
    }
}
