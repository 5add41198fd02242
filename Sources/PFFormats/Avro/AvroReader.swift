import PFColumnar

/// Reads whole Avro object container files into ``Table``s.
///
/// The file is read into memory, its blocks are located (every sync marker checked), then
/// groups of consecutive blocks (at most ``AvroReadOptions/batchSize`` rows per group,
/// never splitting a block) are decompressed and decoded in parallel on
/// ``ThreadPool/shared``. Each group becomes one batch, in file order, so the result is
/// the same for any thread count.
public enum AvroReader {
    /// Reads the file at `path`.
    public static func read(path: String, options: AvroReadOptions = AvroReadOptions()) throws(PFError) -> Table {
        try read(input: AvroInput(path: path), options: options)
    }

    /// Reads an Avro file held in memory.
    public static func read(bytes: [UInt8], options: AvroReadOptions = AvroReadOptions()) throws(PFError) -> Table {
        try read(input: AvroInput(bytes: bytes), options: options)
    }

    /// Reads only the header of the file at `path` (schema, codec, metadata).
    public static func header(path: String) throws(PFError) -> AvroFileHeader {
        try AvroFileHeader.read(AvroInput(path: path))
    }

    /// The writer schema JSON of the file at `path`, as stored in its header (not parsed).
    public static func schemaJSON(path: String) throws(PFError) -> String {
        try AvroFileHeader.read(AvroInput(path: path), parseSchema: false).schemaJSON
    }

    static func read(input: AvroInput, options: AvroReadOptions) throws(PFError) -> Table {
        let options = try options.validated()
        return try input.withAllBytes { all throws(PFError) in
            let header = try AvroFileHeader.parse(all)
            let plan = try AvroDecoderPlan(schema: header.schema, columns: options.columns)
            let blocks = try scanBlocks(all, header: header)
            // Consecutive blocks grouped by row count; boundaries depend only on the file.
            var groups: [Range<Int>] = []
            var start = 0, rows = 0
            for (i, b) in blocks.enumerated() {
                if i > start && rows + b.count > options.batchSize {
                    groups.append(start..<i)
                    start = i
                    rows = 0
                }
                rows += b.count
            }
            if start < blocks.count { groups.append(start..<blocks.count) }

            let groupList = groups
            let shared = UnsafeSendable(all)
            let decodeGroup: @Sendable (Range<Int>) -> Result<RecordBatch, PFError> = { g in
                do throws(PFError) {
                    let decoder = try plan.makeDecoder()
                    for i in g { try decodeBlock(blocks[i], shared.value, header: header, plan: plan,
                                                 options: options, into: decoder) }
                    return .success(try decoder.finish())
                } catch {
                    return .failure(error)
                }
            }
            var results: [Result<RecordBatch, PFError>] = []
            if options.useThreads && groups.count > 1 {
                results = ThreadPool.shared.parallelMap(0..<groups.count, grain: 1) { r in decodeGroup(groupList[r.lowerBound]) }
            } else {
                results = groupList.map(decodeGroup)
            }
            var batches: [RecordBatch] = []
            for r in results { batches.append(try r.get()) }
            return try Table(schema: plan.outputSchema, batches: batches)
        }
    }

    /// Locates every block, checking sizes and sync markers.
    static func scanBlocks(_ all: UnsafeRawBufferPointer, header: AvroFileHeader) throws(PFError) -> [AvroBlockInfo] {
        var blocks: [AvroBlockInfo] = []
        var offset = header.dataOffset
        let size = Int64(all.count)
        while offset < size {
            let o = Int(offset)
            let head = UnsafeRawBufferPointer(rebasing: all[o..<min(all.count, o + 20)])
            guard let b = try header.blockHeader(head, at: offset, fileSize: size) else { break }
            let syncAt = Int(b.dataOffset) + b.dataSize
            try header.checkSync(UnsafeRawBufferPointer(rebasing: all[syncAt..<syncAt + 16]), at: Int64(syncAt))
            if b.count > 0 { blocks.append(b) }
            offset = Int64(syncAt + 16)
        }
        return blocks
    }

    static func decodeBlock(_ b: AvroBlockInfo, _ all: UnsafeRawBufferPointer, header: AvroFileHeader,
                            plan: AvroDecoderPlan, options: AvroReadOptions,
                            into decoder: AvroRecordDecoder) throws(PFError) {
        let o = Int(b.dataOffset)
        let raw = UnsafeRawBufferPointer(rebasing: all[o..<o + b.dataSize])
        var keep: AvroBlockBuffer? = nil
        var cursor: AvroCursor
        if header.codec == .null {
            cursor = AvroCursor(raw, fileOffset: b.dataOffset)
        } else {
            let d = try header.codec.decompress(raw, limit: options.maxBlockBytes, offset: b.offset)
            keep = d
            cursor = AvroCursor(d.bytes, fileOffset: b.offset, context: "block at byte \(b.offset), decompressed")
        }
        try AvroFileHeader.checkRecordCount(b, decompressed: cursor.remaining, minRecordSize: plan.minRecordSize)
        try decoder.decode(&cursor, count: b.count)
        guard cursor.remaining == 0 else {
            throw cursor.error("\(cursor.remaining) bytes left over after the block's \(b.count) records")
        }
        withExtendedLifetime(keep) {}
    }
}
