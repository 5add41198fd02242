import PFColumnar

/// Iterates over the pages of one column chunk: decodes page headers, verifies checksums
/// when asked, decompresses bodies and splits data pages into level and value sections.
///
/// Every offset and size is checked against the chunk's extent
/// (`[chunk start, chunk start + total_compressed_size)`), itself checked against the file.
/// A dictionary page offset of 0 written by buggy writers is ignored (the chunk then starts
/// at the data page offset).
public struct ColumnChunkPageReader {
    /// The file.
    public let file: MappedFile
    /// The column being read.
    public let column: ColumnDescriptor
    /// Compression codec of the chunk.
    public let codec: ParquetCompressionCodec
    /// Number of values (levels) the chunk declares.
    public let declaredValues: Int64
    /// Extent of the chunk in the file.
    public let extent: Range<Int>
    /// Options in force.
    public let options: PageReaderOptions
    private var position: Int
    /// Number of values seen in data pages so far.
    public private(set) var valuesRead: Int64 = 0
    private var sawDataPage = false
    private var sawDictionary = false
    private let codecImpl: any ParquetCodec

    /// Prepares to read `chunk` of `column` from `file`.
    /// - Throws: `.unsupported` for encrypted or externally stored chunks, `.format` when the
    ///   chunk lies outside the file.
    public init(file: MappedFile, chunk: ColumnChunk, column: ColumnDescriptor,
                options: PageReaderOptions = PageReaderOptions()) throws {
        if chunk.isEncrypted {
            throw PFError.unsupported("encrypted column chunk '\(column.dotPath)' (Parquet modular encryption)")
        }
        if let p = chunk.filePath, !p.isEmpty {
            throw PFError.unsupported("column chunk stored in external file '\(p)'")
        }
        guard let md = chunk.metaData else {
            throw PFError.format("column chunk '\(column.dotPath)' has no ColumnMetaData")
        }
        self.file = file
        self.column = column
        self.codec = md.codec
        self.options = options
        self.declaredValues = md.numValues
        self.codecImpl = try ParquetCompression.codec(md.codec)
        let start = md.chunkStartOffset
        self.extent = try file.ensureRange(offset: start, length: md.totalCompressedSize,
                                           "column chunk '\(column.dotPath)'")
        self.position = extent.lowerBound
    }

    private func fail(_ what: String, at offset: Int) -> PFError {
        .format("column '\(column.dotPath)': \(what)", offset: Int64(offset))
    }

    /// The next page, or nil at the end of the chunk.
    public mutating func next() throws -> ParquetPage? {
        switch try next(skipping: nil) {
        case .page(let p)?: return p
        case .skipped?: throw PFError.internalError("page skipped without a predicate")
        case nil: return nil
        }
    }

