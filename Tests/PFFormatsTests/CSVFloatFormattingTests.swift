import Testing
@testable import PFColumnar

/// The byte-level fast path of `FloatFormatting.shortest` against the general
/// (String-based) path on random values of many shapes.
@Suite struct CSVFloatFormattingTests {
    private struct SplitMix {
        var s: UInt64
        mutating func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func fast(_ v: Double) -> String? {
        var buf = [UInt8](repeating: 0, count: 40)
        let n = buf.withUnsafeMutableBufferPointer { FloatFormatting.fastShortest(v, $0.baseAddress!) }
        return n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : nil
    }

    @Test func fastPathMatchesGeneralPath() {
        var g = SplitMix(s: 12345)
        var bad: [String] = []
        var covered = 0
        func check(_ v: Double) {
            guard let s = fast(v) else { return }
            covered += 1
            let r = FloatFormatting.slowShortest(v)
            if s != r && bad.count < 10 { bad.append("\(v.bitPattern): \(s) vs \(r)") }
        }
        for _ in 0..<20_000 {
            check(Double(bitPattern: g.next()))
            let u = Double(g.next() >> 11) / 9_007_199_254_740_992.0
            check(u); check(-u * 1000)
            check((u * 100_000).rounded() / 100)
            check((u * 1e8).rounded() / 1e4)
            check(Double(Int64(bitPattern: g.next()) >> Int64(g.next() % 60)))
            check(Double(Float(bitPattern: UInt32(truncatingIfNeeded: g.next()))))
            let k = Int(g.next() % 23)
            check(Double(g.next() % 100_000_000_000_000_000) / FloatFormatting.exactPow10[k])
            check(Double(g.next() % 100_000) / FloatFormatting.exactPow10[k])
        }
        #expect(bad.isEmpty, "\(bad)")
        #expect(covered > 100_000)
    }

    @Test func edgeValues() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-1.5, "-1.5"), (0.1, "0.1"), (0.3, "0.3"),
            (1e15, "1000000000000000.0"), (9_999_999_999_999_998, "9999999999999998.0"), (1e16, "1e+16"),
            (0.0001, "0.0001"), (0.00012, "0.00012"), (1.5e-05, "1.5e-05"), (1e-05, "1e-05"),
            (123.456, "123.456"), (2.0 / 3.0, "0.6666666666666666"), (1e22, "1e+22"), (5e-324, "5e-324"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (0.1 + 0.2, "0.30000000000000004"),
        ]
        for (v, s) in cases { #expect(FloatFormatting.shortest(v) == s, "\(v)") }
    }
}
