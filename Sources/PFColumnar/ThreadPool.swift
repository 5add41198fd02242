#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process-wide pool of worker threads.
///
/// One pool serves the whole process; its size comes from the `swift_threads`
/// setting (``resize(to:)``, 0 meaning one thread per core). Work is submitted with
/// ``parallelFor(_:grain:_:)``, which splits a range into chunks of `grain` elements
/// and runs them on the persistent workers *and* the calling thread.
///
/// Chunk boundaries depend only on the range and the grain, never on the thread
/// count, so kernels that write per-chunk results and combine them in chunk order
/// produce identical results for any number of threads.
///
/// A `parallelFor` issued while the pool is busy (for example from inside another
/// `parallelFor`) runs serially on the calling thread instead of deadlocking.
public final class ThreadPool: @unchecked Sendable {
    /// The shared pool.
    public static let shared = ThreadPool(threads: 0)

    /// Number of CPU cores visible to the process.
    public static var coreCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : 1
    }

    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private let done: UnsafeMutablePointer<pthread_cond_t>
    // All fields below are guarded by `lock`.
    private var configured: Int
    private var workers: [pthread_t] = []
    private var generation: UInt64 = 0
    private var job: (@Sendable () -> Void)?
    private var running = 0
    private var stopping = false
    /// The generation current when the workers were spawned (they wait for a newer one).
    private var spawnGeneration: UInt64 = 0
    /// Held for the duration of one parallel submission.
    private let submitting = Atomic<Bool>(false)

    /// Creates a pool; `threads <= 0` means one per core. Workers start lazily.
    public init(threads: Int) {
        lock = .allocate(capacity: 1); pthread_mutex_init(lock, nil)
        wake = .allocate(capacity: 1); pthread_cond_init(wake, nil)
        done = .allocate(capacity: 1); pthread_cond_init(done, nil)
        configured = threads <= 0 ? ThreadPool.coreCount : threads
    }

    deinit {
        stopWorkers()
        pthread_cond_destroy(wake); wake.deallocate()
        pthread_cond_destroy(done); done.deallocate()
        pthread_mutex_destroy(lock); lock.deallocate()
    }

    /// Threads that ``parallelFor(_:grain:_:)`` uses, the caller included.
    public var threadCount: Int {
        pthread_mutex_lock(lock); defer { pthread_mutex_unlock(lock) }
        return configured
    }

    /// Changes the number of threads; 0 means one per core.
    public func resize(to threads: Int) throws(PFError) {
        guard threads >= 0 else { throw .invalidArgument("thread count must be >= 0, got \(threads)") }
        let n = threads == 0 ? ThreadPool.coreCount : min(threads, 1024)
        // Wait until no submission is in flight, then swap the worker set.
        while !submitting.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            sched_yield()
        }
        stopWorkers()
        pthread_mutex_lock(lock); configured = n; pthread_mutex_unlock(lock)
        submitting.store(false, ordering: .releasing)
    }

    /// Runs `body(chunk, subrange)` over the chunks of `range` in parallel and returns
    /// when all chunks are done. Chunk `c` covers `range.lowerBound + c*grain ..<` up to
    /// `grain` elements.
    public func parallelFor(_ range: Range<Int>, grain: Int = 4096,
                            _ body: @Sendable (_ chunk: Int, _ range: Range<Int>) -> Void) {
        let count = range.count
        guard count > 0 else { return }
        let g = max(1, grain)
        let chunks = (count + g - 1) / g
        if chunks == 1 || threadCount <= 1
            || !submitting.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            for c in 0..<chunks {
                let lo = range.lowerBound + c * g
                body(c, lo..<min(lo + g, range.upperBound))
            }
            return
        }
        defer { submitting.store(false, ordering: .releasing) }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: next) { nextPtr in
                let counter = UnsafeSendable(nextPtr)
                let work: @Sendable () -> Void = {
                    while true {
                        let c = counter.value.pointee.wrappingAdd(1, ordering: .relaxed).oldValue
                        if c >= chunks { break }
                        let lo = range.lowerBound + c * g
                        body(c, lo..<min(lo + g, range.upperBound))
                    }
                }
                pthread_mutex_lock(lock)
                startWorkersLocked()
                job = work
                generation &+= 1
                running = workers.count
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(lock)
                work()
                pthread_mutex_lock(lock)
                while running > 0 { pthread_cond_wait(done, lock) }
                job = nil
                pthread_mutex_unlock(lock)
            }
        }
    }

    /// Number of chunks ``parallelFor(_:grain:_:)`` uses for `count` elements.
    public static func chunkCount(_ count: Int, grain: Int) -> Int {
        let g = max(1, grain)
        return count <= 0 ? 0 : (count + g - 1) / g
    }

    /// Maps each chunk of `range` to a value; the values come back in chunk order.
    public func parallelMap<T: Sendable>(_ range: Range<Int>, grain: Int = 4096,
                                         _ body: @Sendable (_ range: Range<Int>) -> T) -> [T] {
        let n = ThreadPool.chunkCount(range.count, grain: grain)
        guard n > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let box = UnsafeSendable(results)
        parallelFor(range, grain: grain) { c, r in box.value[c] = body(r) }
        return results.compactMap { $0 }
    }

    // MARK: workers

    private func startWorkersLocked() {
        let want = configured - 1
        guard workers.count < want else { return }
        stopping = false
        spawnGeneration = generation
        while workers.count < want {
            // Workers hold the pool unretained: deinit joins them before memory goes away.
            let ctx = Unmanaged.passUnretained(self).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { arg in
                guard let arg else { return nil }
                let pool = Unmanaged<ThreadPool>.fromOpaque(arg).takeUnretainedValue()
                pool.workerLoop()
                return nil
            }, ctx)
            if rc != 0 { break }
            workers.append(tid)
        }
    }

    private func workerLoop() {
        pthread_mutex_lock(lock)
        var seen = spawnGeneration
        while true {
            while !stopping && (generation == seen || job == nil) { pthread_cond_wait(wake, lock) }
            if stopping { break }
            seen = generation
            let work = job
            pthread_mutex_unlock(lock)
            work?()
            pthread_mutex_lock(lock)
            running -= 1
            if running == 0 { pthread_cond_signal(done) }
        }
        pthread_mutex_unlock(lock)
    }

    private func stopWorkers() {
        pthread_mutex_lock(lock)
        stopping = true
        pthread_cond_broadcast(wake)
        let ws = workers
        workers = []
        pthread_mutex_unlock(lock)
        for w in ws { pthread_join(w, nil) }
    }
}

/// Wraps a value shared across threads under a caller-enforced discipline
/// (for example disjoint index ranges of one buffer).
public struct UnsafeSendable<T>: @unchecked Sendable {
    public var value: T
    public init(_ value: T) { self.value = value }
}
