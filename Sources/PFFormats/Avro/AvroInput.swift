import PFColumnar
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of an Avro file: an open file read with `pread`, or bytes in memory.
final class AvroInput: @unchecked Sendable {
    private let fd: Int32
    private let memory: [UInt8]?
    /// Total size in bytes.
    let size: Int64
    /// Path (or "<memory>") for messages.
    let name: String

    init(path: String) throws(PFError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let msg = String(cString: strerror(errno))
            close(fd)
            throw .io("cannot stat '\(path)': \(msg)")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io("'\(path)' is not a regular file")
        }
        self.fd = fd
        memory = nil
        size = Int64(st.st_size)
        name = path
    }

    init(bytes: [UInt8]) {
        fd = -1
        memory = bytes
        size = Int64(bytes.count)
        name = "<memory>"
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
    func read(at offset: Int64, count: Int) throws(PFError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size else { return [] }
        let n = Int(min(Int64(count), size - offset))
        if let memory {
            let o = Int(offset)
            return Array(memory[o..<o + n])
        }
        var out = [UInt8](repeating: 0, count: n)
        var done = 0
        var failure: PFError? = nil
        out.withUnsafeMutableBytes { buf in
            guard let base = buf.baseAddress else { return }
            while done < n {
                let r = pread(fd, base + done, n - done, off_t(offset) + off_t(done))
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = .io("read of '\(name)' failed at byte \(offset + Int64(done)): \(String(cString: strerror(errno)))")
                    return
                }
                if r == 0 { break }
                done += r
            }
        }
        if let failure { throw failure }
        if done < n { out.removeLast(n - done) }
        return out
    }

    /// Calls `body` with the whole file's bytes (read once into memory for files).
    func withAllBytes<R>(_ body: (UnsafeRawBufferPointer) throws(PFError) -> R) throws(PFError) -> R {
        if let memory { return try avroWithBytes(memory, body) }
        guard size <= Int64(Int.max / 2) else { throw .io("'\(name)' is too large to read into memory") }
        let all = try read(at: 0, count: Int(size))
        guard all.count == Int(size) else { throw .io("'\(name)' shrank while being read") }
        return try avroWithBytes(all, body)
    }
}

/// `withUnsafeBytes` with a typed error.
func avroWithBytes<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(PFError) -> R) throws(PFError) -> R {
    var result: Result<R, PFError>? = nil
    a.withUnsafeBytes { b in
        do throws(PFError) { result = .success(try body(b)) } catch { result = .failure(error) }
    }
    guard let result else { throw .internalError("withUnsafeBytes did not run") }
    return try result.get()
}
