import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a whole CSV file: memory-mapped read-only, or read into memory when
/// mapping fails (pipes, special files) or is disabled.
final class CSVFileSource: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let mapped: Bool
    private let owned: UnsafeMutablePointer<UInt8>?

    /// Loads `path`.
    init(path: String, allowMap: Bool = true) throws(PFError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io("cannot stat '\(path)': \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .io("'\(path)' is a directory") }
        let size = Int(st.st_size)
        if allowMap && (st.st_mode & S_IFMT) == S_IFREG && size > 0 {
            // The whole file is read: map it populated (one call instead of a page
            // fault every few pages).
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            let p = mmap(nil, size, PROT_READ, flags, fd, 0)
            if let p, p != MAP_FAILED {
                _ = madvise(p, size, MADV_SEQUENTIAL)
                base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
                count = size
                mapped = true
                owned = nil
                return
            }
        }
        // read() fallback, growing as needed (the size may be unknown).
        var cap = max(size + 1, 1 << 16)
        var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        var n = 0
        while true {
            if n == cap {
                let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: cap * 2)
                nb.update(from: buf, count: n)
                buf.deallocate()
                buf = nb
                cap *= 2
            }
            let r = read(fd, buf + n, cap - n)
            if r < 0 {
                if errno == EINTR { continue }
                let msg = String(cString: strerror(errno))
                buf.deallocate()
                throw .io("cannot read '\(path)': \(msg)")
            }
            if r == 0 { break }
            n += r
        }
        base = UnsafePointer(buf)
        count = n
        mapped = false
        owned = buf
    }

    /// Wraps a copy of in-memory bytes.
    init(bytes: UnsafeRawBufferPointer) {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        if let b = bytes.baseAddress, bytes.count > 0 {
            buf.update(from: b.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        base = UnsafePointer(buf)
        count = bytes.count
        mapped = false
        owned = buf
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), count) }
        owned?.deallocate()
    }
}

/// Where lines start, for error messages.
enum CSVLines {
    /// 1-based physical line number of byte `offset` (CRLF, LF and lone CR end lines).
    static func lineNumber(_ base: UnsafePointer<UInt8>, count: Int, offset: Int) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, count)
        while i < end {
            let b = base[i]
            if b == 10 { line += 1 } else if b == 13 { if !(i + 1 < count && base[i + 1] == 10) { line += 1 } }
            i += 1
        }
        return line
    }

    /// A printable excerpt of the record at `offset` (up to `limit` bytes, one line).
    static func excerpt(_ base: UnsafePointer<UInt8>, count: Int, offset: Int, limit: Int = 60) -> String {
        var e = offset
        while e < count && e - offset < limit && base[e] != 10 && base[e] != 13 { e += 1 }
        let text = String(decoding: UnsafeBufferPointer(start: base + offset, count: max(0, e - offset)), as: UTF8.self)
        return e - offset >= limit ? text + "..." : text
    }
}
