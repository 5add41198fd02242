import PFColumnar

/// How the physical values of a leaf become Arrow values.
enum FixedConversion: Sendable, Equatable {
    /// Same bytes (width = physical width).
    case identity
    /// INT32 truncated to 1 or 2 bytes.
    case int32Narrow(Int)
    /// INT32 / INT64 sign-extended to a 16-byte decimal.
    case int32ToDecimal, int64ToDecimal
    /// INT96 (nanoseconds of day + Julian day) to int64 nanoseconds since the epoch.
    case int96ToNanos
    /// Big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY) to a 16-byte decimal.
    case bigEndianToDecimal
    /// INT32 / INT64 sign-extended to a 32-byte decimal (decimal256).
    case int32ToDecimal256, int64ToDecimal256
    /// Big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY) to a 32-byte decimal.
    case bigEndianToDecimal256

    /// Whether values are big-endian byte strings turned into little-endian decimals.
    var isBigEndianDecimal: Bool { self == .bigEndianToDecimal || self == .bigEndianToDecimal256 }
}

/// The Arrow representation a leaf decodes into.
enum LeafValueTarget: Sendable, Equatable {
    /// The null type: no values at all.
    case null
    /// Bit-packed booleans.
    case boolean
    /// Fixed-width values of `width` bytes.
    case fixed(width: Int, conversion: FixedConversion)
    /// Variable-size binary (utf8/binary, or their large forms: see ``LeafChunkDecoder``).
    case binary
    /// Dictionary-encoded binary: int32 indices into a binary dictionary.
    case dictionary

    /// Chooses the target of `column` read as `type`.
    static func make(_ column: ColumnDescriptor, _ type: DataType) throws -> LeafValueTarget {
        let p = column.physicalType
        func mismatch() -> PFError {
            .unsupported("reading \(p) column '\(column.dotPath)' as \(type.shortName)")
        }
        switch type {
        case .null: return .null
        case .boolean:
            guard p == .boolean else { throw mismatch() }
            return .boolean
        case .utf8, .binary, .largeUtf8, .largeBinary:
            guard p == .byteArray else { throw mismatch() }
            return .binary
        case .dictionary(_, let v, _):
            guard p == .byteArray, v == .utf8 || v == .binary else { throw mismatch() }
            return .dictionary
        case .decimal128:
            switch p {
            case .int32: return .fixed(width: 16, conversion: .int32ToDecimal)
            case .int64: return .fixed(width: 16, conversion: .int64ToDecimal)
            case .fixedLenByteArray, .byteArray: return .fixed(width: 16, conversion: .bigEndianToDecimal)
            default: throw mismatch()
            }
        case .decimal256:
            switch p {
            case .int32: return .fixed(width: 32, conversion: .int32ToDecimal256)
            case .int64: return .fixed(width: 32, conversion: .int64ToDecimal256)
            case .fixedLenByteArray, .byteArray: return .fixed(width: 32, conversion: .bigEndianToDecimal256)
            default: throw mismatch()
            }
        case .int8, .uint8:
            guard p == .int32 else { throw mismatch() }
            return .fixed(width: 1, conversion: .int32Narrow(1))
        case .int16, .uint16:
            guard p == .int32 else { throw mismatch() }
            return .fixed(width: 2, conversion: .int32Narrow(2))
        case .int32, .uint32, .date32, .time32:
            guard p == .int32 else { throw mismatch() }
            return .fixed(width: 4, conversion: .identity)
        case .float32:
            guard p == .float else { throw mismatch() }
            return .fixed(width: 4, conversion: .identity)
        case .float64:
            guard p == .double else { throw mismatch() }
            return .fixed(width: 8, conversion: .identity)
        case .int64, .uint64, .time64, .timestamp, .duration, .date64:
            if p == .int96, case .timestamp = type { return .fixed(width: 8, conversion: .int96ToNanos) }
            guard p == .int64 else { throw mismatch() }
            return .fixed(width: 8, conversion: .identity)
        case .float16, .fixedSizeBinary:
            guard p == .fixedLenByteArray else { throw mismatch() }
            return .fixed(width: column.typeLength, conversion: .identity)
        default:
            throw mismatch()
        }
    }
}

/// Physical width of fixed-size physical types (0 for BYTE_ARRAY and BOOLEAN).
func physicalWidth(_ c: ColumnDescriptor) -> Int {
    switch c.physicalType {
    case .int32, .float: return 4
    case .int64, .double: return 8
    case .int96: return 12
    case .fixedLenByteArray: return c.typeLength
    default: return 0
    }
}

