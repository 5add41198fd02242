import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the pages of one leaf column chunk straight into Arrow buffers.
///
/// Levels are decoded per page into a scratch array; values are decoded densely into the
/// output buffers and, for columns without repetition, moved in place to their slots
/// (backwards, so no second buffer is needed).
final class LeafChunkDecoder {
    let column: ColumnDescriptor
    let type: DataType
    let target: LeafValueTarget
    let maxDef: Int
    let maxRep: Int
    /// Spread mode (no repetition).
    let spread: Bool
    /// Keep definition levels for reassembly.
    let keepDefinitionLevels: Bool
    let pw: Int
    /// Strings or binary of a `utf8` / `large_utf8` column (UTF-8 checked while decoding).
    let isUTF8: Bool
    /// 64-bit output offsets (`large_utf8` / `large_binary`): decoded as 32-bit offsets, then
    /// widened in place by ``finish()`` (no second buffer).
    let wideOffsets: Bool

    // Output.
    private var slots = 0
    private var dense = 0
    private var rows = 0
    private var validity = ColumnBuffer()
    private var data = ColumnBuffer()
    private var offsets = ColumnBuffer()
    private var defLevels: [UInt16] = []
    private var repLevels: [UInt16] = []

    // Dictionary (from the dictionary page, already in the target representation).
    private var dictCount = 0
    private var hasDictionary = false
    private var dictData = ColumnBuffer()
    private var dictOffsets = ColumnBuffer()
    /// Whether the dictionary buffers were handed out by `drain()` (they must then be copied
    /// before values are appended to them, which may move their storage).
    private var dictShared = false

    // Scratch.
    private var levelScratch: [UInt32] = []
    private var indexScratch: [UInt32] = []
    private var byteScratch: [UInt8] = []

    /// Largest number of values accepted in one page.
    static let maxPageValues = 1 << 26

    init(column: ColumnDescriptor, type: DataType, keepDefinitionLevels: Bool) throws {
        self.column = column
        self.type = type
        self.target = try LeafValueTarget.make(column, type)
        self.maxDef = column.maxDefinitionLevel
        self.maxRep = column.maxRepetitionLevel
        self.spread = column.maxRepetitionLevel == 0
        self.keepDefinitionLevels = keepDefinitionLevels || column.maxRepetitionLevel > 0
        self.pw = physicalWidth(column)
        self.isUTF8 = type == .utf8 || type == .largeUtf8
        self.wideOffsets = type == .largeUtf8 || type == .largeBinary
        offsets.append(Int32(0))
        dictOffsets.append(Int32(0))
    }

    private func fail(_ what: String) -> PFError { .format(what) }

    // MARK: pages

    func consume(_ page: ParquetPage) throws {
        switch page {
        case .dictionary(let d): try readDictionary(d)
        case .data(let d): try readData(d)
        }
    }

    private func readDictionary(_ page: DictionaryPage) throws {
        guard page.encoding == .plain || page.encoding == .plainDictionary else {
            throw PFError.unsupported("dictionary page encoding \(page.encoding)")
        }
        let n = page.numValues
        guard n >= 0, n <= Self.maxPageValues else { throw fail("dictionary page with \(n) values") }
        try page.values.withUnsafeBytes { b in
            switch target {
            case .null:
                break
            case .boolean:
                throw PFError.unsupported("dictionary-encoded BOOLEAN values")
            case .fixed(let w, let conv):
                dictData.resize(n &* w)
                if pw > 0 {
                    let (need, o) = n.multipliedReportingOverflow(by: pw)
                    guard !o, need <= b.count else {
                        throw fail("dictionary page: \(n) values of \(pw) bytes need \(need) bytes, \(b.count) present")
                    }
                    Conversions.convert(conv, src: b.bytePointer, pw: pw, count: n, dst: dictData.pointer)
                } else {
                    guard conv.isBigEndianDecimal else { throw unsupportedEncoding(.plain) }
                    try plainByteArrays(b, count: n) { i, p, len in
                        Conversions.storeBigEndianDecimal(p, len, width: w, into: dictData.pointer + i &* w)
                    }
                }
            case .binary, .dictionary:
                _ = try appendPlainBinary(b, count: n, offsets: dictOffsets, at: 0, data: dictData)
            }
        }
        if case .binary = target, isUTF8 {
            try checkUTF8(offsets: dictOffsets, data: dictData, from: 0, count: n, what: "dictionary page")
        }
        dictCount = n
        hasDictionary = true
    }

