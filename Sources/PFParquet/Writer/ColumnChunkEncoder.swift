import PFColumnar

/// A column chunk encoded in memory: its pages (headers and bodies, in file order, to be
/// written back to back) and its metadata with offsets relative to the chunk's start.
struct EncodedChunk: Sendable {
    var pieces: [[UInt8]]
    var meta: ColumnMetaData
    /// Uncompressed size of the values (statistics for the row group's total_byte_size).
    var uncompressedSize: Int64
}

/// Per-column choices resolved from ``ParquetWriteOptions``.
struct ColumnWriteSettings: Sendable {
    var codec: ParquetCompressionCodec
    var level: Int?
    var dataPageSize: Int
    var dictionary: Bool
    var dictionaryLimit: Int
    var pageVersion: ParquetWriteOptions.DataPageVersion
    /// Forced value encoding (nil: dictionary or PLAIN).
    var encoding: ParquetEncoding?
    var statistics: Bool
}

/// Encodes one column chunk: levels, values, pages, compression, statistics.
enum ColumnChunkEncoder {
    /// Checks that `encoding` can store values of `leaf`.
    static func check(_ encoding: ParquetEncoding, for leaf: ParquetLeafColumn) throws {
        let t = leaf.physicalType
        let ok: Bool
        switch encoding {
        case .plain: ok = true
        case .rle: ok = t == .boolean
        case .deltaBinaryPacked: ok = t == .int32 || t == .int64
        case .deltaLengthByteArray, .deltaByteArray: ok = t == .byteArray
        case .byteStreamSplit: ok = t == .float || t == .double || t == .int32 || t == .int64 || t == .fixedLenByteArray
        default: ok = false
        }
        guard ok else {
            throw PFError.invalidArgument("encoding \(encoding) cannot be used for column '\(leaf.path.joined(separator: "."))' of physical type \(t)")
        }
    }

    /// Encodes a whole column chunk on the calling thread.
    static func encode(leaf: ParquetLeafColumn, parts: [LeafLevels], settings s: ColumnWriteSettings) throws -> EncodedChunk {
        let p = try prepare(leaf: leaf, parts: parts, settings: s)
        let d = try encodeDictionaryPage(p)
        let pages = try p.pages.indices.map { try encodePage(p, $0) }
        return assemble(p, dictionaryPage: d, pages: pages)
    }