enum Conversions {
    /// Converts `count` physical values of width `pw` at `src` into target values at `dst`.
    @inline(__always)
    static func convert(_ conv: FixedConversion, src: UnsafeRawPointer, pw: Int, count: Int,
                        dst: UnsafeMutableRawPointer) {
        switch conv {
        case .identity:
            if count > 0 { dst.copyMemory(from: src, byteCount: count &* pw) }
        case .int32Narrow(let w):
            if w == 1 {
                let d = dst.assumingMemoryBound(to: UInt8.self)
                for i in 0..<count { d[i] = UInt8(truncatingIfNeeded: src.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
            } else {
                let d = dst.assumingMemoryBound(to: UInt16.self)
                for i in 0..<count { d[i] = UInt16(truncatingIfNeeded: src.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
            }
        case .int32ToDecimal:
            for i in 0..<count {
                let v = Int128(src.loadUnaligned(fromByteOffset: i &* 4, as: Int32.self))
                (dst + i &* 16).storeBytes(of: v, as: Int128.self)
            }
        case .int64ToDecimal:
            for i in 0..<count {
                let v = Int128(src.loadUnaligned(fromByteOffset: i &* 8, as: Int64.self))
                (dst + i &* 16).storeBytes(of: v, as: Int128.self)
            }
        case .int96ToNanos:
            for i in 0..<count {
                let nanos = src.loadUnaligned(fromByteOffset: i &* 12, as: Int64.self)
                // As Arrow C++: the Julian day is unsigned, arithmetic wraps.
                let day = src.loadUnaligned(fromByteOffset: i &* 12 &+ 8, as: UInt32.self)
                let v = Int64(bitPattern: (UInt64(day) &- 2_440_588) &* 86_400_000_000_000 &+ UInt64(bitPattern: nanos))
                (dst + i &* 8).storeBytes(of: v, as: Int64.self)
            }
        case .bigEndianToDecimal:
            for i in 0..<count {
                (dst + i &* 16).storeBytes(of: bigEndianDecimal(src + i &* pw, pw), as: Int128.self)
            }
        case .int32ToDecimal256:
            for i in 0..<count {
                let v = Int256(Int64(src.loadUnaligned(fromByteOffset: i &* 4, as: Int32.self)))
                (dst + i &* 32).storeBytes(of: v, as: Int256.self)
            }
        case .int64ToDecimal256:
            for i in 0..<count {
                let v = Int256(src.loadUnaligned(fromByteOffset: i &* 8, as: Int64.self))
                (dst + i &* 32).storeBytes(of: v, as: Int256.self)
            }
        case .bigEndianToDecimal256:
            for i in 0..<count { storeBigEndianDecimal256(src + i &* pw, pw, into: dst + i &* 32) }
        }
    }

    /// Stores the big-endian two's complement integer of `n` bytes at `p` as a little-endian
    /// decimal of `width` (16 or 32) bytes at `dst` (truncating longer inputs, as Arrow does
    /// not check: values within the declared precision always fit).
    @inline(__always)
    static func storeBigEndianDecimal(_ p: UnsafeRawPointer, _ n: Int, width: Int, into dst: UnsafeMutableRawPointer) {
        if width == 32 {
            storeBigEndianDecimal256(p, n, into: dst)
        } else {
            dst.storeBytes(of: bigEndianDecimal(p, n), as: Int128.self)
        }
    }

    /// A big-endian two's complement integer of `n` bytes stored as a 32-byte little-endian
    /// decimal256 at `dst` (truncating beyond 32 bytes).
    @inline(__always)
    static func storeBigEndianDecimal256(_ p: UnsafeRawPointer, _ n: Int, into dst: UnsafeMutableRawPointer) {
        let b = p.assumingMemoryBound(to: UInt8.self)
        let fill: UInt64 = n > 0 && b[0] & 0x80 != 0 ? ~0 : 0
        for k in 0..<4 { (dst + k &* 8).storeBytes(of: fill, as: UInt64.self) }
        let d = dst.assumingMemoryBound(to: UInt8.self)
        let m = min(n, 32)
        for j in 0..<m { d[j] = b[n &- 1 &- j] }
    }

    /// A big-endian two's complement integer of `n` bytes as Int128 (truncating beyond 16 bytes).
    @inline(__always)
    static func bigEndianDecimal(_ p: UnsafeRawPointer, _ n: Int) -> Int128 {
        guard n > 0 else { return 0 }
        let b = p.assumingMemoryBound(to: UInt8.self)
        var v: UInt128 = b[0] & 0x80 != 0 ? ~0 : 0
        let start = max(0, n - 16)
        for i in start..<n { v = (v << 8) | UInt128(b[i]) }
        return Int128(bitPattern: v)
    }
}
