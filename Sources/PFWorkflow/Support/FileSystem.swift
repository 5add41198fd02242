import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole text file (UTF-8). Files over `limit` bytes are rejected.
public func readTextFile(_ path: String, limit: Int = 64 << 20) throws(PFError) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .io("cannot open '\(path)': \(errnoText())") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw .io("cannot read '\(path)': \(errnoText())")
        }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
        guard bytes.count <= limit else { throw .io("'\(path)' is larger than \(limit) bytes") }
    }
    guard let s = String(validating: bytes, as: UTF8.self) else { throw .format("'\(path)' is not valid UTF-8") }
    return s
}

/// Writes `text` to `path` atomically: a temporary file in the same directory, fsync,
/// then rename over the target.
public func writeTextFileAtomically(_ path: String, _ text: String) throws(PFError) {
    let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io("cannot create '\(tmp)': \(errnoText())") }
    var ok = true
    var message = ""
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buf in
        var off = 0
        while off < buf.count {
            let n = write(fd, buf.baseAddress! + off, buf.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                ok = false; message = errnoText(); return
            }
            off += n
        }
    }
    if ok && fsync(fd) != 0 { ok = false; message = errnoText() }
    close(fd)
    if ok && rename(tmp, path) != 0 { ok = false; message = errnoText() }
    if !ok {
        unlink(tmp)
        throw .io("cannot write '\(path)': \(message)")
    }
}

/// True when `path` exists (file or directory).
public func fileExists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
}

/// Creates a directory and its missing parents (like `mkdir -p`).
public func makeDirectories(_ path: String) throws(PFError) {
    guard !path.isEmpty else { return }
    var current = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
        current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw .io("cannot create directory '\(current)': \(errnoText())")
        }
    }
}

/// Joins a base directory and a path (absolute paths are returned unchanged).
public func joinPath(_ base: String, _ path: String) -> String {
    if path.hasPrefix("/") || base.isEmpty || base == "." { return path }
    return base.hasSuffix("/") ? base + path : base + "/" + path
}

/// The text of the current `errno`.
func errnoText() -> String { String(cString: strerror(errno)) }
