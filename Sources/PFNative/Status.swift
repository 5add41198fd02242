import ParquetFrame
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Status codes of the C ABI (see parquetframe.h).
enum Status {
    static let ok: Int32 = 0
    static let invalidArgument: Int32 = 1
    static let internalError: Int32 = 6
}

/// The per-thread last error message of the C ABI.
enum LastError {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k) { p in free(p) }
        return k
    }()

    /// Replaces the calling thread's message.
    static func set(_ message: String) {
        let old = pthread_getspecific(key)
        pthread_setspecific(key, strdup(message))
        free(old)
    }

    /// The calling thread's message ("" when none).
    static var current: UnsafePointer<CChar> {
        if let p = pthread_getspecific(key) { return UnsafePointer(p.assumingMemoryBound(to: CChar.self)) }
        return UnsafePointer(emptyString)
    }

    nonisolated(unsafe) private static let emptyString: UnsafeMutablePointer<CChar> = strdup("")!
}

/// Runs `body`, converting a thrown error into its status code and last-error message.
func guarded(_ function: String, _ body: () throws(PFError) -> Void) -> Int32 {
    do {
        try body()
        return Status.ok
    } catch {
        LastError.set(error.description)
        Log.debug("\(function) failed: \(error)")
        return error.code
    }
}

/// Fails with an invalid-argument status when a required pointer is NULL.
func require<T>(_ p: T?, _ name: String) throws(PFError) -> T {
    guard let p else { throw .invalidArgument("\(name) must not be NULL") }
    return p
}
