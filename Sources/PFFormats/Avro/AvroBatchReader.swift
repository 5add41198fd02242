import PFColumnar
#if canImport(Glibc)
import Glibc
#endif

/// Streams an Avro object container file as ``RecordBatch``es of at most
/// ``AvroReadOptions/batchSize`` rows, reading one block at a time (memory stays bounded
/// by one block plus one batch).
///
/// ```swift
/// let reader = try AvroBatchReader(path: "events.avro", options: .init(columns: ["id", "ts"]))
/// while let batch = try reader.next() { ... }
/// ```
public final class AvroBatchReader {
    /// The file header (schema JSON, codec, metadata, sync marker).
    public let header: AvroFileHeader
    /// The compiled decoder plan.
    public let plan: AvroDecoderPlan
    /// The Arrow schema of every batch.
    public var schema: Schema { plan.outputSchema }

    private let input: AvroInput
    private let options: AvroReadOptions
    private let decoder: AvroRecordDecoder
    private var nextBlockOffset: Int64
    /// The raw block (data + sync) and, for compressed files, its decompressed data.
    private var raw: AvroBlockBuffer?
    private var data: AvroBlockBuffer?
    private var cursor = AvroCursor(UnsafeRawBufferPointer(start: nil, count: 0))
    private var remainingInBlock = 0
    private var currentBlock: AvroBlockInfo?
    private var finished = false

    /// Opens `path` and reads its header.
    public convenience init(path: String, options: AvroReadOptions = AvroReadOptions()) throws(PFError) {
        try self.init(input: AvroInput(path: path), options: options)
    }

    /// Reads an Avro file held in memory.
    public convenience init(bytes: [UInt8], options: AvroReadOptions = AvroReadOptions()) throws(PFError) {
        try self.init(input: AvroInput(bytes: bytes), options: options)
    }

    init(input: AvroInput, options: AvroReadOptions) throws(PFError) {
        self.input = input
        self.options = try options.validated()
        header = try AvroFileHeader.read(input)
        plan = try AvroDecoderPlan(schema: header.schema, columns: options.columns)
        decoder = try plan.makeDecoder()
        nextBlockOffset = header.dataOffset
    }

    /// The next batch, or nil after the last one. After an error the reader is finished.
    public func next() throws(PFError) -> RecordBatch? {
        guard !finished else { return nil }
        do throws(PFError) {
            while decoder.rows < options.batchSize {
                if remainingInBlock == 0 {
                    guard try loadBlock() else { finished = true; break }
                    continue
                }
                let k = min(remainingInBlock, options.batchSize - decoder.rows)
                try decoder.decode(&cursor, count: k)
                remainingInBlock -= k
                if remainingInBlock == 0 { try endBlock() }
            }
            if decoder.rows == 0 && finished { return nil }
            return try decoder.finish()
        } catch {
            finished = true
            throw error
        }
    }

    /// All remaining batches.
    public func readAll() throws(PFError) -> [RecordBatch] {
        var out: [RecordBatch] = []
        while let b = try next() { out.append(b) }
        return out
    }

    private func endBlock() throws(PFError) {
        guard cursor.remaining == 0, let b = currentBlock else {
            throw cursor.error("\(cursor.remaining) bytes left over after the block's \(currentBlock?.count ?? 0) records")
        }
        _ = b
        raw = nil
        data = nil
    }

    /// Reads, checks and decompresses the next non-empty block; false at end of file.
    private func loadBlock() throws(PFError) -> Bool {
        while true {
            let offset = nextBlockOffset
            guard offset < input.size else { return false }
            let head = try input.read(at: offset, count: 20)
            guard let block = try avroWithBytes(head, { b throws(PFError) in
                try header.blockHeader(b, at: offset, fileSize: input.size)
            }) else { return false }
            let rawBuf = AvroBlockBuffer(capacity: block.dataSize + 16)
            let bytes = try input.read(at: block.dataOffset, count: block.dataSize + 16)
            guard bytes.count == block.dataSize + 16 else { throw .format("truncated block", offset: offset) }
            bytes.withUnsafeBytes { b in
                if let src = b.baseAddress { memcpy(rawBuf.pointer, src, b.count) }
            }
            rawBuf.count = block.dataSize
            let syncOffset = block.dataOffset + Int64(block.dataSize)
            try header.checkSync(UnsafeRawBufferPointer(start: rawBuf.pointer + block.dataSize, count: 16), at: syncOffset)
            nextBlockOffset = syncOffset + 16
            let payload: AvroBlockBuffer
            if header.codec == .null {
                payload = rawBuf
            } else {
                payload = try header.codec.decompress(rawBuf.bytes, limit: options.maxBlockBytes, offset: block.offset)
            }
            try AvroFileHeader.checkRecordCount(block, decompressed: payload.count, minRecordSize: plan.minRecordSize)
            raw = rawBuf
            data = payload
            currentBlock = block
            cursor = AvroCursor(payload.bytes, fileOffset: header.codec == .null ? block.dataOffset : block.offset,
                                context: header.codec == .null ? "" : "block at byte \(block.offset), decompressed")
            remainingInBlock = block.count
            if block.count == 0 {
                try endBlock()
                continue
            }
            return true
        }
    }
}
