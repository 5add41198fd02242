extension ArrayData {
    /// The value of slot `i` as a ``Scalar`` (``Scalar/null`` for null slots).
    /// The caller guarantees `0 <= i < length`.
    public func scalar(at i: Int) -> Scalar {
        if isNull(i) { return .null }
        let j = offset + i
        let values = buffers.count > 1 ? (buffers[1] ?? Buffer.empty) : Buffer.empty
        func load<T: BitwiseCopyable>(_ t: T.Type) -> T { values.load(j, as: T.self) }
        switch type {
        case .null: return .null
        case .boolean: return .bool(Bitmap.get(values.baseAddress, j))
        case .int8: return .int(Int64(load(Int8.self)))
        case .int16: return .int(Int64(load(Int16.self)))
        case .int32, .date32, .time32: return .int(Int64(load(Int32.self)))
        case .int64, .date64, .time64, .timestamp, .duration: return .int(load(Int64.self))
        case .uint8: return .uint(UInt64(load(UInt8.self)))
        case .uint16: return .uint(UInt64(load(UInt16.self)))
        case .uint32: return .uint(UInt64(load(UInt32.self)))
        case .uint64: return .uint(load(UInt64.self))
        case .float16: return .float(Double(Float16Bits.toFloat(load(UInt16.self))))
        case .float32: return .float(Double(load(Float.self)))
        case .float64: return .float(load(Double.self))
        case .decimal128: return .decimal(load(Int128.self))
        case .decimal256: return .decimal256(load(Int256.self))
        case .utf8, .largeUtf8:
            let b = valueBytes(i)
            return .string(String(decoding: b, as: UTF8.self))
        case .binary, .largeBinary:
            return .binary(Array(valueBytes(i)))
        case .fixedSizeBinary(let w):
            return .binary(Array(UnsafeRawBufferPointer(start: values.baseAddress + j * w, count: w)))
        case .list, .largeList:
            guard case .list(let ow) = type.layout else { return .null }
            let (s, e) = offsetPair(width: ow, i)
            let c = children[0]
            return .list((s..<e).map { c.scalar(at: $0) })
        case .fixedSizeList(_, let n):
            let c = children[0]
            return .list((j * n..<(j + 1) * n).map { c.scalar(at: $0) })
        case .struct:
            return .struct(children.map { $0.scalar(at: j) })
        case .map:
            let (s, e) = offsetPair(width: 4, i)
            let c = children[0]
            return .map((s..<e).map { c.scalar(at: $0) })
        case .dictionary:
            guard let d = dictionary, let k = dictionaryIndex(i), k >= 0, k < d.length else { return .null }
            return d.scalar(at: k)
        case .union(_, let ids, let mode):
            let id = load(Int8.self)
            guard let k = ids.firstIndex(of: id), k < children.count else { return .null }
            if mode == .sparse { return .union(typeId: id, value: children[k].scalar(at: j)) }
            guard buffers.count > 2, let ob = buffers[2] else { return .null }
            return .union(typeId: id, value: children[k].scalar(at: Int(ob.load(j, as: Int32.self))))
        }
    }

    /// The bytes of variable-size binary/string slot `i`.
    public func valueBytes(_ i: Int) -> UnsafeRawBufferPointer {
        guard case .variableBinary(let ow) = type.layout, let data = buffers[2] else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        let (s, e) = offsetPair(width: ow, i)
        return UnsafeRawBufferPointer(start: data.baseAddress + s, count: e - s)
    }

    /// The dictionary index stored in slot `i` of a dictionary array.
    public func dictionaryIndex(_ i: Int) -> Int? {
        guard case .dictionary(let index, _, _) = type, let b = buffers[1] else { return nil }
        let j = offset + i
        switch index {
        case .int8: return Int(b.load(j, as: Int8.self))
        case .int16: return Int(b.load(j, as: Int16.self))
        case .int32: return Int(b.load(j, as: Int32.self))
        case .int64: return Int(b.load(j, as: Int64.self))
        case .uint8: return Int(b.load(j, as: UInt8.self))
        case .uint16: return Int(b.load(j, as: UInt16.self))
        case .uint32: return Int(b.load(j, as: UInt32.self))
        case .uint64: let u = b.load(j, as: UInt64.self); return u > UInt64(Int.max) ? nil : Int(u)
        default: return nil
        }
    }

    /// All values as scalars (for tests and small data).
    public var scalars: [Scalar] { (0..<length).map { scalar(at: $0) } }
}

/// IEEE 754 half-precision conversions on the raw 16-bit storage.
public enum Float16Bits {
    /// Widens half-precision bits to Float.
    public static func toFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = Int((h >> 10) & 0x1F)
        let frac = UInt32(h & 0x3FF)
        if exp == 0 {
            if frac == 0 { return Float(bitPattern: sign) }
            let v = Float(frac) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (frac << 13)) }
        return Float(bitPattern: sign | (UInt32(exp - 15 + 127) << 23) | (frac << 13))
    }

    /// Narrows a Float to half-precision bits (round to nearest even).
    public static func fromFloat(_ f: Float) -> UInt16 {
        let x = f.bitPattern
        let sign = UInt16((x >> 16) & 0x8000)
        let exp = Int((x >> 23) & 0xFF)
        var mant = x & 0x7F_FFFF
        if exp == 0xFF { return sign | 0x7C00 | (mant != 0 ? 0x200 : 0) }
        var e = exp - 127 + 15
        if e >= 31 { return sign | 0x7C00 }
        if e <= 0 {
            if e < -10 { return sign }
            mant |= 0x80_0000
            let shift = UInt32(14 - e)
            var h = mant >> shift
            let rem = mant & ((1 << shift) - 1)
            let half = UInt32(1) << (shift - 1)
            if rem > half || (rem == half && (h & 1) == 1) { h += 1 }
            return sign | UInt16(h)
        }
        var h = UInt32(e) << 10 | (mant >> 13)
        let rem = mant & 0x1FFF
        if rem > 0x1000 || (rem == 0x1000 && (h & 1) == 1) { h += 1 }
        e = Int(h >> 10)
        return sign | UInt16(h & 0xFFFF)
    }
}
