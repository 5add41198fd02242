#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PFColumnar

/// Locating and decoding the footer of a Parquet file.
public enum ParquetFooter {
    /// The `PAR1` magic of plaintext-footer files.
    public static let magic: [UInt8] = [0x50, 0x41, 0x52, 0x31]
    /// The `PARE` magic of files with an encrypted footer.
    public static let encryptedMagic: [UInt8] = [0x50, 0x41, 0x52, 0x45]
    /// Bytes read from the end of a file in one go when only the footer is wanted.
    static let tailReadSize = 16 * 1024

    /// Byte range of the serialized `FileMetaData` inside `file`.
    /// - Throws: `.format` for a file that is not Parquet, `.unsupported` for an encrypted footer.
    public static func footerRange(of file: MappedFile) throws -> Range<Int> {
        let size = file.count
        try checkSize(size, name: file.displayName)
        let all = file.allBytes
        let length = try footerLength(size: size, head: UnsafeRawBufferPointer(rebasing: all[0..<4]),
                                      tail: UnsafeRawBufferPointer(rebasing: all[(size - 8)..<size]),
                                      name: file.displayName)
        return (size - 8 - length)..<(size - 8)
    }

    static func checkSize(_ size: Int, name: String) throws {
        guard size >= 12 else {
            throw PFError.format("file \(name) is too small (\(size) bytes) to be Parquet", offset: 0)
        }
    }

    /// Checks the magics of a file of `size` bytes (`head`: its first 4 bytes, `tail`: its
    /// last 8) and returns the length of the serialized footer.
    static func footerLength(size: Int, head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer,
                             name: String) throws -> Int {
        let tailMagic = UnsafeRawBufferPointer(rebasing: tail[4..<8])
        if tailMagic.elementsEqual(encryptedMagic) || head.elementsEqual(encryptedMagic) {
            throw PFError.unsupported("encrypted Parquet file (encrypted footer, PARE magic): \(name)")
        }
        guard tailMagic.elementsEqual(magic) else {
            throw PFError.format("missing PAR1 magic at the end of \(name)", offset: Int64(size - 4))
        }
        guard head.elementsEqual(magic) else {
            throw PFError.format("missing PAR1 magic at the start of \(name)", offset: 0)
        }
        var len: UInt32 = 0
        for i in 0..<4 { len |= UInt32(tail[i]) << UInt32(8 * i) }
        let footerLength = Int(len)
        guard footerLength > 0, footerLength <= size - 12 else {
            throw PFError.format("footer length \(footerLength) does not fit in the \(size)-byte file",
                                 offset: Int64(size - 8))
        }
        return footerLength
    }

    /// Reads and decodes the footer of `file` (no data page is touched).
    public static func read(from file: MappedFile,
                            limits: ThriftLimits = .default) throws -> FileMetaData {
        let r = try footerRange(of: file)
        let view = file.slice(r)
        return try withExtendedLifetime(file) {
            try ThriftCompactReader.decode(FileMetaData.self, from: view,
                                           baseOffset: Int64(r.lowerBound), limits: limits).value
        }
    }

    /// Reads the footer of `file`, leaving its column chunks to be decoded on access.
    public static func readLazy(from file: MappedFile,
                                limits: ThriftLimits = .default) throws -> LazyFileMetaData {
        try LazyFileMetaData.decode(FooterBytes(file: file, range: footerRange(of: file)), limits: limits)
    }

    /// Reads the footer of the file at `path` with positioned reads (no mapping: the cheap
    /// way to get metadata alone), leaving its column chunks to be decoded on access.
    /// - Throws: `.io` when the file cannot be read, otherwise as ``footerRange(of:)``.
    public static func readLazy(path: String, limits: ThriftLimits = .default) throws -> LazyFileMetaData {
        try LazyFileMetaData.decode(readFooterBytes(path: path), limits: limits)
    }

    /// The serialized footer of the file at `path`, read with `pread`: the last 64 KiB
    /// first, then the rest of a larger footer.
    static func readFooterBytes(path: String) throws -> FooterBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PFError.io("cannot open \(path): \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PFError.io("cannot stat \(path): \(errnoText())") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw PFError.io("\(path) is not a regular file") }
        let size = Int(st.st_size)
        try checkSize(size, name: path)
        let tailCount = min(size, tailReadSize)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: tailCount, alignment: 16)
        var keep = false
        defer { if !keep { buffer.deallocate() } }
        try readFully(fd, into: buffer, at: size - tailCount, path: path)
        var head: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        if tailCount == size {
            head = (buffer[0], buffer[1], buffer[2], buffer[3])
        } else {
            try withUnsafeMutableBytes(of: &head) { try readFully(fd, into: $0, at: 0, path: path) }
        }
        let length = try withUnsafeBytes(of: head) { h in
            try footerLength(size: size, head: h,
                             tail: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[(tailCount - 8)...]),
                             name: path)
        }
        let start = size - 8 - length
        if length + 8 > tailCount {
            // A footer larger than the first read: read it whole.
            buffer.deallocate()
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
            try readFully(fd, into: buffer, at: start, path: path)
            keep = true
            return FooterBytes(owning: buffer, range: 0..<length, fileOffset: start)
        }
        keep = true
        let end = tailCount - 8
        return FooterBytes(owning: buffer, range: (end - length)..<end, fileOffset: start)
    }

    /// Fills `buffer` from offset `at` of `fd`.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int,
                          path: String) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw PFError.io("cannot read \(path): \(errnoText())")
            }
            if n == 0 { throw PFError.io("\(path) shrank while being read") }
            done += n
        }
    }

    static func errnoText() -> String {
        if let s = strerror(errno) { return String(cString: s) }
        return "errno \(errno)"
    }
}