    /// The next page, or nil at the end of the chunk; a page whose header `skip` accepts is
    /// passed over without decompressing or checksumming its body (data page value counts
    /// are checked before `skip` sees them, and count as read).
    public mutating func next(skipping skip: ((PageHeader) -> Bool)?) throws -> PageStep? {
        while true {
            if position >= extent.upperBound { return nil }
            if sawDataPage && declaredValues > 0 && valuesRead >= declaredValues { return nil }
            let headerStart = position
            let view = file.slice(headerStart..<extent.upperBound)
            let (header, headerLen) = try withExtendedLifetime(file) {
                try ThriftCompactReader.decode(PageHeader.self, from: view, baseOffset: Int64(headerStart),
                                               limits: options.thriftLimits)
            }
            let bodyStart = headerStart + headerLen
            let csize = Int(header.compressedPageSize)
            let usize = Int(header.uncompressedPageSize)
            guard csize >= 0, usize >= 0 else {
                throw fail("negative page size (compressed \(csize), uncompressed \(usize))", at: headerStart)
            }
            guard csize <= extent.upperBound - bodyStart else {
                throw fail("page of \(csize) bytes runs past the end of the column chunk", at: headerStart)
            }
            let body = bodyStart..<(bodyStart + csize)
            position = body.upperBound
            // Checksums are verified for the pages returned (skipped bodies are never read).
            func verify() throws {
                guard options.verifyChecksums, let crc = header.crc else { return }
                let actual = CRC32.checksum(file.slice(body))
                guard actual == UInt32(bitPattern: crc) else {
                    throw fail("page CRC mismatch (header \(UInt32(bitPattern: crc)), computed \(actual))",
                               at: headerStart)
                }
            }
            switch header.type {
            case .dictionaryPage:
                guard !sawDataPage else { throw fail("dictionary page after data pages", at: headerStart) }
                guard !sawDictionary else { throw fail("second dictionary page", at: headerStart) }
                sawDictionary = true
                if let skip, skip(header) { return .skipped(header) }
                let dh = header.dictionaryPageHeader ?? DictionaryPageHeader()
                guard header.dictionaryPageHeader != nil else {
                    throw fail("dictionary page without DictionaryPageHeader", at: headerStart)
                }
                guard dh.numValues >= 0 else {
                    throw fail("dictionary page with negative num_values \(dh.numValues)", at: headerStart)
                }
                try verify()
                let values = try decompress(body, usize, at: headerStart)
                return .page(.dictionary(DictionaryPage(header: header, numValues: Int(dh.numValues),
                                                  encoding: dh.encoding, isSorted: dh.isSorted ?? false,
                                                  values: values, fileOffset: Int64(headerStart))))
            case .dataPage:
                guard let dh = header.dataPageHeader else {
                    throw fail("data page without DataPageHeader", at: headerStart)
                }
                sawDataPage = true
                guard dh.numValues >= 0 else { throw fail("negative num_values \(dh.numValues)", at: headerStart) }
                if let skip, skip(header) {
                    valuesRead &+= Int64(dh.numValues)
                    return .skipped(header)
                }
                try verify()
                let page = try dataPageV1(header, dh, body: body, usize: usize, at: headerStart)
                valuesRead &+= Int64(page.numValues)
                return .page(.data(page))
            case .dataPageV2:
                guard let dh = header.dataPageHeaderV2 else {
                    throw fail("data page v2 without DataPageHeaderV2", at: headerStart)
                }
                sawDataPage = true
                if let skip {
                    guard dh.numValues >= 0, dh.numRows >= 0 else {
                        throw fail("negative v2 counts (values \(dh.numValues), rows \(dh.numRows))", at: headerStart)
                    }
                    if skip(header) {
                        valuesRead &+= Int64(dh.numValues)
                        return .skipped(header)
                    }
                }
                try verify()
                let page = try dataPageV2(header, dh, body: body, usize: usize, at: headerStart)
                valuesRead &+= Int64(page.numValues)
                return .page(.data(page))
            case .indexPage, .unknown:
                try verify()
                continue // readers skip pages they do not know
            }
        }
    }

    /// Moves to the page header at file offset `offset` (a page location of the chunk's
    /// offset index), counting the `values` of the data pages passed over as read.
    /// - Throws: `.format` when `offset` lies before the current position or outside the chunk.
    public mutating func skip(to offset: Int, values: Int) throws {
        guard offset >= position, offset <= extent.upperBound, values >= 0 else {
            throw fail("page location \(offset) lies outside the unread part of the column chunk", at: position)
        }
        position = offset
        valuesRead &+= Int64(values)
    }

    /// File offset of the next page header.
    public var nextPageOffset: Int { position }

    /// Reads all remaining pages.
    public mutating func readAll() throws -> [ParquetPage] {
        var out: [ParquetPage] = []
        while let p = try next() { out.append(p) }
        return out
    }

    private func decompress(_ body: Range<Int>, _ usize: Int, at: Int) throws -> PageBody {
        if codec == .uncompressed {
            guard body.count == usize else {
                throw fail("uncompressed page holds \(body.count) bytes, header says \(usize)", at: at)
            }
            return PageBody(mapped: file, range: body)
        }
        let src = file.slice(body)
        do {
            let block = PageBlock(byteCount: usize)
            try withExtendedLifetime(file) {
                try codecImpl.decompress(src, into: UnsafeMutableRawBufferPointer(start: block.pointer, count: usize))
            }
            return PageBody(block: block, count: usize)
        } catch let e as PFError {
            if case .format(let m, _) = e { throw fail(m, at: at) }
            throw e
        }
    }

