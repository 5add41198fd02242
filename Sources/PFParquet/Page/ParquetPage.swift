/// A dictionary page, decompressed.
public struct DictionaryPage: Sendable {
    /// The page header.
    public var header: PageHeader
    /// Number of dictionary entries.
    public var numValues: Int
    /// Encoding of the entries (PLAIN or PLAIN_DICTIONARY, both PLAIN).
    public var encoding: ParquetEncoding
    /// Whether the entries are sorted.
    public var isSorted: Bool
    /// The PLAIN-encoded entries.
    public var values: PageBody
    /// File offset of the page header.
    public var fileOffset: Int64
}

/// A data page (v1 or v2), decompressed and split into levels and values.
///
/// Level sections hold the RLE/bit-packed hybrid data *without* any length prefix (for v1
/// pages the 4-byte prefix is removed); `definitionLevelEncoding` says whether it is RLE
/// (hybrid) or the legacy BIT_PACKED encoding. A section is empty when its maximum level is 0.
public struct DataPage: Sendable {
    /// Page format version: 1 (`DATA_PAGE`) or 2 (`DATA_PAGE_V2`).
    public var version: Int
    /// The page header.
    public var header: PageHeader
    /// Number of values including nulls (level count).
    public var numValues: Int
    /// Number of nulls (v2 only).
    public var numNulls: Int?
    /// Number of rows (v2 only).
    public var numRows: Int?
    /// Encoding of the values.
    public var encoding: ParquetEncoding
    /// Encoding of the definition levels (RLE or BIT_PACKED).
    public var definitionLevelEncoding: ParquetEncoding
    /// Encoding of the repetition levels (RLE or BIT_PACKED).
    public var repetitionLevelEncoding: ParquetEncoding
    /// Repetition levels section.
    public var repetitionLevels: PageBody
    /// Definition levels section.
    public var definitionLevels: PageBody
    /// Encoded values section.
    public var values: PageBody
    /// Page statistics, if written.
    public var statistics: ParquetStatistics?
    /// File offset of the page header.
    public var fileOffset: Int64
}

/// A page of a column chunk.
public enum ParquetPage: Sendable {
    /// The dictionary page (at most one, first).
    case dictionary(DictionaryPage)
    /// A data page.
    case data(DataPage)
}

/// One step of ``ColumnChunkPageReader/next(skipping:)``.
public enum PageStep: Sendable {
    /// A page, decompressed.
    case page(ParquetPage)
    /// A page passed over unread (its header only).
    case skipped(PageHeader)
}

extension PageHeader {
    /// Level entries of a data page (rows, in a column without repetition); nil for other pages.
    public var dataPageValueCount: Int? {
        switch type {
        case .dataPage: return dataPageHeader.map { Int($0.numValues) }
        case .dataPageV2: return dataPageHeaderV2.map { Int($0.numValues) }
        default: return nil
        }
    }

    /// The statistics of a data page, where its header has them.
    public var dataPageStatistics: ParquetStatistics? {
        dataPageHeader?.statistics ?? dataPageHeaderV2?.statistics
    }
}
