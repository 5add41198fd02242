/// The serialized `FileMetaData` of a file: a view into its mapping, or a buffer it owns.
public final class FooterBytes: @unchecked Sendable {
    /// The footer bytes (valid while `self` is alive; never written).
    public let view: UnsafeRawBufferPointer
    /// Offset of `view[0]` in the file (for error messages).
    public let fileOffset: Int
    private let mapping: MappedFile?
    private let owned: UnsafeMutableRawBufferPointer?

    /// The bytes at `range` of a mapped file (no copy; the mapping is kept alive).
    public init(file: MappedFile, range: Range<Int>) {
        mapping = file
        owned = nil
        view = file.slice(range)
        fileOffset = range.lowerBound
    }

    /// Takes ownership of `buffer` (allocated with `allocate(byteCount:alignment:)`), whose
    /// `range` holds the footer that starts at `fileOffset` in the file.
    init(owning buffer: UnsafeMutableRawBufferPointer, range: Range<Int>, fileOffset: Int) {
        mapping = nil
        owned = buffer
        view = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[range])
        self.fileOffset = fileOffset
    }

    deinit { owned?.deallocate() }
}