    private func decodeLevels(_ body: PageBody, _ encoding: ParquetEncoding, maxLevel: Int, count n: Int,
                              what: String) throws {
        let width = maxLevel <= 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
        if levelScratch.count < n { levelScratch = [UInt32](repeating: 0, count: n) }
        try body.withUnsafeBytes { b in
            try levelScratch.withUnsafeMutableBufferPointer { s in
                guard let p = s.baseAddress else { return }
                if encoding == .bitPacked {
                    try BitPackedLevelDecoder.decode(b, bitWidth: width, count: n, into: p)
                } else {
                    var d = try RleBitPackedHybridDecoder(b, bitWidth: width, encodingName: "\(what) levels")
                    try d.decodeExactly(into: p, count: n)
                }
                let m = UInt32(maxLevel)
                var bad = false
                for i in 0..<n where p[i] > m { bad = true }
                if bad { throw fail("\(what) level above the maximum \(maxLevel)") }
            }
        }
    }

    private func readData(_ page: DataPage) throws {
        let n = page.numValues
        guard n <= Self.maxPageValues else { throw fail("data page declares \(n) values") }
        if n == 0 { return }
        // Repetition levels.
        if maxRep > 0 {
            try decodeLevels(page.repetitionLevels, page.repetitionLevelEncoding, maxLevel: maxRep, count: n,
                             what: "repetition")
            if slots == 0 && levelScratch[0] != 0 {
                throw fail("the first repetition level of the column chunk is \(levelScratch[0]), not 0")
            }
            repLevels.reserveCapacity(repLevels.count + n)
            var r = 0
            for i in 0..<n {
                let v = levelScratch[i]
                if v == 0 { r &+= 1 }
                repLevels.append(UInt16(truncatingIfNeeded: v))
            }
            rows &+= r
        } else {
            rows &+= n
        }
        // Definition levels.
        var valid = n
        let pos = spread ? slots : dense
        if maxDef == 1 && spread && !keepDefinitionLevels && page.definitionLevelEncoding != .bitPacked {
            // Flat nullable column: the levels are the validity bitmap.
            validity.resize(Bitmap.byteCount(bits: slots &+ n))
            valid = try page.definitionLevels.withUnsafeBytes { b in
                try ValidityBitmapDecoder.decode(b, count: n, into: validity.typed(UInt8.self), bitOffset: slots)
            }
        } else if maxDef > 0 {
            try decodeLevels(page.definitionLevels, page.definitionLevelEncoding, maxLevel: maxDef, count: n,
                             what: "definition")
            let m = UInt32(maxDef)
            valid = 0
            if spread {
                validity.resize(Bitmap.byteCount(bits: slots &+ n))
                let vb = validity.typed(UInt8.self)
                levelScratch.withUnsafeBufferPointer { s in
                    for i in 0..<n where s[i] == m {
                        let j = slots &+ i
                        vb[j >> 3] |= UInt8(1) << UInt8(j & 7)
                        valid &+= 1
                    }
                }
            } else {
                levelScratch.withUnsafeBufferPointer { s in
                    for i in 0..<n where s[i] == m { valid &+= 1 }
                }
            }
            if keepDefinitionLevels {
                defLevels.reserveCapacity(defLevels.count + n)
                for i in 0..<n { defLevels.append(UInt16(truncatingIfNeeded: levelScratch[i])) }
            }
        }
        // Values.
        let room = spread ? n : valid
        prepare(pos: pos, count: room)
        if valid > 0 {
            try page.values.withUnsafeBytes { b in
                try decodeValues(page.encoding, b, count: valid, at: pos)
            }
        }
        if spread && valid < n { spreadValues(pos: pos, valid: valid, count: n) }
        slots &+= n
        dense &+= valid
        if spread {
            finishCount(pos &+ n)
        } else {
            finishCount(pos &+ valid)
        }
    }

