import PFColumnar

/// Locating and decoding the footer of a Parquet file.
public enum ParquetFooter {
    /// The `PAR1` magic of plaintext-footer files.
    public static let magic: [UInt8] = [0x50, 0x41, 0x52, 0x31]
    /// The `PARE` magic of files with an encrypted footer.
    public static let encryptedMagic: [UInt8] = [0x50, 0x41, 0x52, 0x45]

    /// Byte range of the serialized `FileMetaData` inside `file`.
    /// - Throws: `.format` for a file that is not Parquet, `.unsupported` for an encrypted footer.
    public static func footerRange(of file: MappedFile) throws -> Range<Int> {
        let size = file.count
        guard size >= 12 else {
            throw PFError.format("file \(file.displayName) is too small (\(size) bytes) to be Parquet",
                                 offset: 0)
        }
        let all = file.allBytes
        let tail = Array(all[(size - 4)..<size])
        let head = Array(all[0..<4])
        if tail == encryptedMagic || head == encryptedMagic {
            throw PFError.unsupported("encrypted Parquet file (encrypted footer, PARE magic): "
                                      + "\(file.displayName)")
        }
        guard tail == magic else {
            throw PFError.format("missing PAR1 magic at the end of \(file.displayName)",
                                 offset: Int64(size - 4))
        }
        guard head == magic else {
            throw PFError.format("missing PAR1 magic at the start of \(file.displayName)", offset: 0)
        }
        var len: UInt32 = 0
        for i in 0..<4 { len |= UInt32(all[size - 8 + i]) << UInt32(8 * i) }
        let footerLength = Int(len)
        guard footerLength > 0, footerLength <= size - 12 else {
            throw PFError.format("footer length \(footerLength) does not fit in the \(size)-byte file",
                                 offset: Int64(size - 8))
        }
        let start = size - 8 - footerLength
        return start..<(size - 8)
    }

    /// Reads and decodes the footer of `file` (no data page is touched).
    public static func read(from file: MappedFile,
                            limits: ThriftLimits = .default) throws -> FileMetaData {
        let r = try footerRange(of: file)
        let view = file.slice(r)
        return try withExtendedLifetime(file) {
            try ThriftCompactReader.decode(FileMetaData.self, from: view,
                                           baseOffset: Int64(r.lowerBound), limits: limits).value
        }
    }
}
