/// Bytes of a page section: either a view into the mapped file (uncompressed data, zero
/// copy) or a range of a decompressed buffer. Keeps its storage alive.
public struct PageBody: Sendable {
    enum Storage: Sendable {
        case mapped(MappedFile)
        case owned([UInt8])
        case block(PageBlock)
    }

    let storage: Storage
    /// The range of the storage this body covers.
    let range: Range<Int>

    init(mapped file: MappedFile, range: Range<Int>) {
        storage = .mapped(file)
        self.range = range
    }

    init(owned bytes: [UInt8], range: Range<Int>? = nil) {
        storage = .owned(bytes)
        self.range = range ?? 0..<bytes.count
    }

    init(block: PageBlock, count: Int) {
        storage = .block(block)
        range = 0..<count
    }

    /// An empty body.
    public static let empty = PageBody(owned: [])

    /// Number of bytes.
    public var count: Int { range.count }

    /// A sub-range of this body (`r` relative to the body; must lie inside it).
    func slice(_ r: Range<Int>) -> PageBody {
        let lo = range.lowerBound + r.lowerBound
        return PageBody(storage: storage, range: lo..<(lo + r.count))
    }

    private init(storage: Storage, range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    /// Calls `body` with a view of the bytes, valid only during the call.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .mapped(let f):
            return try withExtendedLifetime(f) { try body(f.slice(range)) }
        case .owned(let a):
            return try a.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        case .block(let b):
            return try withExtendedLifetime(b) {
                try body(UnsafeRawBufferPointer(start: UnsafeRawPointer(b.pointer) + range.lowerBound, count: range.count))
            }
        }
    }

    /// A copy of the bytes.
    public var bytes: [UInt8] { withUnsafeBytes { [UInt8]($0) } }
}