    /// Reserves the output buffers for a chunk of `n` level entries (its declared value
    /// count), so they are allocated once at their final size instead of grown by doubling
    /// (which copies and overshoots). Binary data is reserved at `dataBytes`, an estimate.
    func reserve(levels n: Int, dataBytes: Int = 0) {
        guard n > 0, n <= Self.maxPageValues, slots == 0 else { return }
        if maxDef > 0 && spread { validity.reserve(Bitmap.byteCount(bits: n)) }
        switch target {
        case .null: break
        case .boolean: data.reserve(Bitmap.byteCount(bits: n))
        case .fixed(let w, _): data.reserve(n &* w)
        case .binary:
            offsets.reserve((n &+ 1) &* (wideOffsets ? 8 : 4))
            // An estimate (untouched capacity never becomes resident).
            if dataBytes > 0 && dataBytes <= Int(Int32.max) { data.reserve(dataBytes) }
        case .dictionary: data.reserve(n &* 4)
        }
    }

    /// Makes room for `count` values at `pos` (left uninitialized where decoding and
    /// spreading write every slot: fixed-width values, offsets and indices).
    private func prepare(pos: Int, count: Int) {
        switch target {
        case .null: break
        case .boolean: data.resize(Bitmap.byteCount(bits: pos &+ count))
        case .fixed(let w, _): data.resizeUninitialized((pos &+ count) &* w)
        case .binary:
            offsets.resizeUninitialized((pos &+ count &+ 1) &* 4)
        case .dictionary:
            data.resizeUninitialized((pos &+ count) &* 4)
        }
    }

    private func finishCount(_ end: Int) {
        switch target {
        case .null, .binary: break
        case .boolean: data.count = Bitmap.byteCount(bits: end)
        case .fixed(let w, _): data.count = end &* w
        case .dictionary: data.count = end &* 4
        }
        if case .binary = target { offsets.count = (end &+ 1) &* 4 }
    }

    // MARK: values

    /// The `count` values of a DELTA_BYTE_ARRAY or DELTA_LENGTH_BYTE_ARRAY page body.
    private func decodeDeltaByteArrays(_ enc: ParquetEncoding, _ b: UnsafeRawBufferPointer,
                                       count: Int) throws -> ByteArrayBuffer {
        var buf = ByteArrayBuffer()
        if enc == .deltaByteArray {
            try DeltaByteArrayDecoder.decode(b, count: count, into: &buf)
        } else {
            try DeltaLengthByteArrayDecoder.decode(b, count: count, into: &buf)
        }
        return buf
    }

    private func unsupportedEncoding(_ e: ParquetEncoding) -> PFError {
        .unsupported("encoding \(e) for \(column.physicalType) values")
    }

