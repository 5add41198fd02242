import PFColumnar
@testable import PFParquet
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Unit tests of level handling and nested reassembly on hand-built leaf chunks.
@Suite struct ReaderAssemblyTests {
    func column(_ name: String, def: Int, rep: Int) -> ColumnDescriptor {
        var e = SchemaElement(name: name)
        e.type = .int32
        e.repetitionType = .optional
        return ColumnDescriptor(leafIndex: 0, schemaIndex: 1, path: [name], element: e, physicalType: .int32,
                                typeLength: 0, maxDefinitionLevel: def, maxRepetitionLevel: rep)
    }

    func int32s(_ v: [Int32]) -> ArrayData {
        ArrayData(unchecked: .int32, length: v.count, nullCount: 0, buffers: [nil, Buffer.from(v)])
    }

    /// optional group a (LIST) { repeated group list { optional int32 element } }:
    /// rows [1, null, 2], null, [], [3]
    @Test func listOfNullableInts() throws {
        let item = Field("element", .int32)
        let leafNode = ArrowColumnNode(kind: .leaf(column: 0), field: item, definitionLevel: 3, elementDefinitionLevel: 3,
                                       repetitionLevel: 1, children: [], leaves: [0])
        let list = ArrowColumnNode(kind: .list, field: Field("a", .list(item)), definitionLevel: 1,
                                   elementDefinitionLevel: 2, repetitionLevel: 1, children: [leafNode], leaves: [0])
        let chunk = LeafChunk(column: column("a", def: 3, rep: 1), levelCount: 6,
                              definitionLevels: [3, 2, 3, 0, 1, 3], repetitionLevels: [0, 1, 1, 0, 0, 0],
                              values: int32s([1, 2, 3]), rowCount: 4, isSpread: false)
        let a = try ParquetToArrowAssembly.build(list, leaves: [0: chunk])
        try a.validate()
        #expect(a.length == 4)
        #expect(a.scalar(at: 0) == .list([.int(1), .null, .int(2)]))
        #expect(a.scalar(at: 1) == .null)
        #expect(a.scalar(at: 2) == .list([]))
        #expect(a.scalar(at: 3) == .list([.int(3)]))
    }

    /// Nested lists: [[1, 2], []], [[3]]
    @Test func listOfLists() throws {
        let item = Field("element", .int32, nullable: false)
        let leafNode = ArrowColumnNode(kind: .leaf(column: 0), field: item, definitionLevel: 2, elementDefinitionLevel: 2,
                                       repetitionLevel: 2, children: [], leaves: [0])
        let inner = ArrowColumnNode(kind: .list, field: Field("element", .list(item), nullable: false), definitionLevel: 1,
                                    elementDefinitionLevel: 2, repetitionLevel: 2, children: [leafNode], leaves: [0])
        let outer = ArrowColumnNode(kind: .list, field: Field("a", .list(inner.field), nullable: false), definitionLevel: 0,
                                    elementDefinitionLevel: 1, repetitionLevel: 1, children: [inner], leaves: [0])
        let chunk = LeafChunk(column: column("a", def: 2, rep: 2), levelCount: 4,
                              definitionLevels: [2, 2, 1, 2], repetitionLevels: [0, 2, 1, 0],
                              values: int32s([1, 2, 3]), rowCount: 2, isSpread: false)
        let a = try ParquetToArrowAssembly.build(outer, leaves: [0: chunk])
        try a.validate()
        #expect(a.scalar(at: 0) == .list([.list([.int(1), .int(2)]), .list([])]))
        #expect(a.scalar(at: 1) == .list([.list([.int(3)])]))
    }

    /// Levels above the maximum are a format error, not a trap.
    @Test func malformedLevelsThrow() throws {
        let item = Field("element", .int32)
        let leafNode = ArrowColumnNode(kind: .leaf(column: 0), field: item, definitionLevel: 3, elementDefinitionLevel: 3,
                                       repetitionLevel: 1, children: [], leaves: [0])
        let list = ArrowColumnNode(kind: .list, field: Field("a", .list(item)), definitionLevel: 1,
                                   elementDefinitionLevel: 2, repetitionLevel: 1, children: [leafNode], leaves: [0])
        // Two values decoded but the levels place three.
        let chunk = LeafChunk(column: column("a", def: 3, rep: 1), levelCount: 3,
                              definitionLevels: [3, 3, 3], repetitionLevels: [0, 1, 1],
                              values: int32s([1, 2]), rowCount: 1, isSpread: false)
        #expect(throws: PFError.self) { try ParquetToArrowAssembly.build(list, leaves: [0: chunk]) }
    }

