import XCTest
@testable import PFParquet
import PFColumnar

/// Row-selection range helpers used by the late-materializing filtered read, checked
/// against a plain Bool-array reference.
final class ReaderPageSkipTests: XCTestCase {
    private func selection(_ bits: [Bool]) -> RowSelection {
        var s = RowSelection(count: bits.count, all: false)
        for (i, b) in bits.enumerated() where b { s.words[i >> 6] |= UInt64(1) << UInt64(i & 63) }
        return s
    }

    func testRangeQueriesMatchReference() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let n = Int.random(in: 0...300, using: &rng)
            let density = Double.random(in: 0...1, using: &rng)
            let bits = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < density }
            let s = selection(bits)
            for _ in 0..<20 {
                let lo = Int.random(in: -5...(n + 5), using: &rng)
                let hi = Int.random(in: lo...(n + 70), using: &rng)
                let clo = max(lo, 0), chi = min(hi, n)
                let ref = clo < chi ? (clo..<chi).filter { bits[$0] } : []
                XCTAssertEqual(s.any(in: lo..<hi), !ref.isEmpty)
                XCTAssertEqual(s.indices(in: lo..<hi), ref.map { $0 - lo })
                var c = s
                c.clear(lo..<hi)
                let cleared = (0..<n).map { bits[$0] && !($0 >= lo && $0 < hi) }
                XCTAssertEqual((0..<n).map { c.get($0) }, cleared)
                XCTAssertEqual(c.selectedCount, cleared.filter { $0 }.count)
            }
        }
    }

    func testExpandedIntoBase() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let n = Int.random(in: 0...400, using: &rng)
            let base = (0..<n).map { _ in Bool.random(using: &rng) }
            let kept = base.filter { $0 }.count
            let inner = (0..<kept).map { _ in Bool.random(using: &rng) }
            let out = selection(inner).expanded(into: selection(base))
            var k = 0
            var ref: [Bool] = []
            for b in base {
                if b { ref.append(inner[k]); k += 1 } else { ref.append(false) }
            }
            XCTAssertEqual((0..<n).map { out.get($0) }, ref)
        }
    }
}