    /// Levels, values, value encoding, dictionary and page boundaries of a chunk; its pages
    /// can then be encoded independently (``encodePage(_:_:)``, on any thread).
    static func prepare(leaf: ParquetLeafColumn, parts: [LeafLevels], settings s: ColumnWriteSettings) throws -> PreparedChunk {
        // 1. Levels and values of the whole chunk. The values of a flat column from one
        // array are gathered page by page instead (`lazy`).
        var def: [UInt8] = [], rep: [UInt8] = []
        var levelCount = 0
        let width = physicalWidth(leaf)
        var values = PhysicalValues(width: width)
        var lazy: LazyLeafValues?
        let maxDef = leaf.maxDefinitionLevel, maxRep = leaf.maxRepetitionLevel
        if parts.count == 1 {
            def = parts[0].def; rep = parts[0].rep; levelCount = parts[0].levelCount
        } else {
            for p in parts { def += p.def; rep += p.rep; levelCount += p.levelCount }
        }
        if parts.count == 1, maxRep == 0, !parts[0].fromDictionary, leaf.conversion != .null,
           case .valid(let rows) = parts[0].selection, rows.count == levelCount {
            lazy = LazyLeafValues(array: parts[0].leafArray, slots: rows, conversion: leaf.conversion, width: width)
            var valid = levelCount
            if maxDef > 0 { valid = countDefined(def, 0..<levelCount, maxDef) }
            values.count = valid
        } else {
            for p in parts { try values.append(p.leafArray, p.selection, leaf.conversion) }
        }

        // 2. Encoding.
        var encoding: ParquetEncoding = .plain
        var dict: ChunkDictionary?
        if let e = s.encoding {
            try check(e, for: leaf)
            encoding = e
        } else if s.dictionary, leaf.physicalType != .boolean, leaf.conversion != .null {
            // An Arrow dictionary shared by the whole chunk is written as it is (as pyarrow does).
            if let first = parts.first, parts.allSatisfy({ $0.fromDictionary && $0.leafArray === first.leafArray }) {
                var dv = PhysicalValues(width: values.width)
                try dv.append(first.leafArray, .valid(0..<first.leafArray.length), leaf.conversion)
                var ix: [UInt32] = []
                ix.reserveCapacity(values.count)
                for p in parts { if case .indices(let k) = p.selection { for i in k { ix.append(UInt32(truncatingIfNeeded: i)) } } }
                let d = ChunkDictionary(values: dv, indices: ix)
                if d.plainSize <= s.dictionaryLimit && dv.count <= Int(UInt32.max) { dict = d }
            }
            if dict == nil {
                if let lazy {
                    dict = try ChunkDictionary.build(count: values.count, width: width, limit: s.dictionaryLimit,
                                                     blocks: { try lazy.forEachBlock($0) })
                } else {
                    dict = ChunkDictionary.build(values, limit: s.dictionaryLimit)
                }
            }
            if dict != nil { encoding = .rleDictionary }
        }
        let dictBitWidth = dict.map { max(1, HybridEncoder.bitWidth(UInt64(max(0, $0.values.count - 1)))) } ?? 0

        // 3. Page boundaries.
        var pages: [PageRange] = []
        var l0 = 0, v0 = 0
        // Estimated encoded bits per value.
        let fixedBits: Int
        if dict != nil { fixedBits = dictBitWidth }
        else if leaf.physicalType == .boolean { fixedBits = 1 }
        else { fixedBits = 8 * values.width }
        let pageBits = s.dataPageSize * 8
        let hasDef = maxDef > 0, hasRep = maxRep > 0
        repeat {
            var l1 = l0, v1 = v0
            var bits = 0
            if !hasDef && !hasRep && values.width > 0 {
                let n = max(1, pageBits / max(1, fixedBits))
                l1 = min(levelCount, l0 + n); v1 = l1
            } else if let lazy, fixedBits == 0 {
                // Byte arrays read lazily: lengths from the Arrow offsets (level = slot).
                try lazy.withLengths { length in
                    def.withUnsafeBufferPointer { dp in
                        while l1 < levelCount {
                            if bits >= pageBits { break }
                            if !hasDef || Int(dp[l1]) == maxDef {
                                bits &+= 8 &* (length(l1) &+ 4)
                                v1 += 1
                            }
                            bits += 2
                            l1 += 1
                        }
                    }
                }
            } else {
                def.withUnsafeBufferPointer { dp in
                    rep.withUnsafeBufferPointer { rp in
                        values.offsets.withUnsafeBufferPointer { op in
                            // Fixed-width values without repetition: whole blocks of levels
                            // while even a block of defined values stays below the page size.
                            if fixedBits > 0 && !hasRep {
                                let block = 256
                                while levelCount - l1 >= block && bits + block * (2 + fixedBits) < pageBits {
                                    let n = hasDef ? countDefined(dp, l1..<(l1 + block), maxDef) : block
                                    bits += 2 * block + n * fixedBits
                                    v1 += n
                                    l1 += block
                                }
                            }
                            while l1 < levelCount {
                                if bits >= pageBits && (!hasRep || rp[l1] == 0) { break }
                                if !hasDef || Int(dp[l1]) == maxDef {
                                    if fixedBits > 0 { bits += fixedBits }
                                    else { bits += 8 * (op[v1 + 1] - op[v1] + 4) }
                                    v1 += 1
                                }
                                bits += 2
                                l1 += 1
                            }
                        }
                    }
                }
            }
            pages.append(PageRange(levels: l0..<l1, values: v0..<v1))
            l0 = l1; v0 = v1
        } while l0 < levelCount
        return PreparedChunk(leaf: leaf, settings: s, def: def, rep: rep, levelCount: levelCount, values: values,
                             lazy: lazy, encoding: encoding, dict: dict, dictBitWidth: dictBitWidth, pages: pages)
    }