    static func bitWidth(_ maxLevel: Int) -> Int {
        maxLevel <= 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    private func dataPageV1(_ header: PageHeader, _ dh: DataPageHeader, body: Range<Int>, usize: Int,
                            at: Int) throws -> DataPage {
        guard dh.numValues >= 0 else { throw fail("negative num_values \(dh.numValues)", at: at) }
        let n = Int(dh.numValues)
        let whole = try decompress(body, usize, at: at)
        var pos = 0
        func levels(_ maxLevel: Int, _ enc: ParquetEncoding, _ what: String) throws -> PageBody {
            if maxLevel == 0 { return .empty }
            let left = whole.count - pos
            switch enc {
            case .rle:
                guard left >= 4 else { throw fail("\(what) levels: missing length prefix", at: at) }
                let len = whole.withUnsafeBytes { b in
                    Int(b[pos]) | Int(b[pos + 1]) << 8 | Int(b[pos + 2]) << 16 | Int(b[pos + 3]) << 24
                }
                guard len <= left - 4 else {
                    throw fail("\(what) levels: length \(len) exceeds the \(left - 4) bytes of the page", at: at)
                }
                let r = (pos + 4)..<(pos + 4 + len)
                pos = r.upperBound
                return whole.slice(r)
            case .bitPacked:
                let (bits, o) = n.multipliedReportingOverflow(by: Self.bitWidth(maxLevel))
                let len = (bits + 7) / 8
                guard !o, len <= left else {
                    throw fail("\(what) levels: \(n) bit-packed levels exceed the page", at: at)
                }
                let r = pos..<(pos + len)
                pos = r.upperBound
                return whole.slice(r)
            default:
                throw PFError.unsupported("\(what) level encoding \(enc) in column '\(column.dotPath)'")
            }
        }
        let rep = try levels(column.maxRepetitionLevel, dh.repetitionLevelEncoding, "repetition")
        let def = try levels(column.maxDefinitionLevel, dh.definitionLevelEncoding, "definition")
        let values = whole.slice(pos..<whole.count)
        return DataPage(version: 1, header: header, numValues: n, numNulls: nil, numRows: nil,
                        encoding: dh.encoding, definitionLevelEncoding: dh.definitionLevelEncoding,
                        repetitionLevelEncoding: dh.repetitionLevelEncoding, repetitionLevels: rep,
                        definitionLevels: def, values: values, statistics: dh.statistics,
                        fileOffset: Int64(at))
    }

    private func dataPageV2(_ header: PageHeader, _ dh: DataPageHeaderV2, body: Range<Int>, usize: Int,
                            at: Int) throws -> DataPage {
        guard dh.numValues >= 0, dh.numNulls >= 0, dh.numRows >= 0, dh.numNulls <= dh.numValues else {
            throw fail("inconsistent v2 counts (values \(dh.numValues), nulls \(dh.numNulls), "
                       + "rows \(dh.numRows))", at: at)
        }
        let repLen = Int(dh.repetitionLevelsByteLength), defLen = Int(dh.definitionLevelsByteLength)
        guard repLen >= 0, defLen >= 0, repLen + defLen <= body.count, repLen + defLen <= usize else {
            throw fail("v2 level lengths (\(repLen) + \(defLen)) exceed the page", at: at)
        }
        let rep = PageBody(mapped: file, range: body.lowerBound..<(body.lowerBound + repLen))
        let def = PageBody(mapped: file, range: rep.range.upperBound..<(rep.range.upperBound + defLen))
        let valuesRange = def.range.upperBound..<body.upperBound
        let valuesSize = usize - repLen - defLen
        let values: PageBody
        if codec == .uncompressed || !dh.isCompressed {
            guard valuesRange.count == valuesSize else {
                throw fail("uncompressed v2 values hold \(valuesRange.count) bytes, header says \(valuesSize)", at: at)
            }
            values = PageBody(mapped: file, range: valuesRange)
        } else if valuesRange.isEmpty && valuesSize == 0 {
            values = .empty // e.g. a page of nulls with no compressed data at all
        } else {
            values = try decompress(valuesRange, valuesSize, at: at)
        }
        return DataPage(version: 2, header: header, numValues: Int(dh.numValues), numNulls: Int(dh.numNulls),
                        numRows: Int(dh.numRows), encoding: dh.encoding, definitionLevelEncoding: .rle,
                        repetitionLevelEncoding: .rle,
                        repetitionLevels: column.maxRepetitionLevel > 0 ? rep : .empty,
                        definitionLevels: column.maxDefinitionLevel > 0 ? def : .empty,
                        values: values, statistics: dh.statistics, fileOffset: Int64(at))
    }
}
