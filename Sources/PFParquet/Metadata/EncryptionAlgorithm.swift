/// Encryption algorithm of a file (`EncryptionAlgorithm` union in parquet.thrift).
/// ParquetFrame records it but does not decrypt.
public enum EncryptionAlgorithm: Sendable, Hashable {
    /// AES-GCM (member 1).
    case aesGcmV1
    /// AES-GCM-CTR (member 2).
    case aesGcmCtrV1
    /// A member this version does not know.
    case unrecognized(Int16)
}

extension EncryptionAlgorithm: ThriftCodable {
    /// Decodes the union (the AAD details are skipped).
    public init(thrift r: inout ThriftCompactReader) throws {
        var result: EncryptionAlgorithm = .unrecognized(0)
        try r.readStruct { r, f in
            try r.skipValue(f.type, inContainer: false)
            switch f.id {
            case 1: result = .aesGcmV1
            case 2: result = .aesGcmCtrV1
            default: result = .unrecognized(f.id)
            }
            return true
        }
        self = result
    }

    /// Encodes the union (with empty AAD structs).
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            switch self {
            case .aesGcmV1: w.writeEmptyStructField(1)
            case .aesGcmCtrV1: w.writeEmptyStructField(2)
            case .unrecognized(let id): if id > 0 { w.writeEmptyStructField(id) }
            }
        }
    }
}

/// Crypto metadata preceding an encrypted footer (`FileCryptoMetaData` in parquet.thrift).
public struct FileCryptoMetaData: Sendable, Hashable {
    /// Algorithm — field 1.
    public var encryptionAlgorithm: EncryptionAlgorithm
    /// Key metadata — field 2.
    public var keyMetadata: [UInt8]?

    /// Creates crypto metadata.
    public init(encryptionAlgorithm: EncryptionAlgorithm, keyMetadata: [UInt8]? = nil) {
        self.encryptionAlgorithm = encryptionAlgorithm
        self.keyMetadata = keyMetadata
    }
}

extension FileCryptoMetaData: ThriftCodable {
    /// Decodes `FileCryptoMetaData`.
    public init(thrift r: inout ThriftCompactReader) throws {
        var algo: EncryptionAlgorithm?, key: [UInt8]?
        try r.readStruct { r, f in
            switch f.id {
            case 1: algo = try r.readStructField(f.type, EncryptionAlgorithm.self)
            case 2: key = try r.readBinaryField(f.type)
            default: return false
            }
            return true
        }
        guard let a = algo else { throw r.error("FileCryptoMetaData without encryption_algorithm") }
        self.init(encryptionAlgorithm: a, keyMetadata: key)
    }

    /// Encodes `FileCryptoMetaData`.
    public func write(thrift w: inout ThriftCompactWriter) {
        w.writeStruct { w in
            w.writeStructField(1, encryptionAlgorithm)
            if let k = keyMetadata { w.writeBinaryField(2, k) }
        }
    }
}