    private func decodeValues(_ enc: ParquetEncoding, _ b: UnsafeRawBufferPointer, count: Int, at pos: Int) throws {
        switch target {
        case .null:
            return
        case .boolean:
            switch enc {
            case .plain:
                try PlainDecoder.decodeBooleanBits(b, count: count, into: data.typed(UInt8.self), bitOffset: pos)
            case .rle:
                var (d, _) = try RleBitPackedHybridDecoder.withLengthPrefix(b, bitWidth: 1)
                if indexScratch.count < count { indexScratch = [UInt32](repeating: 0, count: count) }
                try indexScratch.withUnsafeMutableBufferPointer { s in
                    guard let p = s.baseAddress else { return }
                    try d.decodeExactly(into: p, count: count)
                }
                let bits = data.typed(UInt8.self)
                for i in 0..<count {
                    let j = pos &+ i
                    if indexScratch[i] & 1 == 1 { bits[j >> 3] |= 1 << UInt8(j & 7) } else { bits[j >> 3] &= ~(1 << UInt8(j & 7)) }
                }
            default: throw unsupportedEncoding(enc)
            }
        case .fixed(let w, let conv):
            let dst = data.pointer + pos &* w
            switch enc {
            case .plain:
                if pw > 0 {
                    let (need, o) = count.multipliedReportingOverflow(by: pw)
                    guard !o, need <= b.count else {
                        throw fail("PLAIN \(column.physicalType): \(count) values need \(need) bytes, \(b.count) present")
                    }
                    Conversions.convert(conv, src: b.bytePointer, pw: pw, count: count, dst: dst)
                } else {
                    guard conv.isBigEndianDecimal else { throw unsupportedEncoding(enc) }
                    try plainByteArrays(b, count: count) { i, p, len in
                        Conversions.storeBigEndianDecimal(p, len, width: w, into: dst + i &* w)
                    }
                }
            case .plainDictionary, .rleDictionary:
                try forEachIndexBlock(b, count: count) { s, start, n in
                    gatherFixed(s, width: w, count: n, into: dst + start &* w)
                }
            case .deltaBinaryPacked:
                switch column.physicalType {
                case .int32:
                    try withScratch(bytes: count &* 4) { s in
                        var d = try DeltaBinaryPackedDecoder(b)
                        let got = try d.decode(into: s.assumingMemoryBound(to: Int32.self), count: count)
                        guard got == count else { throw fail("DELTA_BINARY_PACKED: \(got) of \(count) values") }
                        Conversions.convert(conv, src: s, pw: 4, count: count, dst: dst)
                    }
                case .int64:
                    try withScratch(bytes: count &* 8) { s in
                        var d = try DeltaBinaryPackedDecoder(b)
                        let got = try d.decode(into: s.assumingMemoryBound(to: Int64.self), count: count)
                        guard got == count else { throw fail("DELTA_BINARY_PACKED: \(got) of \(count) values") }
                        Conversions.convert(conv, src: s, pw: 8, count: count, dst: dst)
                    }
                default: throw unsupportedEncoding(enc)
                }
            case .byteStreamSplit:
                guard pw > 0 else { throw unsupportedEncoding(enc) }
                if conv == .identity {
                    try ByteStreamSplitDecoder.decode(b, count: count, width: pw, into: dst)
                } else {
                    try withScratch(bytes: count &* pw) { s in
                        try ByteStreamSplitDecoder.decode(b, count: count, width: pw, into: s)
                        Conversions.convert(conv, src: s, pw: pw, count: count, dst: dst)
                    }
                }
            case .deltaLengthByteArray, .deltaByteArray:
                guard column.physicalType == .byteArray || column.physicalType == .fixedLenByteArray else {
                    throw unsupportedEncoding(enc)
                }
                let buf = try decodeDeltaByteArrays(enc, b, count: count)
                try buf.values.withUnsafeBytes { vb in
                    for i in 0..<count {
                        let s = Int(buf.offsets[i]), e = Int(buf.offsets[i + 1])
                        let p = vb.bytePointer + s
                        if conv.isBigEndianDecimal {
                            Conversions.storeBigEndianDecimal(p, e - s, width: w, into: dst + i &* w)
                        } else {
                            guard e - s == w else { throw fail("FIXED_LEN_BYTE_ARRAY value of \(e - s) bytes, expected \(w)") }
                            (dst + i &* w).copyMemory(from: p, byteCount: w)
                        }
                    }
                }
            default: throw unsupportedEncoding(enc)
            }
        case .binary:
            switch enc {
            case .plain:
                _ = try appendPlainBinary(b, count: count, offsets: offsets, at: pos, data: data)
            case .plainDictionary, .rleDictionary:
                try forEachIndexBlock(b, count: count) { s, start, n in
                    try gatherBinary(s, count: n, at: pos &+ start)
                }
            case .deltaLengthByteArray, .deltaByteArray:
                let buf = try decodeDeltaByteArrays(enc, b, count: count)
                try appendBuffer(buf, count: count, offsets: offsets, at: pos, data: data)
            default: throw unsupportedEncoding(enc)
            }
            // Dictionary-encoded values come from the checked dictionary.
            if isUTF8 && enc != .plainDictionary && enc != .rleDictionary {
                try checkUTF8(offsets: offsets, data: data, from: pos, count: count, what: "\(enc) page")
            }
        case .dictionary:
            let idx = data.typed(Int32.self) + pos
            switch enc {
            case .plainDictionary, .rleDictionary:
                try forEachIndexBlock(b, count: count) { s, start, n in
                    for i in 0..<n { idx[start &+ i] = Int32(truncatingIfNeeded: s[i]) }
                }
            default:
                // Values not dictionary-encoded (writer fell back to PLAIN): append them to the
                // dictionary and point at them.
                if dictShared { detachDictionary() }
                let base = dictCount
                switch enc {
                case .plain:
                    _ = try appendPlainBinary(b, count: count, offsets: dictOffsets, at: base, data: dictData)
                case .deltaLengthByteArray, .deltaByteArray:
                    let buf = try decodeDeltaByteArrays(enc, b, count: count)
                    try appendBuffer(buf, count: count, offsets: dictOffsets, at: base, data: dictData)
                default: throw unsupportedEncoding(enc)
                }
                dictCount = base + count
                dictOffsets.count = (dictCount + 1) * 4
                let idx2 = data.typed(Int32.self) + pos
                for i in 0..<count { idx2[i] = Int32(truncatingIfNeeded: base + i) }
            }
        }
    }