    @Test func filterParsingAndMask() throws {
        let req = try ParquetReadRequest(json: #"{"filters": [[["x", ">=", 2], ["x", "in", [2, 3, 9]]]]}"#)
        let f = try #require(req.filter)
        let x = int32s([1, 2, 3, 4])
        let m = try f.mask({ _ in x }, rows: 4)
        #expect(m == [false, true, true, false])
        let t = try ArrayTake.filter(x, m)
        #expect(t.length == 2 && t.scalar(at: 0) == .int(2))
        // Statistics: [5, 7] cannot contain x >= 8.
        let skip = ParquetFilter.dnf([[("x", .ge, [.int(8)])]])
        #expect(!skip.mayMatch { _ in (min: .int(5), max: .int(7), nulls: 0, count: 10) })
        #expect(skip.mayMatch { _ in (min: .int(5), max: .int(9), nulls: 0, count: 10) })
    }

    @Test func jsonEscaping() {
        let v = ParquetJSONValue.object([("a\"b", .string("x\n\u{1}y")), ("n", .array([.int(1), .null, .bool(true)]))])
        #expect(v.text == #"{"a\"b":"x\n\u0001y","n":[1,null,true]}"#)
    }
}

/// Reads every corpus file: valid ones without error, malformed ones with a clean error,
/// encrypted ones with `.unsupported`.
@Suite struct ReaderCorpusTests {
    static var heavy: Bool { getenv("PF_HEAVY").map { String(cString: $0) == "1" } ?? false }

    @Test func readWholeCorpus() throws {
        guard let entries = ParquetCorpus.manifest() else { return }
        var tally = Tally()
        for e in entries where e.category != "aux" {
            if e.fileName == "large_string_map.brotli.parquet" && !Self.heavy { continue }
            let path = ParquetCorpus.absolutePath(e)
            do {
                let reader = try ParquetReader(path: path)
                let t = try reader.read()
                try t.validate()
                switch e.category {
                case "valid", "quirk":
                    tally.add(e.category, "read")
                case "encrypted":
                    Issue.record("\(e.path): encrypted file read without error")
                default:
                    tally.add(e.category, "read")
                }
                if e.category == "corrupt-crc" {
                    #expect(throws: PFError.self) { try reader.read(options: ParquetReadOptions(verifyChecksums: true)) }
                }
                if e.category == "valid", e.pyarrowReadable == "yes", let n = e.numRows, n != Int64(t.numRows) {
                    Issue.record("\(e.path): \(t.numRows) rows, manifest says \(n)")
                }
            } catch let err as PFError {
                switch (e.category, err) {
                case ("encrypted", .unsupported):
                    tally.add(e.category, "unsupported")
                case ("valid", _) where e.pyarrowReadable == "yes", ("quirk", _) where e.pyarrowReadable == "yes":
                    Issue.record("\(e.path): \(err)")
                    tally.add(e.category, "FAILED")
                case (_, .format), (_, .unsupported), (_, .io):
                    tally.add(e.category, "clean error")
                default:
                    Issue.record("\(e.path): unexpected \(err)")
                }
            }
        }
        tally.report("ParquetReader over the corpus")
    }

    @Test func resultsIndependentOfThreadsAndBatches() throws {
        guard let entries = ParquetCorpus.manifest(),
              let e = entries.first(where: { $0.fileName == "alltypes_plain.parquet" }) else { return }
        let reader = try ParquetReader(path: ParquetCorpus.absolutePath(e))
        let a = try reader.read()
        let b = try reader.read(options: ParquetReadOptions(parallel: false))
        #expect(a.equals(b))
        let it = try reader.batches(batchSize: 3)
        var batches: [RecordBatch] = []
        while let x = try it.next() { batches.append(x) }
        #expect(batches.allSatisfy { $0.numRows <= 3 })
        #expect(try Table(schema: a.schema, batches: batches).equals(a))
        let p = try reader.read(columns: ["id"], filter: .dnf([[("id", .ge, [.int(4)])]]))
        #expect(p.numColumns == 1)
        #expect(p.numRows == 4)
    }
}
