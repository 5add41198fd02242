import Testing
import PFColumnar
import PFFormats
import PFTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Serial reference: the records of the same text parsed as one block.
private func singleBlock(_ bytes: [UInt8], _ o: CSVReadOptions) throws -> Table {
    var s = o
    s.blockSize = 1 << 30
    return try CSVReader.read(bytes: bytes, options: s)
}

@Suite(.serialized) struct CSVParallelTests {
    /// Quoted fields with newlines, CRLF and doubled quotes; every block size from 1
    /// byte up, so each byte position is a block edge at least once.
    @Test func everySplitPointMatchesSerialParse() throws {
        let text = "id,text,n\r\n1,\"a\nb\",2\r\n2,\"x,\"\"y\"\"\r\nz\",3\n3,plain,4\r4,\"\n\n\",5\n5,\"\"\"\",6\n"
        let bytes = Array(text.utf8)
        let reference = try singleBlock(bytes, CSVReadOptions())
        #expect(reference.numRows == 5)
        #expect(csvColumnStrings(reference, 1) == ["a\nb", "x,\"y\"\r\nz", "plain", "\n\n", "\""])
        for threads in [1, 4] {
            try ThreadPool.shared.resize(to: threads)
            for bs in 1...bytes.count + 1 {
                var o = CSVReadOptions()
                o.blockSize = bs
                let t = try CSVReader.read(bytes: bytes, options: o)
                #expect(t.equals(reference), "block size \(bs), threads \(threads)")
            }
        }
        try ThreadPool.shared.resize(to: 0)
    }

    /// Inference promotion: the sample (first 1 000 rows) says int, row 50 000 has a
    /// float; a later block says utf8 for another column.
    @Test func inferencePromotesAcrossBlocks() throws {
        var s = "a,b,c\n"
        for i in 0..<60_000 {
            let a = i == 50_000 ? "2.5" : String(i)
            let b = i == 59_999 ? "hello" : String(i % 7)
            let c = i % 3 == 0 ? "" : "2020-01-0\(i % 9 + 1)"
            s += "\(a),\(b),\(c)\n"
        }
        var o = CSVReadOptions()
        o.blockSize = 64 << 10
        let t = try CSVReader.read(text: s, options: o)
        #expect(t.batches.count > 4)
        #expect(t.schema.fields.map(\.type) == [.float64, .utf8, .date32])
        let a = csvColumnStrings(t, 0)
        #expect(a[50_000] == "2.5" && a[49_999] == "49999.0")
        #expect(csvColumnStrings(t, 1)[59_999] == "hello")
    }

    @Test func oneVersusFourThreadsIdentical() throws {
        var rng = SplitMix64(seed: 7)
        var s = "k,v,w,s\n"
        for i in 0..<40_000 {
            let r = rng.next()
            let quoted = r % 11 == 0 ? "\"multi\nline \(i)\"" : "s\(r % 1000)"
            s += "\(i),\(Double(r % 100_000) / 8),\(r % 5 == 0 ? "" : "true"),\(quoted)\n"
        }
        var o = CSVReadOptions()
        o.blockSize = 16 << 10
        try ThreadPool.shared.resize(to: 1)
        let one = try CSVReader.read(text: s, options: o)
        try ThreadPool.shared.resize(to: 4)
        let four = try CSVReader.read(text: s, options: o)
        try ThreadPool.shared.resize(to: 0)
        #expect(one.numRows == 40_000)
        #expect(one.equals(four))
        #expect(one.batches.count == four.batches.count)
        #expect(one.equals(try singleBlock(Array(s.utf8), o)))
    }

    @Test func streamingMatchesWholeFileRead() throws {
        var s = "a,b,c\n"
        for i in 0..<10_000 { s += "\(i),\"q\n\(i % 13)\",\(Double(i) / 4)\n" }
        let path = "/tmp/pf-csv-stream-\(getpid()).csv"
        defer { unlink(path) }
        try writeFile(path, s)
        var o = CSVReadOptions()
        o.batchSize = 777
        o.blockSize = 1 << 16      // small window: records cross window edges
        let r = try CSVBatchReader(path: path, options: o)
        var batches: [RecordBatch] = []
        while let b = try r.next() {
            #expect(b.numRows <= 777)
            batches.append(b)
        }
        #expect(batches.count == (10_000 + 776) / 777)
        let streamed = try Table(schema: r.schema!, batches: batches)
        #expect(streamed.equals(try CSVReader.read(path: path)))
    }

    @Test func streamingTypeFixedFromFirstBatchErrorsClearly() throws {
        var s = "a\n"
        for i in 0..<100 { s += "\(i)\n" }
        s += "x\n"
        let path = "/tmp/pf-csv-stream2-\(getpid()).csv"
        defer { unlink(path) }
        try writeFile(path, s)
        var o = CSVReadOptions()
        o.batchSize = 50
        let r = try CSVBatchReader(path: path, options: o)
        _ = try r.next(); _ = try r.next()
        #expect {
            _ = try r.next()
        } throws: { e in "\(e)".contains("inferred as i64") && "\(e)".contains("row 101") }
    }
}

func writeFile(_ path: String, _ text: String) throws {
    guard let f = fopen(path, "wb") else { throw PFError.io("cannot write \(path)") }
    defer { fclose(f) }
    var t = text
    t.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, f) }
}
