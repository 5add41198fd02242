/// How a column chunk is encrypted (`ColumnCryptoMetaData` union in parquet.thrift).
/// Only its presence matters to ParquetFrame, which does not decrypt.
public enum ColumnCryptoMetaData: Sendable, Hashable {
    /// Encrypted with the footer key (member 1).
    case withFooterKey
    /// Encrypted with a column key (member 2).
    case withColumnKey(pathInSchema: [String], keyMetadata: [UInt8]?)
    /// A member this version does not know.
    case unrecognized(Int16)
}

extension ColumnCryptoMetaData: ThriftCodable {
    /// Decodes the union.
    public init(thrift r: inout ThriftCompactReader) throws {
        var result: ColumnCryptoMetaData = .unrecognized(0)
        try r.readStruct { r, f in
            switch f.id {
            case 1:
                try r.skipStructField(f.type)
                result = .withFooterKey
            case 2:
                try r.expect(f.type, .struct, "EncryptionWithColumnKey")
                var path: [String] = [], key: [UInt8]?
                try r.readStruct { r, g in
                    switch g.id {
                    case 1: path = try r.readStringList(g.type)
                    case 2: key = try r.readBinaryField(g.type)
                    default: return false
                    }
                    return true
                }
                result = .withColumnKey(pathInSchema: path, keyMetadata: key)
            default:
                try r.skipValue(f.type, inContainer: false)
                result = .unrecognized(f.id)
            }
            return true
        }
        self = result
    }

    /// Encodes the union.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            switch self {
            case .withFooterKey: w.writeEmptyStructField(1)
            case .withColumnKey(let path, let key):
                w.writeFieldHeader(.struct, id: 2)
                w.writeStruct { w in
                    w.writeStringListField(1, path)
                    if let k = key { w.writeBinaryField(2, k) }
                }
            case .unrecognized(let id): if id > 0 { w.writeEmptyStructField(id) }
            }
        }
    }
}
