import PFColumnar
import Testing
import Synchronization

@Suite struct ThreadPoolTests {
    @Test func resultsDoNotDependOnThreadCount() throws {
        var sums: [[Int]] = []
        for threads in [1, 2, 4, 7] {
            let pool = ThreadPool(threads: threads)
            #expect(pool.threadCount == threads)
            let parts = pool.parallelMap(0..<100_003, grain: 1000) { r in r.reduce(0) { $0 &+ $1 &* 31 } }
            sums.append(parts)
        }
        #expect(sums.allSatisfy { $0 == sums[0] })
        #expect(sums[0].count == 101)
    }

    @Test func everyIndexVisitedOnce() {
        let pool = ThreadPool(threads: 4)
        let n = 50_000
        let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        hits.initialize(repeating: 0)
        defer { hits.deallocate() }
        let box = UnsafeSendable(hits)
        for _ in 0..<20 {
            pool.parallelFor(0..<n, grain: 97) { _, r in for i in r { box.value[i] += 1 } }
        }
        #expect(hits.allSatisfy { $0 == 20 })
    }

    @Test func nestedSubmissionRunsWithoutDeadlock() {
        let pool = ThreadPool(threads: 3)
        let total = Atomic<Int>(0)
        pool.parallelFor(0..<8, grain: 1) { _, _ in
            pool.parallelFor(0..<10, grain: 2) { _, r in total.wrappingAdd(r.count, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 80)
    }

    @Test func resizeRejectsNegativeAndAcceptsZero() throws {
        let pool = ThreadPool(threads: 2)
        #expect(throws: PFError.self) { try pool.resize(to: -1) }
        try pool.resize(to: 0)
        #expect(pool.threadCount == ThreadPool.coreCount)
        try pool.resize(to: 5)
        #expect(pool.threadCount == 5)
        let parts = pool.parallelMap(0..<10, grain: 1) { $0.lowerBound }
        #expect(parts == Array(0..<10))
    }
}
