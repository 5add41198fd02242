/// A typed, read-only view over ``ArrayData``. Views are cheap structs; the data is shared.
public protocol TypedArray: Sendable {
    /// The underlying layout.
    var data: ArrayData { get }
    /// Wraps `data`, throwing when its type does not match the view.
    init(_ data: ArrayData) throws(PFError)
}

extension TypedArray {
    public var length: Int { data.length }
    public var count: Int { data.length }
    public var nullCount: Int { data.nullCount }
    public var type: DataType { data.type }
    /// True when slot `i` is null.
    @inlinable public func isNull(_ i: Int) -> Bool { data.isNull(i) }
    /// Zero-copy slice.
    public func slice(_ start: Int, _ length: Int) throws(PFError) -> Self { try Self(data.slice(start, length)) }
}

/// Fixed-width native values stored in Arrow arrays.
public protocol ArrowPrimitive: BitwiseCopyable, Sendable, Equatable {
    /// True when arrays of `type` store their values as `Self`.
    static func stores(_ type: DataType) -> Bool
}

extension Int8: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .int8 } }
extension Int16: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .int16 } }
extension UInt8: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .uint8 } }
extension UInt16: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .uint16 || t == .float16 } }
extension UInt32: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .uint32 } }
extension UInt64: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .uint64 } }
extension Float: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .float32 } }
extension Double: ArrowPrimitive { public static func stores(_ t: DataType) -> Bool { t == .float64 } }
extension Int32: ArrowPrimitive {
    public static func stores(_ t: DataType) -> Bool {
        switch t { case .int32, .date32, .time32: return true; default: return false }
    }
}
extension Int64: ArrowPrimitive {
    public static func stores(_ t: DataType) -> Bool {
        switch t { case .int64, .date64, .time64, .timestamp, .duration: return true; default: return false }
    }
}
extension Int128: ArrowPrimitive {
    public static func stores(_ t: DataType) -> Bool { if case .decimal128 = t { return true } else { return false } }
}
extension Int256: ArrowPrimitive {
    public static func stores(_ t: DataType) -> Bool { if case .decimal256 = t { return true } else { return false } }
}

/// Integer types usable as Arrow offsets (int32 for normal, int64 for large types).
public protocol ArrowOffset: FixedWidthInteger & SignedInteger & ArrowPrimitive {}
extension Int32: ArrowOffset {}
extension Int64: ArrowOffset {}
