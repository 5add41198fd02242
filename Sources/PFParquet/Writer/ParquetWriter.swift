import PFColumnar

/// Writes Arrow data to a Parquet file.
///
/// ```swift
/// let w = try ParquetWriter(path: "out.parquet", schema: table.schema)
/// try w.write(table: table)
/// try w.close()
/// ```
///
/// Batches are buffered until ``ParquetWriteOptions/rowGroupSize`` rows are available,
/// then encoded as one row group: columns, then all their pages, in parallel on
/// ``ThreadPool/shared`` (the bytes do not depend on the thread count). The file is
/// written under a temporary name in the target directory and renamed into place by
/// ``close()``; an error, or dropping the writer without closing it, removes the
/// temporary file.
public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriteOptions
    public let path: String
    private let layout: ParquetWriteSchema
    private let settings: [ColumnWriteSettings]
    private var file: AtomicFile?
    private var pending: [RecordBatch] = []
    private var pendingRows = 0
    private var rowGroups: [RowGroup] = []
    private var numRows: Int64 = 0
    private var closed = false

    /// Opens the temporary file and checks that every column can be written.
    public init(path: String, schema: Schema, options: ParquetWriteOptions = ParquetWriteOptions()) throws {
        try options.validate()
        self.schema = schema
        self.options = options
        self.path = path
        self.layout = try ParquetWriteSchema(schema)
        var settings: [ColumnWriteSettings] = []
        var used = Set<String>()
        for leaf in layout.leaves {
            let top = schema.fields[leaf.topLevelField].name
            let dotted = leaf.path.joined(separator: ".")
            var enc = options.columnEncoding[dotted] ?? options.columnEncoding[top]
            if options.columnEncoding[dotted] != nil { used.insert(dotted) } else if enc != nil { used.insert(top) }
            if enc == .plain { enc = .plain }
            if let e = enc { try ColumnChunkEncoder.check(e, for: leaf) }
            let dict = enc == nil && (options.useDictionary
                || options.dictionaryColumns?.contains(top) == true
                || options.dictionaryColumns?.contains(dotted) == true)
            settings.append(ColumnWriteSettings(
                codec: options.compression, level: options.compressionLevel, dataPageSize: options.dataPageSize,
                dictionary: dict, dictionaryLimit: options.dictionaryPageSizeLimit,
                pageVersion: options.dataPageVersion, encoding: enc, statistics: options.writeStatistics))
        }
        for k in options.columnEncoding.keys where !used.contains(k) {
            throw PFError.invalidArgument("column_encoding names '\(k)', which is not a column")
        }
        self.settings = settings
        let f = try AtomicFile(path: path)
        self.file = f
        do { try f.write(Array("PAR1".utf8)) } catch { f.abort(); throw error }
    }

    deinit { file?.abort() }

    /// Writes a whole table and closes nothing.
    public func write(table: Table) throws {
        for b in table.batches { try write(batch: b) }
    }

    /// Buffers `batch`; full row groups are written as they fill up.
    public func write(batch: RecordBatch) throws {
        try guardOpen()
        guard batch.schema.fields.count == schema.fields.count,
              zip(batch.schema.fields, schema.fields).allSatisfy({ $0.type == $1.type }) else {
            fail()
            throw PFError.invalidArgument("batch schema (\(batch.schema.names.joined(separator: ", "))) differs from the writer's")
        }
        var start = 0
        while start < batch.numRows {
            let take = min(batch.numRows - start, options.rowGroupSize - pendingRows)
            pending.append(start == 0 && take == batch.numRows ? batch : try batch.slice(start, take))
            pendingRows += take
            start += take
            if pendingRows >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// Writes the last row group and the footer, then renames the file into place.
    public func close() throws {
        try guardOpen()
        do {
            // An empty table still gets one (empty) row group, as pyarrow writes it.
            if pendingRows > 0 || rowGroups.isEmpty {
                if pending.isEmpty, let empty = try? RecordBatch(schema: schema, columns: schema.fields.map { f in
                    emptyArray(f.type) }, numRows: 0) { pending = [empty] }
                try flushRowGroup()
            }
            guard let f = file else { throw PFError.io("'\(path)': writer already closed") }
            var fmd = FileMetaData()
            fmd.version = 2
            fmd.schema = layout.elements
            fmd.numRows = numRows
            fmd.rowGroups = rowGroups
            var kv: [ParquetKeyValue] = []
            var seen = Set<String>()
            for (k, v) in schema.metadata.pairs where k != ArrowIPCSchema.metadataKey && seen.insert(k).inserted {
                kv.append(ParquetKeyValue(key: k, value: v))
            }
            for (k, v) in options.keyValueMetadata.pairs where k != ArrowIPCSchema.metadataKey {
                if seen.insert(k).inserted { kv.append(ParquetKeyValue(key: k, value: v)) }
                else if let i = kv.firstIndex(where: { $0.key == k }) { kv[i].value = v }
            }
            if options.storeArrowSchema {
                var s = schema
                s.metadata[ArrowIPCSchema.metadataKey] = nil
                kv.append(ParquetKeyValue(key: ArrowIPCSchema.metadataKey, value: ArrowIPCSchema.encode(s)))
            }
            fmd.keyValueMetadata = kv.isEmpty ? nil : kv
            fmd.createdBy = options.createdBy
            fmd.columnOrders = [ColumnOrder](repeating: .typeDefined, count: layout.leaves.count)
            var w = ThriftCompactWriter()
            fmd.write(thrift: &w)
            try f.write(w.bytes)
            var tail: [UInt8] = []
            withUnsafeBytes(of: UInt32(w.bytes.count).littleEndian) { tail.append(contentsOf: $0) }
            tail += Array("PAR1".utf8)
            try f.write(tail)
            try f.commit()
            file = nil
            closed = true
        } catch {
            fail()
            throw error
        }
    }

    /// A zero-length array of `type` (for the row group of an empty table).
    private func emptyArray(_ type: DataType) -> ArrayData {
        (try? ArrayData.make(type, [])) ?? ArrayData(unchecked: type, length: 0, nullCount: 0, buffers: [])
    }

    /// Abandons the file: removes the temporary file; the target is untouched.
    public func abort() { fail() }

    private func fail() {
        file?.abort()
        file = nil
        closed = true
        pending = []
    }

    private func guardOpen() throws {
        guard !closed, file != nil else { throw PFError.invalidArgument("Parquet writer for '\(path)' is closed") }
    }

    private func flushRowGroup() throws {
        guard let f = file else { throw PFError.io("'\(path)': writer closed") }
        let batches = pending
        let rows = pendingRows
        pending = []
        pendingRows = 0
        let leaves = layout.leaves
        let nodes = layout.nodes
        let settings = self.settings
        // 1. Per column: levels, values, dictionary and page boundaries.
        let prepared: [Result<PreparedChunk, PFError>] = ThreadPool.shared.parallelMap(0..<leaves.count, grain: 1) { r in
            let j = r.lowerBound
            let leaf = leaves[j]
            return ParquetWriter.catching {
                var parts: [LeafLevels] = []
                for b in batches {
                    let a = b.columns[leaf.topLevelField]
                    parts.append(try LevelComputer.levels(node: nodes[leaf.topLevelField], leaf: j, array: a,
                                                          rows: 0..<b.numRows, maxDef: leaf.maxDefinitionLevel,
                                                          maxRep: leaf.maxRepetitionLevel))
                }
                return try ColumnChunkEncoder.prepare(leaf: leaf, parts: parts, settings: settings[j])
            }
        }
        // 2. Every page of every column (dictionary pages first, as they are the largest
        // tasks): encoding, statistics and compression, in parallel across columns and pages.
        var tasks: [(column: Int, page: Int)] = []   // page -1: the dictionary page
        for (j, p) in prepared.enumerated() {
            if case .success(let c) = p, c.dict != nil { tasks.append((j, -1)) }
        }
        for (j, p) in prepared.enumerated() {
            if case .success(let c) = p { for k in c.pages.indices { tasks.append((j, k)) } }
        }
        let taskList = tasks
        let encoded: [Result<EncodedPage?, PFError>] = ThreadPool.shared.parallelMap(0..<taskList.count, grain: 1) { r in
            let t = taskList[r.lowerBound]
            guard case .success(let c) = prepared[t.column] else { return .success(nil) }
            return ParquetWriter.catching {
                t.page < 0 ? try ColumnChunkEncoder.encodeDictionaryPage(c) : try ColumnChunkEncoder.encodePage(c, t.page)
            }
        }
        var dictPages = [EncodedPage?](repeating: nil, count: leaves.count)
        var pages = [[EncodedPage]](repeating: [], count: leaves.count)
        var failures = [PFError?](repeating: nil, count: leaves.count)
        for (i, t) in taskList.enumerated() {
            switch encoded[i] {
            case .success(let page):
                if t.page < 0 { dictPages[t.column] = page } else if let page { pages[t.column].append(page) }
            case .failure(let e):
                if failures[t.column] == nil { failures[t.column] = e }
            }
        }
        let results: [Result<EncodedChunk, PFError>] = prepared.enumerated().map { j, p in
            switch p {
            case .failure(let e): return .failure(e)
            case .success(let c):
                if let e = failures[j] { return .failure(e) }
                return .success(ColumnChunkEncoder.assemble(c, dictionaryPage: dictPages[j], pages: pages[j]))
            }
        }
        var group = RowGroup()
        group.numRows = Int64(rows)
        group.fileOffset = f.offset
        var totalBytes: Int64 = 0, totalCompressed: Int64 = 0
        for (j, r) in results.enumerated() {
            let chunk: EncodedChunk
            switch r {
            case .success(let c): chunk = c
            case .failure(let e):
                throw PFError.invalidArgument("column '\(leaves[j].path.joined(separator: "."))': \(e.message)")
                    .keepingCategory(of: e)
            }
            let base = f.offset
            var meta = chunk.meta
            meta.dataPageOffset += base
            if let d = meta.dictionaryPageOffset { meta.dictionaryPageOffset = d + base }
            for piece in chunk.pieces { try f.write(piece) }
            var cc = ColumnChunk()
            cc.fileOffset = 0
            cc.metaData = meta
            group.columns.append(cc)
            totalBytes += meta.totalUncompressedSize
            totalCompressed += meta.totalCompressedSize
        }
        group.totalByteSize = totalBytes
        group.totalCompressedSize = totalCompressed
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(group)
        numRows += Int64(rows)
    }

    /// `body`'s value, or its error as a `PFError`.
    private static func catching<T>(_ body: () throws -> T) -> Result<T, PFError> {
        do {
            return .success(try body())
        } catch let e as PFError {
            return .failure(e)
        } catch {
            return .failure(.internalError("\(error)"))
        }
    }

    /// Writes `table` to `path` in one call.
    public static func write(_ table: Table, to path: String, options: ParquetWriteOptions = ParquetWriteOptions()) throws {
        let w = try ParquetWriter(path: path, schema: table.schema, options: options)
        do {
            try w.write(table: table)
            try w.close()
        } catch {
            w.abort()
            throw error
        }
    }
}

extension PFError {
    /// `self`'s message under the category of `other` (keeps I/O and unsupported errors as such).
    func keepingCategory(of other: PFError) -> PFError {
        switch other {
        case .io: return .io(message)
        case .unsupported: return .unsupported(message)
        case .internalError: return .internalError(message)
        case .format: return .format(message)
        case .cancelled: return .cancelled(message)
        case .invalidArgument: return self
        }
    }
}
