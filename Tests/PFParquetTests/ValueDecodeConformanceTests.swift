import PFColumnar
@testable import PFParquet
import Testing

/// Decodes levels and values of one data page with the Encoding/ decoders; returns the
/// number of non-null values decoded.
func decodePage(_ page: DataPage, column c: ColumnDescriptor, dictionarySize: Int?) throws -> Int {
    let n = page.numValues
    var levels = [UInt32](repeating: 0, count: n)
    func decodeLevels(_ body: PageBody, _ maxLevel: Int, _ enc: ParquetEncoding) throws {
        if maxLevel == 0 { levels.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }; return }
        let w = ColumnChunkPageReader.bitWidth(maxLevel)
        try body.withUnsafeBytes { b in
            try levels.withUnsafeMutableBufferPointer { out in
                guard let p = out.baseAddress else { return }
                if enc == .bitPacked {
                    try BitPackedLevelDecoder.decode(b, bitWidth: w, count: n, into: p)
                } else {
                    var d = try RleBitPackedHybridDecoder(b, bitWidth: w)
                    try d.decodeExactly(into: p, count: n)
                }
            }
        }
        for l in levels where l > UInt32(maxLevel) { throw PFError.format("level \(l) above max \(maxLevel)") }
    }
    try decodeLevels(page.repetitionLevels, c.maxRepetitionLevel, page.repetitionLevelEncoding)
    try decodeLevels(page.definitionLevels, c.maxDefinitionLevel, page.definitionLevelEncoding)
    let nonNull = c.maxDefinitionLevel == 0 ? n : levels.filter { $0 == UInt32(c.maxDefinitionLevel) }.count
    try page.values.withUnsafeBytes { v in
        switch page.encoding {
        case .plainDictionary, .rleDictionary:
            guard let ds = dictionarySize else { throw PFError.format("dictionary-encoded page without dictionary") }
            var idx = [UInt32](repeating: 0, count: nonNull)
            if nonNull == 0 { return }
            var d = try RleBitPackedHybridDecoder.dictionaryIndices(v)
            try idx.withUnsafeMutableBufferPointer { try d.decodeIndices(into: $0.baseAddress!, count: nonNull, dictionarySize: ds) }
        case .plain:
            switch c.physicalType {
            case .boolean:
                var o = [Bool](repeating: false, count: nonNull)
                _ = try o.withUnsafeMutableBufferPointer { try PlainDecoder.decodeBoolean(v, count: nonNull, into: $0.baseAddress!) }
            case .byteArray:
                var o = ByteArrayBuffer()
                try PlainDecoder.decodeByteArray(v, count: nonNull, into: &o)
            default:
                let width: Int
                switch c.physicalType {
                case .int32, .float: width = 4
                case .int64, .double: width = 8
                case .int96: width = 12
                default: width = c.typeLength
                }
                var o = [UInt8](repeating: 0, count: nonNull * width)
                _ = try o.withUnsafeMutableBytes {
                    try PlainDecoder.decodeFixedLenByteArray(v, count: nonNull, width: width, into: $0.baseAddress!)
                }
            }
        case .deltaBinaryPacked:
            var d = try DeltaBinaryPackedDecoder(v)
            var o = [Int64](repeating: 0, count: nonNull)
            let got = try o.withUnsafeMutableBufferPointer { try d.decode(into: $0.baseAddress!, count: nonNull) }
            guard got == nonNull else { throw PFError.format("delta: \(got) of \(nonNull)") }
        case .deltaLengthByteArray:
            var o = ByteArrayBuffer()
            try DeltaLengthByteArrayDecoder.decode(v, count: nonNull, into: &o)
        case .deltaByteArray:
            var o = ByteArrayBuffer()
            try DeltaByteArrayDecoder.decode(v, count: nonNull, into: &o)
        case .byteStreamSplit:
            let width = [.int32, .float].contains(c.physicalType) ? 4 : ([.int64, .double].contains(c.physicalType) ? 8 : c.typeLength)
            var o = [UInt8](repeating: 0, count: max(1, nonNull * width))
            try o.withUnsafeMutableBytes { try ByteStreamSplitDecoder.decode(v, count: nonNull, width: width, into: $0.baseAddress!) }
        case .rle where c.physicalType == .boolean:
            // RLE booleans: 4-byte length prefix then hybrid of width 1.
            var (d, _) = try RleBitPackedHybridDecoder.withLengthPrefix(v, bitWidth: 1)
            var o = [UInt32](repeating: 0, count: nonNull)
            try o.withUnsafeMutableBufferPointer { try d.decodeExactly(into: $0.baseAddress!, count: nonNull) }
        default:
            throw PFError.unsupported("encoding \(page.encoding)")
        }
    }
    return nonNull
}

@Suite("Value decoding over the Parquet corpus")
struct ValueDecodeConformanceTests {
    @Test func decodeEveryPageOfReadableFiles() throws {
        guard let entries = ParquetCorpus.manifest() else { return }
        var tally = Tally()
        var encodings: [String: Int] = [:]
        for e in entries where e.pyarrowReadable == "yes" && e.category != "encrypted" {
            guard let f = try? ParquetFile(path: ParquetCorpus.absolutePath(e)) else { continue }
            do {
                for g in 0..<f.metadata.numRowGroups {
                    for ci in 0..<f.metadata.columns.count {
                        let col = f.metadata.columns[ci]
                        var r = try f.pageReader(rowGroup: g, column: ci)
                        var dictSize: Int?
                        while let p = try r.next() {
                            switch p {
                            case .dictionary(let d):
                                var o = ByteArrayBuffer()
                                if col.physicalType == .byteArray {
                                    try d.values.withUnsafeBytes { _ = try PlainDecoder.decodeByteArray($0, count: d.numValues, into: &o) }
                                }
                                dictSize = d.numValues
                            case .data(let d):
                                encodings["\(d.encoding)", default: 0] += 1
                                _ = try decodePage(d, column: col, dictionarySize: dictSize)
                            }
                        }
                    }
                }
                tally.add(e.category, "decoded")
            } catch {
                Issue.record("\(e.path): \(error)")
                tally.add(e.category, "FAILED")
            }
        }
        tally.report("value decoding (pyarrow-readable files)")
        print("data pages by encoding: \(encodings.sorted { $0.key < $1.key })")
        for enc in ["PLAIN", "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY",
                    "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT"] {
            #expect((encodings[enc] ?? 0) > 0, "no \(enc) page decoded")
        }
    }
}
