import PFColumnar
@testable import PFParquet
import PFTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("ARROW:schema codec")
struct ArrowIPCSchemaTests {
    /// Fixtures made by Tests/PFParquetTests/Resources/arrow-schema/make_fixtures.py (pyarrow 26).
    static let fixtureDir: String = {
        let file = #filePath
        let dir = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return String(dir) + "/Resources/arrow-schema"
    }()

    static func readText(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func base64RoundTrip() throws {
        var rng = SplitMix64(seed: 5)
        for n in 0..<70 {
            let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(try Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(throws: PFError.self) { _ = try Base64.decode("Zm9v!mFy") }
    }

    @Test func roundTripAllTypes() throws {
        var fields: [Field] = []
        for (i, t) in RandomArrays.allTypes.enumerated() {
            fields.append(Field("f\(i)", t, nullable: i % 3 != 0, metadata: i == 4 ? ["k": "v"] : [:]))
        }
        let schema = Schema(fields, metadata: ["pandas": "{}", "x": "é"])
        let text = ArrowIPCSchema.encode(schema)
        let back = try ArrowIPCSchema.decode(text)
        #expect(back == schema)
    }

    @Test func decodesPyarrowFixtures() throws {
        guard let list = Self.readText(Self.fixtureDir + "/fixtures.tsv") else {
            Issue.record("missing fixtures in \(Self.fixtureDir)")
            return
        }
        var count = 0
        for line in list.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let schema = try ArrowIPCSchema.decode(String(parts[2]))
            let described = schema.fields.map { "\($0.name):\($0.type.shortName):\($0.nullable ? "null" : "notnull")" }
                .joined(separator: ",")
            #expect(described == String(parts[1]), "fixture \(parts[0])")
            count += 1
        }
        #expect(count >= 5)
    }

    @Test func malformedInputIsAnError() {
        var rng = SplitMix64(seed: 9)
        let good = ArrowIPCSchema.encodeMessage(Schema([Field("a", .list(Field("item", .int32)))]))
        for _ in 0..<500 {
            var b = good
            let k = Int(rng.next() % 4) + 1
            for _ in 0..<k { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? ArrowIPCSchema.decodeMessage(b)   // must not trap
            let cut = Int(rng.next() % UInt64(b.count))
            _ = try? ArrowIPCSchema.decodeMessage(Array(b[0..<cut]))
        }
        #expect(throws: PFError.self) { _ = try ArrowIPCSchema.decode("AAAA") }
    }
}
