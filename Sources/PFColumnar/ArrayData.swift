/// The layout of one Arrow array: its type, length, offset, buffers and children.
///
/// `ArrayData` is the type-erased column representation shared by every layer; the
/// typed views (``PrimitiveArray``, ``StringArray``, ``ListArray``...) wrap it. It
/// follows the Arrow columnar format exactly, so it can be exported through the C
/// Data Interface without copying.
///
/// Buffers are stored as in the C Data Interface: `buffers[0]` is the validity
/// bitmap (nil when there are no nulls), then the type's data buffers. Values of the
/// array are the slots `offset ..< offset + length` of those buffers.
///
/// Construction:
/// - ``init(type:length:offset:nullCount:buffers:children:dictionary:)`` validates
///   the structure (cheap checks: buffer counts and sizes) and throws;
/// - ``init(unchecked:length:offset:nullCount:buffers:children:dictionary:)`` trusts
///   the caller (internal fast paths); debug builds still check;
/// - ``validate()`` performs the full check (offsets, UTF-8, dictionary indices...).
public final class ArrayData: Sendable {
    public let type: DataType
    public let length: Int
    public let offset: Int
    public let nullCount: Int
    public let buffers: [Buffer?]
    public let children: [ArrayData]
    public let dictionary: ArrayData?

    /// Creates array data after checking its structure (see ``validateLayout()``).
    public convenience init(type: DataType, length: Int, offset: Int = 0, nullCount: Int,
                            buffers: [Buffer?], children: [ArrayData] = [],
                            dictionary: ArrayData? = nil) throws(PFError) {
        self.init(unchecked: type, length: length, offset: offset, nullCount: nullCount,
                  buffers: buffers, children: children, dictionary: dictionary, check: false)
        try validateLayout()
    }

    /// Creates array data from parts the caller guarantees to be consistent.
    /// Debug builds verify the guarantee.
    public convenience init(unchecked type: DataType, length: Int, offset: Int = 0, nullCount: Int,
                            buffers: [Buffer?], children: [ArrayData] = [], dictionary: ArrayData? = nil) {
        self.init(unchecked: type, length: length, offset: offset, nullCount: nullCount,
                  buffers: buffers, children: children, dictionary: dictionary, check: true)
    }

    private init(unchecked type: DataType, length: Int, offset: Int, nullCount: Int,
                 buffers: [Buffer?], children: [ArrayData], dictionary: ArrayData?, check: Bool) {
        self.type = type
        self.length = length
        self.offset = offset
        self.nullCount = nullCount
        self.buffers = buffers
        self.children = children
        self.dictionary = dictionary
        #if PF_CHECK_INVARIANTS
        if check {
            do { try validateLayout() } catch { preconditionFailure("invalid ArrayData: \(error)") }
        }
        #endif
    }

    /// The validity bitmap, or nil when every slot is valid.
    @inlinable public var validity: Buffer? { buffers.first ?? nil }

    /// True when slot `i` (0-based, relative to this array) is null.
    @inlinable
    public func isNull(_ i: Int) -> Bool {
        if case .null = type { return true }
        guard nullCount > 0, let v = validity else { return false }
        return !Bitmap.get(v.baseAddress, offset + i)
    }

    /// True when slot `i` holds a value.
    @inlinable public func isValid(_ i: Int) -> Bool { !isNull(i) }

    /// A zero-copy view of `length` slots starting at `start`.
    public func slice(_ start: Int, _ length: Int) throws(PFError) -> ArrayData {
        guard start >= 0, length >= 0, start <= self.length, length <= self.length - start else {
            throw .invalidArgument("slice [\(start), \(start)+\(length)) out of range for array of length \(self.length)")
        }
        return slice(unchecked: start, length)
    }

    /// A zero-copy view; the caller guarantees the range is inside the array.
    public func slice(unchecked start: Int, _ length: Int) -> ArrayData {
        let nulls: Int
        if case .null = type {
            nulls = length
        } else if nullCount == 0 || type.layout == .union(dense: true) || type.layout == .union(dense: false) {
            nulls = 0
        } else if let v = validity {
            nulls = length - Bitmap.countSet(v.baseAddress, offset: offset + start, length: length)
        } else {
            nulls = 0
        }
        return ArrayData(unchecked: type, length: length, offset: offset + start, nullCount: nulls,
                         buffers: nulls == 0 && validity != nil && type != .null ? [nil] + buffers.dropFirst() : buffers,
                         children: children, dictionary: dictionary, check: false)
    }

    /// Replaces the type by a logically compatible one with the same layout
    /// (for example int64 → timestamp). Throws when layouts differ.
    public func withType(_ newType: DataType) throws(PFError) -> ArrayData {
        guard newType.layout == type.layout, newType.children.count == type.children.count else {
            throw .invalidArgument("cannot view \(type.shortName) as \(newType.shortName): layouts differ")
        }
        return ArrayData(unchecked: newType, length: length, offset: offset, nullCount: nullCount,
                         buffers: buffers, children: children, dictionary: dictionary, check: false)
    }
}
