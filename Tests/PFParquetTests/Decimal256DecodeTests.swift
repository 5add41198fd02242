import PFColumnar
@testable import PFParquet
import Testing

/// BYTE_ARRAY decimals above 38 digits (pyarrow cannot write them; the pytest suite covers
/// FIXED_LEN_BYTE_ARRAY) decode into decimal256, PLAIN and dictionary-encoded.
@Suite("decimal256 leaf decoding")
struct Decimal256DecodeTests {
    /// Big-endian two's complement encodings (minimal, except one sign-extended to 33 bytes)
    /// with their values as decimal text, computed independently (Python int.to_bytes).
    static let cases: [(hex: String, text: String)] = [
        ("7b", "123"),
        ("85", "-123"),
        ("0fee50b7025c36a0802f236d04753d5b48e7ffffffffffffff", String(repeating: "9", count: 59)),
        ("fffffffffffffffff011af48fda3c95f7fd0dc92fb8ac2a4b71800000000000001", "-" + String(repeating: "9", count: 59)),
        ("ff00000000000000000000000000000000000000000000000000",
         "-1606938044258990275541962092341162602522202993782792835301376"),
    ]

    static func bytes(_ hex: String) -> [UInt8] {
        let u = Array(hex.utf8)
        return stride(from: 0, to: u.count, by: 2).map { UInt8(String(decoding: u[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// PLAIN BYTE_ARRAY encoding of the cases.
    static func plainValues() -> [UInt8] {
        var out: [UInt8] = []
        for c in cases {
            let b = bytes(c.hex)
            withUnsafeBytes(of: UInt32(b.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: b)
        }
        return out
    }

    static func column() -> ColumnDescriptor {
        var e = SchemaElement(name: "d")
        e.type = .byteArray
        e.repetitionType = .optional
        e.logicalType = .decimal(scale: 5, precision: 60)
        e.scale = 5
        e.precision = 60
        return ColumnDescriptor(leafIndex: 0, schemaIndex: 1, path: ["d"], element: e, physicalType: .byteArray,
                                typeLength: 0, maxDefinitionLevel: 1, maxRepetitionLevel: 0)
    }

    static func dataPage(encoding: ParquetEncoding, values: [UInt8]) -> DataPage {
        // Definition levels 1 1 0 1 1 1: one bit-packed group (header 0x03), bits LSB first.
        DataPage(version: 1, header: PageHeader(), numValues: 6, numNulls: nil, numRows: nil, encoding: encoding,
                 definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle,
                 repetitionLevels: PageBody(owned: []), definitionLevels: PageBody(owned: [0x03, 0x3B]),
                 values: PageBody(owned: values), statistics: nil, fileOffset: 0)
    }

    /// Checks slots 0, 1, 3, 4, 5 hold `order` (indices into `cases`) and slot 2 is null.
    static func check(_ a: ArrayData, order: [Int]) {
        #expect(a.type == .decimal256(precision: 60, scale: 5))
        #expect(a.length == 6 && a.nullCount == 1)
        #expect(a.scalar(at: 2).isNull)
        for (slot, k) in zip([0, 1, 3, 4, 5], order) {
            #expect(a.scalar(at: slot) == .decimal256(Int256(cases[k].text)!), "slot \(slot)")
        }
    }

    @Test func schemaMapsToDecimal256() throws {
        #expect(try ParquetToArrowSchema.leafType(Self.column()) == .decimal256(precision: 60, scale: 5))
        var e = Self.column().element
        e.logicalType = .decimal(scale: 0, precision: 77)
        #expect(throws: PFError.self) { _ = try ParquetToArrowSchema.leafType(e, name: "d") }
    }

    @Test func plainByteArray() throws {
        let d = try LeafChunkDecoder(column: Self.column(), type: .decimal256(precision: 60, scale: 5),
                                     keepDefinitionLevels: false)
        try d.consume(.data(Self.dataPage(encoding: .plain, values: Self.plainValues())))
        Self.check(try d.finish().values, order: [0, 1, 2, 3, 4])
    }

    @Test func dictionaryByteArray() throws {
        let d = try LeafChunkDecoder(column: Self.column(), type: .decimal256(precision: 60, scale: 5),
                                     keepDefinitionLevels: false)
        let dict = DictionaryPage(header: PageHeader(), numValues: Self.cases.count, encoding: .plain, isSorted: false,
                                  values: PageBody(owned: Self.plainValues()), fileOffset: 0)
        try d.consume(.dictionary(dict))
        // Bit width 3, one bit-packed group of 8 indices 4 0 1 2 3 (then padding), LSB first.
        var bits: UInt32 = 0
        for (i, k) in [4, 0, 1, 2, 3].enumerated() { bits |= UInt32(k) << UInt32(3 * i) }
        let values: [UInt8] = [3, 0x03, UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF)]
        try d.consume(.data(Self.dataPage(encoding: .rleDictionary, values: values)))
        Self.check(try d.finish().values, order: [4, 0, 1, 2, 3])
    }

    @Test func truncatedValueIsAnError() throws {
        let d = try LeafChunkDecoder(column: Self.column(), type: .decimal256(precision: 60, scale: 5),
                                     keepDefinitionLevels: false)
        let v = Array(Self.plainValues().dropLast())
        #expect(throws: PFError.self) { try d.consume(.data(Self.dataPage(encoding: .plain, values: v))) }
    }
}
