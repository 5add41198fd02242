import PFColumnar

/// The element/field type codes of the Thrift compact protocol.
///
/// In field headers, booleans carry their value in the type nibble (`booleanTrue` = 1,
/// `booleanFalse` = 2); inside lists and sets a boolean element is one byte and its type
/// code is written as `booleanTrue`.
public enum ThriftCompactType: UInt8, Sendable, Equatable {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// Whether this code denotes a boolean (either value).
    public var isBool: Bool { self == .booleanTrue || self == .booleanFalse }

    /// Whether this code denotes an integer type (byte, i16, i32, i64).
    public var isInteger: Bool {
        self == .byte || self == .i16 || self == .i32 || self == .i64
    }
}

/// A decoded field header: the field id and the wire type.
public struct ThriftFieldHeader: Sendable, Equatable {
    /// Field id as declared in the IDL.
    public var id: Int16
    /// Compact wire type of the field.
    public var type: ThriftCompactType

    /// Creates a field header.
    public init(id: Int16, type: ThriftCompactType) {
        self.id = id
        self.type = type
    }
}

/// Limits applied while decoding untrusted Thrift data.
public struct ThriftLimits: Sendable, Equatable {
    /// Maximum nesting depth of structs and containers.
    public var maxDepth: Int
    /// Maximum number of container elements (summed over all lists, sets and maps of one decode).
    public var maxTotalElements: Int
    /// Maximum length of one binary/string value.
    public var maxBinaryLength: Int

    /// Creates limits.
    public init(maxDepth: Int = 64, maxTotalElements: Int = 50_000_000,
                maxBinaryLength: Int = 1 << 30) {
        self.maxDepth = maxDepth
        self.maxTotalElements = maxTotalElements
        self.maxBinaryLength = maxBinaryLength
    }

    /// Defaults suitable for Parquet footers and page headers.
    public static let `default` = ThriftLimits()
}
