import PFColumnar

/// The decoded contents of one leaf column chunk.
///
/// For columns without repetition (`maxRepetitionLevel == 0`) `values` has one slot per
/// level entry (row) with nulls in its validity bitmap ("spread"); otherwise `values`
/// holds only the non-null leaf values, densely, and the levels drive reassembly.
public struct LeafChunk: Sendable {
    /// The column.
    public var column: ColumnDescriptor
    /// Number of level entries.
    public var levelCount: Int
    /// Definition levels (empty when not needed for reassembly).
    public var definitionLevels: [UInt16]
    /// Repetition levels (empty when the column is not repeated).
    public var repetitionLevels: [UInt16]
    /// The values (spread or dense, see above).
    public var values: ArrayData
    /// Number of rows (entries with repetition level 0).
    public var rowCount: Int
    /// Whether `values` has one slot per level entry.
    public var isSpread: Bool
    /// Whether `values` (a `utf8` array) is known to hold only valid UTF-8 (the decoder checked
    /// each page and the dictionary page as it read them), so the final validation of the
    /// column may skip its own UTF-8 pass.
    public var utf8Validated: Bool = false
}
