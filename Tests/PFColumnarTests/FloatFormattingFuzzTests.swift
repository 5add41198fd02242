@testable import PFColumnar
import Testing
import PFTestSupport

/// Compares ``FloatFormatting/fastShortest(_:_:)`` (through `shortest` and `appendShortest`)
/// with the general path built on Swift's shortest `description` over millions of doubles,
/// and checks that every text parses back to the same double.
struct FloatFormattingFuzzTests {
    /// Checks a batch; returns (mismatches as text, how many took the fast path).
    func check(_ values: [Double]) -> (failures: [String], fast: Int) {
        var failures: [String] = []
        var fast = 0
        var buf = [UInt8](repeating: 0, count: 40)
        var appended: [UInt8] = []
        for v in values {
            let reference = FloatFormatting.slowShortest(v)
            let n = buf.withUnsafeMutableBufferPointer { FloatFormatting.fastShortest(v, $0.baseAddress!) }
            if n > 0 {
                fast += 1
                let text = String(decoding: buf[0..<n], as: UTF8.self)
                if text != reference { failures.append("\(v.bitPattern): fast \(text) reference \(reference)") }
            }
            let s = FloatFormatting.shortest(v)
            appended.removeAll(keepingCapacity: true)
            FloatFormatting.appendShortest(v, to: &appended)
            if s != reference || String(decoding: appended, as: UTF8.self) != reference {
                failures.append("\(v.bitPattern): shortest \(s) reference \(reference)")
            }
            if v.isFinite, Double(reference)?.bitPattern != v.bitPattern {
                failures.append("\(v.bitPattern): \(reference) does not read back")
            }
            if failures.count > 20 { break }
        }
        return (failures, fast)
    }

    @Test func randomBitPatterns() {
        var rng = SplitMix64(seed: 1)
        let values = (0..<1_000_000).map { _ in Double(bitPattern: rng.next()) }
        let r = check(values)
        #expect(r.failures.isEmpty, "\(r.failures)")
    }

    /// Doubles nearest to random decimals with 1-17 significant digits, and their
    /// neighbours one ulp away, over the whole range the fast path covers and beyond.
    @Test func randomDecimals() {
        var rng = SplitMix64(seed: 2)
        var values: [Double] = []
        values.reserveCapacity(1_500_000)
        for _ in 0..<500_000 {
            let digits = 1 + Int(rng.below(17))
            var m: UInt64 = 1 + rng.below(9)
            for _ in 1..<digits { m = m * 10 + rng.below(10) }
            let e = Int(rng.below(32)) - 12
            let v = Double("\(m)e\(e - digits)")!
            let s: Double = rng.below(2) == 0 ? 1 : -1
            values.append(s * v)
            values.append(s * v.nextUp)
            values.append(s * v.nextDown)
        }
        let r = check(values)
        #expect(r.failures.isEmpty, "\(r.failures)")
        // Short decimals in the covered range almost never need the general path.
        var short: [Double] = []
        for _ in 0..<200_000 {
            let cents = Double(Int64(rng.below(2_000_000)) - 1_000_000)
            short.append(cents / 100)
        }
        let rs = check(short)
        #expect(rs.failures.isEmpty, "\(rs.failures)")
        #expect(rs.fast >= short.count - short.count / 1000)
    }

    /// Uniform doubles in [0, 1) and scaled ranges (16-17 significant digits), and dyadic
    /// rationals whose scaled values land exactly on halves (ties, left to the general path).
    @Test func uniformAndDyadic() {
        var rng = SplitMix64(seed: 3)
        let uniform = (0..<500_000).map { _ in rng.unit() }
        let ru = check(uniform)
        #expect(ru.failures.isEmpty, "\(ru.failures)")
        // 17-digit values in the covered range almost never need the general path.
        #expect(ru.fast >= uniform.count - uniform.count / 1000)
        var values: [Double] = []
        for _ in 0..<300_000 {
            let scale = FloatFormatting.exactPow10[Int(rng.below(17))]
            values.append(rng.unit() * scale)
        }
        for _ in 0..<300_000 {
            let num = Double(rng.below(1 << 20))
            let den = Double(sign: .plus, exponent: Int(rng.below(40)), significand: 1)
            values.append(num / den)
        }
        let r = check(values)
        #expect(r.failures.isEmpty, "\(r.failures)")
    }

    @Test func powersOfTenSubnormalsAndBoundaries() {
        var values: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                                .leastNormalMagnitude, .greatestFiniteMagnitude, .ulpOfOne, 1, 0.5]
        for e in -330...310 {
            let v = Double("1e\(e)")!
            values += [v, v.nextUp, v.nextDown, 5 * v, 2.5 * v, 9.999999999999999 * v]
        }
        let edges: [Double] = [1e-5, 1e-4, 1e16, 1e17, 0x1p51, 0x1p52, 0x1p53, 1e15, 0.5, 1.5]
        for edge in edges {
            var up = edge, down = edge
            for _ in 0..<64 { values += [up, down, -up]; up = up.nextUp; down = down.nextDown }
        }
        for i in 0..<2048 { values.append(Double(i) + 0.5); values.append(0x1p52 - Double(i) - 0.5) }
        var rng = SplitMix64(seed: 4)
        for _ in 0..<200_000 {
            values.append(Double(bitPattern: rng.next() & 0x800F_FFFF_FFFF_FFFF))   // subnormal
            let exponent = 1006 + rng.below(48)                                         // 2^-17 ... 2^30
            values.append(Double(bitPattern: exponent << 52 | rng.next() >> 12))
        }
        let r = check(values)
        #expect(r.failures.isEmpty, "\(r.failures)")
    }

    @Test func knownTexts() {
        let cases: [(Double, String)] = [
            (0.1 + 0.2, "0.30000000000000004"), (1e16, "1e+16"), (1e-5, "1e-05"), (0.0001, "0.0001"),
            (123.456, "123.456"), (0x1p53, "9007199254740992.0"), (-0.0, "-0.0"),
            (1.5e-07, "1.5e-07"), (9999999999999998, "9999999999999998.0"), (0.15, "0.15"),
            (2.675, "2.675"), (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        ]
        for (v, text) in cases { #expect(FloatFormatting.shortest(v) == text) }
    }
}

private extension SplitMix64 {
    /// Uniform in 0..<n (modulo bias is irrelevant here).
    mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
