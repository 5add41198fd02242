#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PFColumnar

/// A read-only view of a whole file: memory-mapped when possible, read into memory otherwise.
///
/// Slices are handed out as `UnsafeRawBufferPointer` views that stay valid as long as the
/// `MappedFile` is alive. Every slice is bounds-checked: an out-of-range request is a
/// `PFError.format` naming the range, never a trap.
public final class MappedFile: @unchecked Sendable {
    /// Path the bytes came from (nil for in-memory data).
    public let path: String?
    /// Size of the file in bytes.
    public let count: Int
    /// Whether the bytes are memory-mapped (false: read into memory).
    public let isMemoryMapped: Bool
    private let base: UnsafeMutableRawPointer?

    /// Opens `path` read-only and maps it (falls back to reading it with `read()`).
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PFError.io("cannot open \(path): \(MappedFile.errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw PFError.io("cannot stat \(path): \(MappedFile.errnoText())")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw PFError.io("\(path) is not a regular file")
        }
        let size = Int(st.st_size)
        self.count = size
        if size == 0 {
            base = nil
            isMemoryMapped = false
            return
        }
        if let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            base = p
            isMemoryMapped = true
            return
        }
        // Fallback: read the whole file.
        let buf = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        var done = 0
        while done < size {
            let n = read(fd, buf + done, size - done)
            if n < 0 {
                if errno == EINTR { continue }
                buf.deallocate()
                throw PFError.io("cannot read \(path): \(MappedFile.errnoText())")
            }
            if n == 0 {
                buf.deallocate()
                throw PFError.io("\(path) shrank while being read")
            }
            done += n
        }
        base = buf
        isMemoryMapped = false
    }

    /// Wraps a copy of in-memory bytes (used by tests and in-memory readers).
    public init(bytes: [UInt8]) {
        path = nil
        count = bytes.count
        isMemoryMapped = false
        if bytes.isEmpty {
            base = nil
        } else {
            let buf = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
            bytes.withUnsafeBytes { src in
                if let s = src.baseAddress { buf.copyMemory(from: s, byteCount: src.count) }
            }
            base = buf
        }
    }

    deinit {
        guard let b = base else { return }
        if isMemoryMapped { munmap(b, count) } else { b.deallocate() }
    }

    private static func errnoText() -> String {
        if let s = strerror(errno) { return String(cString: s) }
        return "errno \(errno)"
    }

    /// Name used in error messages.
    public var displayName: String { path ?? "<memory>" }

    /// Checks that `[offset, offset+length)` lies inside the file and returns it as a range.
    /// - Throws: `PFError.format` describing `what` when it does not.
    @discardableResult
    public func ensureRange(offset: Int64, length: Int64, _ what: String = "range") throws -> Range<Int> {
        guard offset >= 0, length >= 0 else {
            throw PFError.format("\(what): negative offset \(offset) or length \(length)",
                                 offset: offset)
        }
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, end <= Int64(count) else {
            throw PFError.format("\(what): bytes [\(offset), \(offset &+ length)) lie outside the "
                                 + "\(count)-byte file \(displayName)", offset: offset)
        }
        return Int(offset)..<Int(end)
    }

    /// A bounds-checked view of `[offset, offset+length)`, valid while `self` is alive.
    public func bytes(offset: Int64, length: Int64, _ what: String = "range") throws -> UnsafeRawBufferPointer {
        let r = try ensureRange(offset: offset, length: length, what)
        return slice(r)
    }

    /// The whole file as one view, valid while `self` is alive.
    public var allBytes: UnsafeRawBufferPointer { slice(0..<count) }

    /// A view of an already checked range.
    func slice(_ r: Range<Int>) -> UnsafeRawBufferPointer {
        guard let b = base, !r.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(b) + r.lowerBound, count: r.count)
    }

    /// Calls `body` with a bounds-checked view; keeps `self` alive during the call.
    public func withBytes<R>(offset: Int64, length: Int64, _ what: String = "range",
                             _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let v = try bytes(offset: offset, length: length, what)
        return try withExtendedLifetime(self) { try body(v) }
    }
}
