import PFColumnar

/// The header of an Avro object container file: magic `Obj\x01`, the metadata map
/// (`avro.schema`, `avro.codec`, user keys) and the 16-byte sync marker.
public struct AvroFileHeader: Sendable {
    /// Metadata entries in file order (values are raw bytes).
    public let metadata: [(key: String, value: [UInt8])]
    /// The writer schema as JSON text (`avro.schema`).
    public let schemaJSON: String
    /// The parsed writer schema.
    public let schema: AvroSchema
    /// The block codec (`avro.codec`; absent means null).
    public let codec: AvroCodec
    /// The sync marker that ends every block.
    public let sync: [UInt8]
    /// File offset of the first data block.
    public let dataOffset: Int64

    /// The metadata value for `key` as UTF-8 text, or nil.
    public func metadataString(_ key: String) -> String? {
        metadata.first { $0.key == key }.map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// The four magic bytes.
    public static let magic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]

    /// Parses the header from the first bytes of a file. Throws `.format` when `bytes` is
    /// malformed (or too short: `truncated` is then set in the error text).
    static func parse(_ bytes: UnsafeRawBufferPointer, parseSchema: Bool = true) throws(PFError) -> AvroFileHeader {
        guard bytes.count >= 4 else { throw .format("not an Avro object container file: shorter than the magic bytes", offset: 0) }
        guard Array(bytes[0..<4]) == magic else {
            let legacy = bytes[0] == 0x4F && bytes[1] == 0x62 && bytes[2] == 0x6A
            throw .format(legacy ? "unsupported Avro container version \(bytes[3]) (magic Obj\\x0\(bytes[3])); only version 1 exists since Avro 1.3"
                                 : "not an Avro object container file (magic bytes are not Obj\\x01)", offset: 0)
        }
        var c = AvroCursor(UnsafeRawBufferPointer(rebasing: bytes[4...]), fileOffset: 4, context: "")
        var meta: [(key: String, value: [UInt8])] = []
        var total = 0
        while true {
            let (n, _) = try c.readBlockCount(minItemSize: 2)
            if n == 0 { break }
            total += n
            guard total <= 100_000 else { throw c.error("header metadata has more than 100000 entries") }
            for _ in 0..<n {
                let k = try c.readLengthPrefixed()
                guard UTF8Validation.isValid(k) else { throw c.error("metadata key is not valid UTF-8") }
                let v = try c.readLengthPrefixed()
                meta.append((String(decoding: k, as: UTF8.self), Array(v)))
            }
        }
        let sync = Array(try c.readBytes(16))
        guard let schemaBytes = meta.first(where: { $0.key == "avro.schema" })?.value else {
            throw .format("Avro header has no avro.schema entry", offset: 4)
        }
        guard schemaBytes.withUnsafeBytes({ UTF8Validation.isValid($0) }) else {
            throw .format("avro.schema is not valid UTF-8", offset: 4)
        }
        let json = String(decoding: schemaBytes, as: UTF8.self)
        let codecName = meta.first { $0.key == "avro.codec" }.map { String(decoding: $0.value, as: UTF8.self) }
        let codec = try AvroCodec(headerValue: codecName)
        let schema: AvroSchema = parseSchema ? try AvroSchema.parse(json) : .null
        return AvroFileHeader(metadata: meta, schemaJSON: json, schema: schema, codec: codec, sync: sync,
                              dataOffset: 4 + Int64(c.position))
    }

    /// Reads and parses the header of `input`, reading more of the file as needed.
    static func read(_ input: AvroInput, parseSchema: Bool = true) throws(PFError) -> AvroFileHeader {
        var want = 64 << 10
        while true {
            let prefix = try input.read(at: 0, count: want)
            do throws(PFError) {
                return try avroWithBytes(prefix) { b throws(PFError) in try parse(b, parseSchema: parseSchema) }
            } catch {
                // A truncated prefix of a longer file: read more and retry.
                if case .format = error, Int64(prefix.count) < input.size, want < AvroLimits.maxHeaderBytes {
                    want = min(want * 4, AvroLimits.maxHeaderBytes)
                    continue
                }
                throw error
            }
        }
    }
}

/// One data block of a container file.
struct AvroBlockInfo: Sendable {
    /// File offset of the block (its record count).
    var offset: Int64
    /// Number of records.
    var count: Int
    /// File offset of the (compressed) data.
    var dataOffset: Int64
    /// Size of the (compressed) data.
    var dataSize: Int
}

extension AvroFileHeader {
    /// Parses the block header at `offset` from `bytes` (the bytes starting there, at
    /// least up to 20 bytes or the end of file), checking counts and sizes against the
    /// file size. Returns nil at the end of the file.
    func blockHeader(_ bytes: UnsafeRawBufferPointer, at offset: Int64, fileSize: Int64) throws(PFError) -> AvroBlockInfo? {
        if bytes.count == 0 { return nil }
        var c = AvroCursor(bytes, fileOffset: offset)
        let count = try c.readLong()
        let size = try c.readLong()
        guard count >= 0 else { throw .format("block record count \(count) is negative", offset: offset) }
        guard size >= 0 else { throw .format("block byte size \(size) is negative", offset: offset) }
        let dataOffset = offset + Int64(c.position)
        let left = fileSize - dataOffset
        guard size <= left - 16 else {
            throw .format("block declares \(size) bytes of data plus a 16-byte sync marker, but only \(left) bytes remain (truncated file?)", offset: offset)
        }
        guard size <= Int64(Int32.max) else { throw .format("block byte size \(size) exceeds 2 GiB", offset: offset) }
        guard count <= Int64(Int32.max) else { throw .format("block record count \(count) is absurd", offset: offset) }
        return AvroBlockInfo(offset: offset, count: Int(count), dataOffset: dataOffset, dataSize: Int(size))
    }

    /// Checks the 16 bytes at `p` against the sync marker.
    func checkSync(_ marker: UnsafeRawBufferPointer, at offset: Int64) throws(PFError) {
        guard marker.count == 16, marker.elementsEqual(sync) else {
            throw .format("sync marker mismatch after block data (corrupt or truncated block)", offset: offset)
        }
    }

    /// Bounds the record count of a block by its decompressed size and the plan's
    /// minimum record size.
    static func checkRecordCount(_ block: AvroBlockInfo, decompressed: Int, minRecordSize: Int) throws(PFError) {
        if minRecordSize > 0 {
            guard block.count <= decompressed / minRecordSize else {
                throw .format("block claims \(block.count) records but its \(decompressed) bytes hold at most \(decompressed / minRecordSize)", offset: block.offset)
            }
        } else {
            guard Int64(block.count) <= AvroLimits.maxZeroSizeItems else {
                throw .format("block claims \(block.count) records of zero size (limit \(AvroLimits.maxZeroSizeItems))", offset: block.offset)
            }
        }
    }
}
