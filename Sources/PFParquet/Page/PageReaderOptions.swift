/// Options of ``ColumnChunkPageReader``.
public struct PageReaderOptions: Sendable {
    /// Verify page CRC32 checksums where the header carries one.
    public var verifyChecksums: Bool
    /// Limits for decoding page headers.
    public var thriftLimits: ThriftLimits

    /// Creates options.
    public init(verifyChecksums: Bool = false, thriftLimits: ThriftLimits = ThriftLimits(maxDepth: 16)) {
        self.verifyChecksums = verifyChecksums
        self.thriftLimits = thriftLimits
    }
}
