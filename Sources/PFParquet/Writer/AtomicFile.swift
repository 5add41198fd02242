import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name in the target's directory
/// (`.<name>.tmp-<pid>-<random>`) and renamed over the target by ``commit()``.
/// ``abort()`` (or a failed commit) removes the temporary file, so a failure never
/// leaves a partial file under the target name.
final class AtomicFile {
    let path: String
    let tempPath: String
    private var fd: Int32
    private(set) var offset: Int64 = 0
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 20
    private static let directLimit = 1 << 16

    init(path: String) throws {
        guard !path.isEmpty else { throw PFError.invalidArgument("output path is empty") }
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw PFError.invalidArgument("output path '\(path)' names a directory") }
        var rnd: UInt64 = 0
        let got = withUnsafeMutableBytes(of: &rnd) { b in getentropy(b.baseAddress, b.count) == 0 }
        if !got { rnd = UInt64(UInt(bitPattern: time(nil))) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(getpid()) }
        let hex = String(rnd & 0xFFFF_FFFF_FFFF, radix: 16)
        tempPath = "\(dir).\(name).tmp-\(getpid())-\(hex)"
        fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            let e = errno
            throw PFError.io("cannot create '\(tempPath)' for writing '\(path)': \(String(cString: strerror(e)))")
        }
    }

    deinit { abort() }

    /// Appends bytes. Small pieces are buffered; large ones (compressed pages) are written
    /// as they are, without a copy.
    func write(_ bytes: [UInt8]) throws {
        if bytes.count >= AtomicFile.directLimit || buffer.count + bytes.count > AtomicFile.bufferLimit {
            try flush()
            if bytes.count >= AtomicFile.directLimit {
                try bytes.withUnsafeBytes { try raw($0) }
                offset += Int64(bytes.count)
                return
            }
        }
        buffer += bytes
        offset += Int64(bytes.count)
    }

    private func flush() throws {
        if buffer.isEmpty { return }
        try buffer.withUnsafeBytes { try raw($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func raw(_ b: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw PFError.io("'\(path)': file already closed") }
        var done = 0
        while done < b.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
            #else
            let n = Darwin.write(fd, b.baseAddress! + done, b.count - done)
            #endif
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw PFError.io("writing '\(path)': \(String(cString: strerror(e)))")
            }
            done += n
        }
    }

    /// Flushes, fsyncs and renames the temporary file over the target.
    func commit() throws {
        do {
            try flush()
            if fsync(fd) != 0 {
                let e = errno
                throw PFError.io("fsync of '\(path)': \(String(cString: strerror(e)))")
            }
            close(fd)
            fd = -1
            if rename(tempPath, path) != 0 {
                let e = errno
                throw PFError.io("cannot rename '\(tempPath)' to '\(path)': \(String(cString: strerror(e)))")
            }
            committed = true
        } catch {
            abort()
            throw error
        }
    }

    /// Closes and removes the temporary file (no-op after a successful commit).
    func abort() {
        if committed { return }
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(tempPath)
        committed = true
    }

    private var committed = false
}
