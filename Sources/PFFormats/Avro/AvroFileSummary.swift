import PFColumnar

/// What `pframe info` shows about an Avro file: header fields and block statistics,
/// gathered without decoding any record (every block's size and sync marker is checked).
public struct AvroFileSummary: Sendable {
    /// File size in bytes.
    public let fileSize: Int64
    /// The writer schema JSON as stored in the header.
    public let schemaJSON: String
    /// The block codec.
    public let codec: AvroCodec
    /// Header metadata keys (`avro.schema`, `avro.codec` and user keys), in file order.
    public let metadataKeys: [String]
    /// Blocks holding at least one record.
    public let blockCount: Int
    /// Records in the file (sum of the block counts).
    public let recordCount: Int
    /// The Arrow schema the reader produces, or why the schema is not supported
    /// (recursive types, decimals above 38 digits...).
    public let arrowSchema: Result<Schema, PFError>
}

extension AvroReader {
    /// Summarises the file at `path` (header, codec, block and record counts, Arrow schema).
    /// A malformed file throws ``PFError/format(_:offset:)``; an unsupported schema does
    /// not throw (see ``AvroFileSummary/arrowSchema``).
    public static func describe(path: String) throws(PFError) -> AvroFileSummary {
        let input = try AvroInput(path: path)
        return try input.withAllBytes { all throws(PFError) in
            let header = try AvroFileHeader.parse(all, parseSchema: false)
            let blocks = try scanBlocks(all, header: header)
            let arrow: Result<Schema, PFError>
            do throws(PFError) {
                arrow = .success(try AvroSchema.parse(header.schemaJSON).arrowSchema())
            } catch {
                arrow = .failure(error)
            }
            return AvroFileSummary(fileSize: Int64(all.count), schemaJSON: header.schemaJSON, codec: header.codec,
                                   metadataKeys: header.metadata.map { $0.key }, blockCount: blocks.count,
                                   recordCount: blocks.reduce(0) { $0 &+ $1.count }, arrowSchema: arrow)
        }
    }
}
