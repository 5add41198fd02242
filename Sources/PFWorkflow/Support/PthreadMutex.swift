#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain pthread mutex with a condition variable, for the scheduler's worker threads.
final class PthreadMutex: @unchecked Sendable {
    let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always) func lock() { pthread_mutex_lock(mutex) }
    @inline(__always) func unlock() { pthread_mutex_unlock(mutex) }
}

/// A condition variable used with a ``PthreadMutex``.
final class PthreadCondition: @unchecked Sendable {
    let cond: UnsafeMutablePointer<pthread_cond_t>

    init() {
        cond = .allocate(capacity: 1)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if os(Linux)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        cond.deallocate()
    }

    @inline(__always) func wait(_ m: PthreadMutex) { pthread_cond_wait(cond, m.mutex) }
    @inline(__always) func signal() { pthread_cond_signal(cond) }
    @inline(__always) func broadcast() { pthread_cond_broadcast(cond) }

    /// Waits at most `seconds` (monotonic clock on Linux).
    func wait(_ m: PthreadMutex, seconds: Double) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let total = Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9 + max(0, seconds)
        ts.tv_sec = Int(total)
        ts.tv_nsec = Int((total - Double(Int(total))) * 1e9)
        pthread_cond_timedwait(cond, m.mutex, &ts)
    }
}

/// Starts a detached-joinable pthread running `body`; returns its id.
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
    let ctx = Unmanaged.passRetained(Box(body)).toOpaque()
    var tid = pthread_t()
    let rc = pthread_create(&tid, nil, { arg in
        guard let arg else { return nil }
        let box = Unmanaged<Box>.fromOpaque(arg).takeRetainedValue()
        box.body()
        return nil
    }, ctx)
    if rc != 0 {
        Unmanaged<Box>.fromOpaque(ctx).release()
        return nil
    }
    return tid
}