    private func withScratch(bytes: Int, _ body: (UnsafeMutableRawPointer) throws -> Void) throws {
        if byteScratch.count < bytes + 16 { byteScratch = [UInt8](repeating: 0, count: bytes + 16) }
        try byteScratch.withUnsafeMutableBytes { s in
            guard let p = s.baseAddress else { return }
            try body(p)
        }
    }

    /// Dictionary indices decoded at a time: few enough to stay in the L1 cache while the
    /// values they select are gathered.
    static let indexBlock = 2048

    /// Decodes the `count` dictionary indices of page body `b` (each checked against the
    /// dictionary size) a block at a time, calling `body(indices, start, n)` for the `n`
    /// indices of values `start..<start + n`.
    private func forEachIndexBlock(_ b: UnsafeRawBufferPointer, count: Int,
                                   _ body: (UnsafePointer<UInt32>, Int, Int) throws -> Void) throws {
        guard hasDictionary else { throw fail("dictionary-encoded page without a dictionary page") }
        let block = min(count, Self.indexBlock)
        if indexScratch.count < block { indexScratch = [UInt32](repeating: 0, count: block) }
        var d = try RleBitPackedHybridDecoder.dictionaryIndices(b)
        let size = dictCount
        try indexScratch.withUnsafeMutableBufferPointer { s in
            guard let p = s.baseAddress else { return }
            var start = 0
            while start < count {
                let n = min(block, count &- start)
                try d.decodeIndices(into: p, count: n, dictionarySize: size)
                try body(UnsafePointer(p), start, n)
                start &+= n
            }
        }
    }

    /// Checks that the `count` (dense, non-null) strings decoded at `from` are valid UTF-8,
    /// while they are still in cache: a `utf8` column's values are then known valid (those
    /// gathered from the dictionary because its page was checked), and the final validation
    /// skips its own UTF-8 pass (``LeafChunk/utf8Validated``). Every dictionary entry must be
    /// valid, also one no data page refers to (as a dictionary-typed read checks the whole
    /// dictionary). Fast path: the whole byte range at once plus a character-boundary check
    /// per value; value by value only to name the bad one.
    private func checkUTF8(offsets: ColumnBuffer, data: ColumnBuffer, from: Int, count n: Int, what: String) throws {
        guard n > 0 else { return }
        let o = offsets.typed(Int32.self) + from
        let base = UnsafeRawPointer(data.pointer)
        let start = Int(o[0])
        if UTF8Validation.isValid(UnsafeRawBufferPointer(start: base + start, count: Int(o[n]) &- start)) {
            var ok = true
            for k in 0..<n where o[k] < o[k &+ 1] {
                if base.load(fromByteOffset: Int(o[k]), as: UInt8.self) & 0xC0 == 0x80 { ok = false; break }
            }
            if ok { return }
        }
        for k in 0..<n {
            let s = Int(o[k]), e = Int(o[k &+ 1])
            if !UTF8Validation.isValid(UnsafeRawBufferPointer(start: base + s, count: e &- s)) {
                throw fail("\(what): invalid UTF-8 in string value \(k)")
            }
        }
    }

