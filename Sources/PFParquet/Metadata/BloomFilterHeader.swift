/// Header of a split-block bloom filter (`BloomFilterHeader` in parquet.thrift).
/// Only the block algorithm, xxHash and no compression exist in the format today.
public struct BloomFilterHeader: Sendable, Hashable {
    /// Size of the bitset in bytes — field 1.
    public var numBytes: Int32 = 0
    /// Whether the algorithm is the split-block one — field 2, member 1.
    public var isSplitBlock: Bool = true
    /// Whether the hash is xxHash64 — field 3, member 1.
    public var isXxHash: Bool = true
    /// Whether the bitset is uncompressed — field 4, member 1.
    public var isUncompressed: Bool = true

    /// Creates a header.
    public init(numBytes: Int32 = 0) { self.numBytes = numBytes }
}

extension BloomFilterHeader: ThriftCodable {
    /// Decodes `BloomFilterHeader`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var h = BloomFilterHeader()
        var hasBytes = false
        func member(_ r: inout ThriftCompactReader, _ type: ThriftCompactType) throws -> Bool {
            try r.expect(type, .struct, "BloomFilterHeader union")
            var isFirst = false
            try r.readStruct { r, g in
                if g.id == 1 { isFirst = true }
                try r.skipValue(g.type, inContainer: false)
                return true
            }
            return isFirst
        }
        try r.readStruct { r, f in
            switch f.id {
            case 1: h.numBytes = try r.readI32(f.type); hasBytes = true
            case 2: h.isSplitBlock = try member(&r, f.type)
            case 3: h.isXxHash = try member(&r, f.type)
            case 4: h.isUncompressed = try member(&r, f.type)
            default: return false
            }
            return true
        }
        guard hasBytes else { throw r.error("BloomFilterHeader without numBytes") }
        self = h
    }

    /// Encodes `BloomFilterHeader`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeI32Field(1, numBytes)
            for id: Int16 in 2...4 {
                w.writeFieldHeader(.struct, id: id)
                w.writeStruct { w in w.writeEmptyStructField(1) }
            }
        }
    }
}
