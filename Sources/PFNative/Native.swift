import ParquetFrame
import CArrowABI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Library-level functions of the C ABI. See include/parquetframe.h.

nonisolated(unsafe) private let versionString: UnsafeMutablePointer<CChar> = strdup(ParquetFrameInfo.version)!

@_cdecl("pf_version")
public func pf_version() -> UnsafePointer<CChar> { UnsafePointer(versionString) }

@_cdecl("pf_last_error")
public func pf_last_error() -> UnsafePointer<CChar> { LastError.current }

/// Capability bits: I/O is always compiled in; graph and workflow once their cores land.
@_cdecl("pf_capabilities")
public func pf_capabilities() -> Int32 { ParquetFrameInfo.capabilities }

@_cdecl("pf_set_threads")
public func pf_set_threads(_ threads: Int32) -> Int32 {
    guarded("pf_set_threads") { () throws(PFError) in
        try ThreadPool.shared.resize(to: Int(threads))
        Log.info("thread pool resized to \(ThreadPool.shared.threadCount)")
    }
}

@_cdecl("pf_get_threads")
public func pf_get_threads() -> Int32 { Int32(clamping: ThreadPool.shared.threadCount) }

@_cdecl("pf_set_log_level")
public func pf_set_log_level(_ level: Int32) -> Int32 {
    guarded("pf_set_log_level") { () throws(PFError) in
        guard let l = Log.Level(rawValue: Int(level)) else {
            throw .invalidArgument("log level must be 0...4, got \(level)")
        }
        Log.level = l
    }
}

@_cdecl("pf_memory_cached")
public func pf_memory_cached() -> Int64 { Int64(BlockCache.heldBytes) }

@_cdecl("pf_memory_release")
public func pf_memory_release() -> Int64 {
    let held = BlockCache.trim()
    Log.info("released \(held) bytes of cached buffer memory")
    return Int64(held)
}

@_cdecl("pf_string_free")
public func pf_string_free(_ s: UnsafeMutablePointer<CChar>?) { free(s) }