    /// Writes the dictionary values of the `count` indices `s` to `dst`.
    private func gatherFixed(_ s: UnsafePointer<UInt32>, width w: Int, count: Int, into dst: UnsafeMutableRawPointer) {
        let src = UnsafeRawPointer(dictData.pointer)
        @inline(__always) func gather<T>(_: T.Type) {
            let d = dst.assumingMemoryBound(to: T.self), q = src.assumingMemoryBound(to: T.self)
            for i in 0..<count { d[i] = q[Int(s[i])] }
        }
        switch w {
        case 1: gather(UInt8.self)
        case 2: gather(UInt16.self)
        case 4: gather(UInt32.self)
        case 8: gather(UInt64.self)
        default:
            for i in 0..<count { (dst + i &* w).copyMemory(from: src + Int(s[i]) &* w, byteCount: w) }
        }
    }

    /// Appends the dictionary strings of the `count` indices `s` as values `pos + 1...`.
    private func gatherBinary(_ s: UnsafePointer<UInt32>, count: Int, at pos: Int) throws {
        let doff = dictOffsets.typed(Int32.self)
        var total = 0
        for i in 0..<count { let k = Int(s[i]); total &+= Int(doff[k &+ 1] &- doff[k]) }
        let op = offsets.typed(Int32.self)
        var cur = Int(op[pos])
        guard cur + total <= Int(Int32.max) else {
            throw PFError.unsupported("more than 2 GiB of string data in one column chunk")
        }
        data.reserve(total &+ Self.copySlack)
        let dp = data.pointer, sp = UnsafeRawPointer(dictData.pointer)
        let sourceEnd = dictData.capacity
        for i in 0..<count {
            let k = Int(s[i])
            let a = Int(doff[k]), len = Int(doff[k &+ 1]) &- a
            Self.copyValue(to: dp + cur, from: sp + a, count: len, readable: sourceEnd &- a)
            cur &+= len
            op[pos &+ i &+ 1] = Int32(truncatingIfNeeded: cur)
        }
        data.count = cur
    }

    /// Writable bytes reserved past the end of binary data for ``copyValue(to:from:count:readable:)``.
    static let copySlack = 32

