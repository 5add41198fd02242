#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drops the resident pages of a decoded column chunk from a memory-mapped file, so the
/// compressed file does not stay in the reader's resident set next to the decoded data.
/// The mapping is read-only and file-backed: a later access simply faults the bytes in
/// again from the page cache, so releasing is always safe. Only whole pages inside the
/// range are released (neighbouring chunks may share the boundary pages).
enum MappedRelease {
    static let pageSize: Int = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// Releases the whole pages of `range` of `file` (nothing when the file is not mapped).
    static func release(_ file: MappedFile, _ range: Range<Int>) {
        guard file.isMemoryMapped, range.count >= pageSize else { return }
        withExtendedLifetime(file) {
            guard let base = file.slice(range).baseAddress else { return }
            let addr = UInt(bitPattern: base)
            let mask = UInt(pageSize - 1)
            let lo = (addr + mask) & ~mask
            let hi = (addr + UInt(range.count)) & ~mask
            guard hi > lo, let p = UnsafeMutableRawPointer(bitPattern: lo) else { return }
            _ = madvise(p, Int(hi - lo), Int32(MADV_DONTNEED))
        }
    }
}