    /// How many of `levels` of `def` are `maxDef` (the defined values).
    @inline(__always)
    private static func countDefined(_ def: UnsafeBufferPointer<UInt8>, _ levels: Range<Int>, _ maxDef: Int) -> Int {
        let m = UInt8(truncatingIfNeeded: maxDef)
        var n = 0
        var i = levels.lowerBound
        if let base = def.baseAddress {
            // 16 levels at a time; the byte lanes are summed before they can overflow.
            let raw = UnsafeRawPointer(base)
            let target = SIMD16<UInt8>(repeating: m)
            while levels.upperBound - i >= 16 {
                var acc = SIMD16<UInt8>()
                var k = 0
                while k < 255 && levels.upperBound - i >= 16 {
                    let x = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                    acc &+= SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: x .== target)
                    i += 16
                    k += 1
                }
                n &+= Int(SIMD16<UInt16>(truncatingIfNeeded: acc).wrappedSum())
            }
        }
        while i < levels.upperBound { n &+= def[i] == m ? 1 : 0; i += 1 }
        return n
    }

    private static func countDefined(_ def: [UInt8], _ levels: Range<Int>, _ maxDef: Int) -> Int {
        def.withUnsafeBufferPointer { countDefined($0, levels, maxDef) }
    }

    /// The dictionary page of `p` (nil without dictionary).
    static func encodeDictionaryPage(_ p: PreparedChunk) throws -> EncodedPage? {
        guard let d = p.dict else { return nil }
        var body: [UInt8] = []
        plain(d.values, 0..<d.values.count, into: &body)
        let compressed = try compress(body, p.settings)
        var h = PageHeader()
        h.type = .dictionaryPage
        h.uncompressedPageSize = try size32(body.count)
        h.compressedPageSize = try size32(compressed.count)
        var dh = DictionaryPageHeader()
        dh.numValues = try size32(d.values.count)
        dh.encoding = .plain
        h.dictionaryPageHeader = dh
        let hb = header(h)
        return EncodedPage(header: hb, body: compressed, uncompressed: hb.count + body.count,
                           stats: StatisticsAccumulator(order: p.leaf.order))
    }

    /// Puts the encoded pages of `p` together.
    static func assemble(_ p: PreparedChunk, dictionaryPage: EncodedPage?, pages: [EncodedPage]) -> EncodedChunk {
        let leaf = p.leaf, s = p.settings
        var meta = ColumnMetaData()
        meta.type = leaf.physicalType
        meta.pathInSchema = leaf.path
        meta.codec = s.codec
        meta.numValues = Int64(p.levelCount)
        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(2 * pages.count + 2)
        var size: Int64 = 0
        var uncompressedTotal: Int64 = 0
        var encodings: [ParquetEncoding] = []
        if let d = dictionaryPage {
            meta.dictionaryPageOffset = 0
            pieces.append(d.header); pieces.append(d.body)
            size += Int64(d.header.count + d.body.count)
            uncompressedTotal += Int64(d.uncompressed)
            encodings.append(.plain)
        }
        meta.dataPageOffset = size
        if leaf.maxDefinitionLevel > 0 || leaf.maxRepetitionLevel > 0 { encodings.append(.rle) }
        if !encodings.contains(p.encoding) { encodings.append(p.encoding) }
        meta.encodings = encodings
        var chunkStats = StatisticsAccumulator(order: leaf.order)
        for page in pages {
            pieces.append(page.header); pieces.append(page.body)
            size += Int64(page.header.count + page.body.count)
            uncompressedTotal += Int64(page.uncompressed)
            chunkStats.merge(page.stats)
        }
        meta.totalCompressedSize = size
        meta.totalUncompressedSize = uncompressedTotal
        // As pyarrow: no statistics for null columns and empty chunks.
        if s.statistics && p.levelCount > 0 && leaf.conversion != .null { meta.statistics = chunkStats.thrift }
        return EncodedChunk(pieces: pieces, meta: meta, uncompressedSize: uncompressedTotal)
    }

    static func physicalWidth(_ leaf: ParquetLeafColumn) -> Int {
        switch leaf.physicalType {
        case .boolean: return 1
        case .int32, .float: return 4
        case .int64, .double: return 8
        case .fixedLenByteArray: return leaf.typeLength
        default: return 0
        }
    }

    private static func header(_ h: PageHeader) -> [UInt8] {
        var w = ThriftCompactWriter()
        h.write(thrift: &w)
        return w.bytes
    }

    private static func compress(_ body: [UInt8], _ s: ColumnWriteSettings) throws -> [UInt8] {
        if s.codec == .uncompressed { return body }
        var level = s.level
        if level == nil && s.codec == .zstd { level = 1 }
        return try ParquetCompression.compress(s.codec, body, level: level)
    }

    /// PLAIN encoding of values `r`.
    static func plain(_ v: PhysicalValues, _ r: Range<Int>, into out: inout [UInt8]) {
        if v.isByteArray {
            let total = v.offsets[r.upperBound] - v.offsets[r.lowerBound]
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: total + 4 * r.count))
            out.withUnsafeMutableBytes { o in
                v.data.withUnsafeBytes { d in
                    var p = start
                    for i in r {
                        let s = v.offsets[i], n = v.offsets[i + 1] - s
                        o.storeBytes(of: UInt32(n).littleEndian, toByteOffset: p, as: UInt32.self)
                        p += 4
                        if n > 0 { (o.baseAddress! + p).copyMemory(from: d.baseAddress! + s, byteCount: n) }
                        p += n
                    }
                }
            }
        } else {
            v.data.withUnsafeBytes { d in
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(r.lowerBound * v.width)..<(r.upperBound * v.width)]))
            }
        }
    }

    /// Bit-packed PLAIN booleans.
    static func plainBooleans(_ v: PhysicalValues, _ r: Range<Int>, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: (r.count + 7) / 8))
        out.withUnsafeMutableBufferPointer { o in
            v.data.withUnsafeBufferPointer { d in
                for (k, i) in r.enumerated() where d[i] != 0 { o[start + k >> 3] |= 1 << UInt8(k & 7) }
            }
        }
    }

    /// Data page `k` of `p`: levels, values, statistics, compression.
    static func encodePage(_ p: PreparedChunk, _ k: Int) throws -> EncodedPage {
        let leaf = p.leaf, s = p.settings, def = p.def, rep = p.rep
        let levels = p.pages[k].levels
        let encoding = p.encoding, dict = p.dict, dictBitWidth = p.dictBitWidth
        // The page's values: a range of the chunk's, or gathered for this page alone
        // (dictionary indices stay numbered over the chunk: `chunkValues`).
        let chunkValues = p.pages[k].values
        let v: PhysicalValues, vr: Range<Int>
        if let lazy = p.lazy, encoding != .rleDictionary {
            v = try lazy.values(levels: levels)
            vr = 0..<v.count
            guard v.count == chunkValues.count else { throw PFError.internalError("page value count changed") }
        } else {
            v = p.values
            vr = chunkValues
        }
        let maxDef = leaf.maxDefinitionLevel, maxRep = leaf.maxRepetitionLevel
        // Levels.
        var repBytes: [UInt8] = [], defBytes: [UInt8] = []
        if maxRep > 0 {
            rep.withUnsafeBufferPointer { p in
                HybridEncoder.encode(UnsafeBufferPointer(rebasing: p[levels]), bitWidth: HybridEncoder.bitWidth(UInt64(maxRep)), into: &repBytes)
            }
        }
        if maxDef > 0 {
            def.withUnsafeBufferPointer { p in
                HybridEncoder.encode(UnsafeBufferPointer(rebasing: p[levels]), bitWidth: HybridEncoder.bitWidth(UInt64(maxDef)), into: &defBytes)
            }
        }
        // Values. A v1 page holds the levels (each with its 4-byte length) before the values,
        // all compressed together: they go straight into `body`.
        var body: [UInt8] = []
        let v1 = s.pageVersion == .v1
        if v1 {
            let valueBytes: Int
            if encoding == .rleDictionary { valueBytes = (vr.count * dictBitWidth + 7) / 8 + vr.count / 64 }
            else if v.isByteArray { valueBytes = v.offsets[vr.upperBound] - v.offsets[vr.lowerBound] + 4 * vr.count }
            else { valueBytes = v.width * vr.count }
            body.reserveCapacity(repBytes.count + defBytes.count + 8 + valueBytes + 16)
            if maxRep > 0 {
                withUnsafeBytes(of: UInt32(repBytes.count).littleEndian) { body.append(contentsOf: $0) }
                body += repBytes
            }
            if maxDef > 0 {
                withUnsafeBytes(of: UInt32(defBytes.count).littleEndian) { body.append(contentsOf: $0) }
                body += defBytes
            }
        }
        switch encoding {
        case .rleDictionary:
            guard let d = dict else { throw PFError.internalError("dictionary encoding without dictionary") }
            body.append(UInt8(dictBitWidth))
            d.indices.withUnsafeBufferPointer { p in
                HybridEncoder.encode(UnsafeBufferPointer(rebasing: p[chunkValues]), bitWidth: dictBitWidth, into: &body)
            }
        case .plain:
            if leaf.physicalType == .boolean { plainBooleans(v, vr, into: &body) } else { plain(v, vr, into: &body) }
        case .rle:
            var runs: [UInt8] = []
            v.data.withUnsafeBufferPointer { p in
                HybridEncoder.encode(UnsafeBufferPointer(rebasing: p[vr]), bitWidth: 1, into: &runs)
            }
            withUnsafeBytes(of: UInt32(runs.count).littleEndian) { body.append(contentsOf: $0) }
            body += runs
        case .deltaBinaryPacked:
            v.data.withUnsafeBytes { d in
                if v.width == 4 {
                    let a = Array(UnsafeBufferPointer(rebasing: d.bindMemory(to: Int32.self)[vr]))
                    DeltaBinaryPackedEncoder.encode(a, into: &body)
                } else {
                    let a = Array(UnsafeBufferPointer(rebasing: d.bindMemory(to: Int64.self)[vr]))
                    DeltaBinaryPackedEncoder.encode(a, into: &body)
                }
            }
        case .deltaLengthByteArray, .deltaByteArray:
            var b = ByteArrayBuffer()
            let base = v.offsets[vr.lowerBound]
            guard v.offsets[vr.upperBound] - base <= Int(Int32.max) else {
                throw PFError.unsupported("page of more than 2 GiB of byte arrays")
            }
            b.offsets = v.offsets[vr.lowerBound...vr.upperBound].map { Int32($0 - base) }
            b.values = Array(v.data[base..<v.offsets[vr.upperBound]])
            if encoding == .deltaLengthByteArray { DeltaLengthByteArrayEncoder.encode(b, into: &body) }
            else { DeltaByteArrayEncoder.encode(b, into: &body) }
        case .byteStreamSplit:
            v.data.withUnsafeBytes { d in
                ByteStreamSplitEncoder.encode(UnsafeRawBufferPointer(rebasing: d[(vr.lowerBound * v.width)..<(vr.upperBound * v.width)]),
                                              width: v.width, into: &body)
            }
        default:
            throw PFError.unsupported("encoding \(encoding) for writing")
        }
        // Statistics.
        var stats = StatisticsAccumulator(order: leaf.order)
        stats.nullCount = Int64(levels.count - vr.count)
        if s.statistics {
            // Min/max over the values actually referenced (pyarrow sometimes reports the
            // whole Arrow dictionary instead); of a dictionary-encoded page, over the
            // entries it refers to.
            if encoding == .rleDictionary, let d = dict {
                d.indices.withUnsafeBufferPointer { ix in
                    stats.update(dictionary: d.values, indices: UnsafeBufferPointer(rebasing: ix[chunkValues]))
                }
            } else {
                stats.update(v, vr)
            }
        }
        let pageStats = s.statistics && !levels.isEmpty && leaf.conversion != .null ? stats.thrift : nil

        var h = PageHeader()
        let hb: [UInt8], c: [UInt8]
        let uncompressed: Int
        if v1 {
            c = try compress(body, s)
            h.type = .dataPage
            h.uncompressedPageSize = try size32(body.count)
            h.compressedPageSize = try size32(c.count)
            var dh = DataPageHeader()
            dh.numValues = try size32(levels.count)
            dh.encoding = encoding
            dh.definitionLevelEncoding = .rle
            dh.repetitionLevelEncoding = .rle
            dh.statistics = pageStats
            h.dataPageHeader = dh
            hb = header(h)
            uncompressed = hb.count + body.count
        } else {
            let values = try compress(body, s)
            let compressedValues = s.codec != .uncompressed
            h.type = .dataPageV2
            h.uncompressedPageSize = try size32(repBytes.count + defBytes.count + body.count)
            h.compressedPageSize = try size32(repBytes.count + defBytes.count + values.count)
            var dh = DataPageHeaderV2()
            dh.numValues = try size32(levels.count)
            dh.numNulls = try size32(levels.count - vr.count)
            var rows = levels.count
            if maxRep > 0 { rows = 0; for i in levels where rep[i] == 0 { rows += 1 } }
            dh.numRows = try size32(rows)
            dh.encoding = encoding
            dh.definitionLevelsByteLength = try size32(defBytes.count)
            dh.repetitionLevelsByteLength = try size32(repBytes.count)
            dh.isCompressed = compressedValues
            dh.statistics = pageStats
            h.dataPageHeaderV2 = dh
            hb = header(h)
            uncompressed = hb.count + repBytes.count + defBytes.count + body.count
            // The levels stay uncompressed, in front of the values.
            c = repBytes.isEmpty && defBytes.isEmpty ? values : repBytes + defBytes + values
        }
        return EncodedPage(header: hb, body: c, uncompressed: uncompressed, stats: stats)
    }

    private static func size32(_ n: Int) throws -> Int32 {
        guard n <= Int(Int32.max) else { throw PFError.unsupported("page larger than 2 GiB; use a smaller data_page_size") }
        return Int32(n)
    }
}

/// The level and value ranges of one data page.
struct PageRange: Sendable {
    var levels: Range<Int>
    var values: Range<Int>
}

/// A column chunk ready for page encoding (``ColumnChunkEncoder/prepare(leaf:parts:settings:)``).
struct PreparedChunk: Sendable {
    var leaf: ParquetLeafColumn
    var settings: ColumnWriteSettings
    var def: [UInt8]
    var rep: [UInt8]
    var levelCount: Int
    /// The values of the chunk; only their count when `lazy` is set.
    var values: PhysicalValues
    /// Where the values of each page are gathered from (flat columns from one array).
    var lazy: LazyLeafValues?
    var encoding: ParquetEncoding
    var dict: ChunkDictionary?
    var dictBitWidth: Int
    var pages: [PageRange]
}

/// One encoded page: its Thrift header and its (compressed) contents.
struct EncodedPage: Sendable {
    var header: [UInt8]
    var body: [UInt8]
    /// Header plus uncompressed contents, in bytes.
    var uncompressed: Int
    var stats: StatisticsAccumulator
}