    /// Copies one binary value of `count` bytes. Values of at most 32 bytes whose source has
    /// 32 `readable` bytes are moved as whole 8-byte words (the destination needs
    /// ``copySlack`` writable bytes past the value), avoiding a `memcpy` call per value.
    @inline(__always)
    static func copyValue(to dst: UnsafeMutableRawPointer, from src: UnsafeRawPointer, count: Int, readable: Int) {
        if count <= 16 && readable >= 16 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else if count <= 32 && readable >= 32 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 16, as: UInt64.self), toByteOffset: 16, as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 24, as: UInt64.self), toByteOffset: 24, as: UInt64.self)
        } else if count > 0 {
            dst.copyMemory(from: src, byteCount: count)
        }
    }

    /// Parses `count` PLAIN byte arrays, calling `body(i, pointer, length)`.
    private func plainByteArrays(_ b: UnsafeRawBufferPointer, count: Int,
                                 _ body: (Int, UnsafeRawPointer, Int) throws -> Void) throws {
        let p = UnsafeRawPointer(b.bytePointer)
        let n = b.count
        var at = 0
        for i in 0..<count {
            guard n &- at >= 4 else { throw fail("PLAIN BYTE_ARRAY: truncated length of value \(i)") }
            let len = Int(p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            at &+= 4
            guard len <= n &- at else { throw fail("PLAIN BYTE_ARRAY: value \(i) of \(len) bytes exceeds the page") }
            try body(i, p + at, len)
            at &+= len
        }
    }

    /// Appends `count` PLAIN byte arrays: offsets at `pos + 1...` (offsets[pos] is the start).
    private func appendPlainBinary(_ b: UnsafeRawBufferPointer, count: Int, offsets: ColumnBuffer, at pos: Int,
                                   data: ColumnBuffer) throws -> Int {
        guard count <= b.count / 4 else {
            throw fail("PLAIN BYTE_ARRAY: \(count) values cannot fit in \(b.count) bytes")
        }
        if offsets.count < (pos &+ count &+ 1) &* 4 { offsets.resize((pos &+ count &+ 1) &* 4) }
        let op = offsets.typed(Int32.self)
        var cur = Int(op[pos])
        data.reserve(b.count &- 4 &* count &+ Self.copySlack)
        let dp = data.pointer
        let p = UnsafeRawPointer(b.bytePointer)
        let n = b.count
        var at = 0
        for i in 0..<count {
            guard n &- at >= 4 else { throw fail("PLAIN BYTE_ARRAY: truncated length of value \(i)") }
            let len = Int(p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            at &+= 4
            guard len <= n &- at else { throw fail("PLAIN BYTE_ARRAY: value \(i) of \(len) bytes exceeds the page") }
            Self.copyValue(to: dp + cur, from: p + at, count: len, readable: n &- at)
            cur &+= len
            at &+= len
            op[pos &+ i &+ 1] = Int32(truncatingIfNeeded: cur)
        }
        guard cur <= Int(Int32.max) else { throw PFError.unsupported("more than 2 GiB of string data in one column chunk") }
        data.count = cur
        return at
    }

    private func appendBuffer(_ buf: ByteArrayBuffer, count: Int, offsets: ColumnBuffer, at pos: Int,
                              data: ColumnBuffer) throws {
        if offsets.count < (pos &+ count &+ 1) &* 4 { offsets.resize((pos &+ count &+ 1) &* 4) }
        let op = offsets.typed(Int32.self)
        let start = Int(op[pos])
        guard start + buf.values.count <= Int(Int32.max) else {
            throw PFError.unsupported("more than 2 GiB of string data in one column chunk")
        }
        buf.values.withUnsafeBytes { vb in data.append(vb.bytePointer, vb.count) }
        for i in 0..<count { op[pos &+ i &+ 1] = Int32(start) &+ buf.offsets[i + 1] }
    }

    // MARK: spreading

    private func spreadValues(pos: Int, valid: Int, count n: Int) {
        let vb = UnsafeRawPointer(validity.pointer)
        switch target {
        case .null: return
        case .boolean:
            let bits = data.pointer
            var src = pos &+ valid &- 1
            var i = pos &+ n &- 1
            while i >= pos && src != i {
                if Bitmap.get(vb, i) {
                    Bitmap.set(bits, i, Bitmap.get(UnsafeRawPointer(bits), src))
                    src &-= 1
                } else {
                    Bitmap.set(bits, i, false)
                }
                i &-= 1
            }
        case .fixed(let w, _):
            spreadFixed(pos: pos, valid: valid, count: n, width: w, vb: vb)
        case .dictionary:
            spreadFixed(pos: pos, valid: valid, count: n, width: 4, vb: vb)
        case .binary:
            let op = offsets.typed(Int32.self)
            var cnt = valid
            var i = n
            while i > 0 {
                op[pos &+ i] = op[pos &+ cnt]
                if Bitmap.get(vb, pos &+ i &- 1) { cnt &-= 1 }
                i &-= 1
            }
        }
    }

    private func spreadFixed(pos: Int, valid: Int, count n: Int, width w: Int, vb: UnsafeRawPointer) {
        let d = data.pointer
        var src = pos &+ valid &- 1
        var i = pos &+ n &- 1
        func move<T>(_ t: T.Type) {
            let p = d.assumingMemoryBound(to: T.self)
            let z = UnsafeMutableRawPointer(p)
            while i >= pos && src != i {
                if Bitmap.get(vb, i) { p[i] = p[src]; src &-= 1 } else { memset(z + i &* w, 0, w) }
                i &-= 1
            }
        }
        switch w {
        case 1: move(UInt8.self)
        case 2: move(UInt16.self)
        case 4: move(UInt32.self)
        case 8: move(UInt64.self)
        default:
            while i >= pos && src != i {
                if Bitmap.get(vb, i) { memmove(d + i &* w, d + src &* w, w); src &-= 1 } else { memset(d + i &* w, 0, w) }
                i &-= 1
            }
        }
    }

    // MARK: result

    /// Rows decoded and not yet drained (level entries with repetition level 0).
    var bufferedRows: Int { rows }

    /// Copies the dictionary buffers so appends cannot move memory already handed out.
    private func detachDictionary() {
        let d = ColumnBuffer(capacity: dictData.count), o = ColumnBuffer(capacity: dictOffsets.count)
        d.append(UnsafeRawPointer(dictData.pointer), dictData.count)
        o.append(UnsafeRawPointer(dictOffsets.pointer), dictOffsets.count)
        dictData = d
        dictOffsets = o
        dictShared = false
    }

    /// The values decoded so far (as `finish()`), then starts over with empty output buffers,
    /// keeping the dictionary: the streaming reader drains a few pages at a time.
    func drain() throws -> LeafChunk {
        let chunk = try finish()
        if case .dictionary = target { dictShared = true }
        slots = 0
        dense = 0
        rows = 0
        validity = ColumnBuffer()
        data = ColumnBuffer()
        offsets = ColumnBuffer()
        offsets.append(Int32(0))
        defLevels = []
        repLevels = []
        return chunk
    }

    /// Rewrites the first `k` 32-bit offsets as 64-bit offsets in the same buffer, from the
    /// last to the first: entry i is written at bytes 8i..<8i+8, over 32-bit entries 2i and
    /// 2i + 1, which (for i >= 1) are at or after i and so already read.
    private func widenOffsets(_ k: Int) {
        offsets.resizeUninitialized(k &* 8)
        let p = offsets.pointer
        var i = k &- 1
        while i >= 0 {
            let v = p.load(fromByteOffset: i &* 4, as: Int32.self)
            p.storeBytes(of: Int64(v), toByteOffset: i &* 8, as: Int64.self)
            i &-= 1
        }
    }

    func finish() throws -> LeafChunk {
        let length = spread ? slots : dense
        let nulls = spread ? slots &- dense : 0
        let valid: Buffer? = (spread && nulls > 0) ? { validity.resize(Bitmap.byteCount(bits: slots)); return validity.finish() }() : nil
        let values: ArrayData
        switch target {
        case .null:
            values = ArrayData(unchecked: .null, length: length, nullCount: length, buffers: [])
        case .boolean, .fixed:
            values = ArrayData(unchecked: type, length: length, nullCount: nulls, buffers: [valid, data.finish()])
        case .binary:
            offsets.count = (length + 1) * 4
            if wideOffsets { widenOffsets(length + 1) }
            values = ArrayData(unchecked: type, length: length, nullCount: nulls,
                               buffers: [valid, offsets.finish(), data.finish()])
        case .dictionary:
            guard case .dictionary(_, let vt, _) = type else { throw PFError.internalError("dictionary target") }
            dictOffsets.count = (dictCount + 1) * 4
            let dict = ArrayData(unchecked: vt, length: dictCount, nullCount: 0,
                                 buffers: [nil, dictOffsets.finish(), dictData.finish()])
            values = ArrayData(unchecked: type, length: length, nullCount: nulls, buffers: [valid, data.finish()],
                               dictionary: dict)
        }
        return LeafChunk(column: column, levelCount: slots, definitionLevels: defLevels, repetitionLevels: repLevels,
                         values: values, rowCount: rows, isSpread: spread,
                         utf8Validated: isUTF8)
    }
}
