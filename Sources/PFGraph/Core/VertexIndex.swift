/// The integer type that stores neighbour indices in an ``Adjacency``:
/// `UInt32` when the graph has fewer than 2^32 vertices, `Int64` otherwise.
///
/// Kernels are written generically over this protocol and specialised for both.
public protocol VertexIndex: FixedWidthInteger, Sendable {
    /// The storage width tag for this type.
    static var width: IndexWidth { get }
}

extension UInt32: VertexIndex {
    /// `.uint32`.
    public static var width: IndexWidth { .uint32 }
}

extension Int64: VertexIndex {
    /// `.int64`.
    public static var width: IndexWidth { .int64 }
}

/// Storage width of neighbour indices.
public enum IndexWidth: Sendable, Equatable {
    /// 4-byte unsigned indices (vertex count < 2^32).
    case uint32
    /// 8-byte signed indices.
    case int64

    /// Bytes per index.
    public var byteWidth: Int { self == .uint32 ? 4 : 8 }
}
