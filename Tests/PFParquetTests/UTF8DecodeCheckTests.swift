import PFColumnar
@testable import PFParquet
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The decoder checks the UTF-8 of a string column's pages (and of its dictionary page, once)
/// as it reads them; ill-formed UTF-8 is a format error, also in a dictionary entry that no
/// data page refers to (the whole dictionary is checked, as for a dictionary-typed read).
@Suite("UTF-8 checks while decoding string columns")
struct UTF8DecodeCheckTests {
    static func column() -> ColumnDescriptor {
        var e = SchemaElement(name: "s")
        e.type = .byteArray
        e.repetitionType = .optional
        e.logicalType = .string
        e.convertedType = .utf8
        return ColumnDescriptor(leafIndex: 0, schemaIndex: 1, path: ["s"], element: e, physicalType: .byteArray,
                                typeLength: 0, maxDefinitionLevel: 1, maxRepetitionLevel: 0)
    }

    /// PLAIN BYTE_ARRAY encoding of `values`.
    static func plain(_ values: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for v in values {
            withUnsafeBytes(of: UInt32(v.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: v)
        }
        return out
    }

    /// A v1 data page of 3 slots, all defined (one bit-packed group, header 0x03, bits 111).
    static func dataPage(_ encoding: ParquetEncoding, _ values: [UInt8]) -> DataPage {
        DataPage(version: 1, header: PageHeader(), numValues: 3, numNulls: nil, numRows: nil, encoding: encoding,
                 definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle,
                 repetitionLevels: PageBody(owned: []), definitionLevels: PageBody(owned: [0x03, 0x07]),
                 values: PageBody(owned: values), statistics: nil, fileOffset: 0)
    }

    static func dictionary(_ values: [[UInt8]]) -> ParquetPage {
        .dictionary(DictionaryPage(header: PageHeader(), numValues: values.count, encoding: .plain, isSorted: false,
                                   values: PageBody(owned: plain(values)), fileOffset: 0))
    }

    /// RLE_DICTIONARY indices 0 1 0 with bit width 1 (one bit-packed group).
    static let indices010: [UInt8] = [1, 0x03, 0b010]

    static let good: [[UInt8]] = [Array("héllo".utf8), Array("€uro".utf8)]
    /// A lone continuation byte, a truncated 2-byte sequence, an overlong "/" and a surrogate.
    static let bad: [[UInt8]] = [[0x80], [0x61, 0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80]]

    static func decoder() throws -> LeafChunkDecoder {
        try LeafChunkDecoder(column: column(), type: .utf8, keepDefinitionLevels: false)
    }

    @Test func validDictionaryValuesAreCheckedOnce() throws {
        let d = try Self.decoder()
        try d.consume(Self.dictionary(Self.good))
        try d.consume(.data(Self.dataPage(.rleDictionary, Self.indices010)))
        let chunk = try d.finish()
        #expect(chunk.utf8Validated)
        #expect(chunk.values.scalar(at: 0) == .string("héllo"))
        #expect(chunk.values.scalar(at: 1) == .string("€uro"))
        #expect(chunk.values.scalar(at: 2) == .string("héllo"))
    }

    @Test func invalidDictionaryEntryFailsEvenWhenUnreferenced() throws {
        for b in Self.bad {
            let d = try Self.decoder()
            // Entry 2 is never referenced by the indices 0 1 0.
            #expect(throws: PFError.self) { try d.consume(Self.dictionary(Self.good + [b])) }
        }
    }

    @Test func invalidPlainValueFails() throws {
        for b in Self.bad {
            let d = try Self.decoder()
            #expect(throws: PFError.self) {
                try d.consume(.data(Self.dataPage(.plain, Self.plain([Self.good[0], b, Self.good[1]]))))
            }
        }
        // A value starting inside a character: the page's bytes are valid as a whole.
        let e = Array("é".utf8)
        let d = try Self.decoder()
        #expect(throws: PFError.self) {
            try d.consume(.data(Self.dataPage(.plain, Self.plain([[e[0]], [e[1]], Self.good[0]]))))
        }
    }

    @Test func binaryColumnsAreNotChecked() throws {
        let d = try LeafChunkDecoder(column: Self.column(), type: .binary, keepDefinitionLevels: false)
        try d.consume(Self.dictionary([[0xFF], [0x80]]))
        try d.consume(.data(Self.dataPage(.rleDictionary, Self.indices010)))
        let chunk = try d.finish()
        #expect(!chunk.utf8Validated)
        #expect(chunk.values.scalar(at: 1) == .binary([0x80]))
    }

    /// End to end: a file whose utf8 column holds ill-formed bytes fails to read with a
    /// format error, dictionary-encoded or PLAIN.
    @Test func fileWithInvalidStringFails() throws {
        var template = Array("/tmp/pf-utf8check-XXXXXX".utf8CString)
        let dir = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        let raw = try ArrayData.make(.binary, [.binary(Self.good[0]), .binary([0x61, 0xC3]), .null, .binary(Self.good[1])])
        let strings = try raw.withType(.utf8)
        let table = Table(try RecordBatch(schema: Schema([Field("s", .utf8, nullable: true)]), columns: [strings]))
        for dictionary in [true, false] {
            let path = dir + "/bad-\(dictionary).parquet"
            var o = ParquetWriteOptions()
            o.useDictionary = dictionary
            try ParquetWriter.write(table, to: path, options: o)
            let reader = try ParquetReader(path: path)
            do {
                _ = try reader.read()
                Issue.record("invalid UTF-8 read without error (dictionary: \(dictionary))")
            } catch let e as PFError {
                guard case .format = e else { Issue.record("expected a format error, got \(e)"); continue }
            }
            unlink(path)
        }
        rmdir(dir)
    }
}
