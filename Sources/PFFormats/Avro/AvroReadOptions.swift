import PFColumnar

/// Options of ``AvroReader`` and ``AvroBatchReader``.
public struct AvroReadOptions: Sendable {
    /// Top-level fields to decode, in the order wanted (nil: all, in file order). The
    /// bytes of the other fields are skipped without decoding.
    public var columns: [String]?
    /// Most rows per record batch of ``AvroBatchReader`` (and per chunk of the table that
    /// ``AvroReader`` builds, where a batch never splits a block).
    public var batchSize: Int
    /// Largest decompressed block accepted; bigger output is treated as a decompression bomb.
    public var maxBlockBytes: Int
    /// Decode blocks on ``ThreadPool/shared`` (``AvroReader`` only). Results do not depend
    /// on the thread count.
    public var useThreads: Bool

    public init(columns: [String]? = nil, batchSize: Int = 65_536,
                maxBlockBytes: Int = AvroLimits.defaultMaxBlockBytes, useThreads: Bool = true) {
        self.columns = columns
        self.batchSize = batchSize
        self.maxBlockBytes = maxBlockBytes
        self.useThreads = useThreads
    }

    func validated() throws(PFError) -> AvroReadOptions {
        guard batchSize > 0 else { throw .invalidArgument("batch size must be positive, got \(batchSize)") }
        guard maxBlockBytes > 0 else { throw .invalidArgument("maxBlockBytes must be positive") }
        return self
    }
}
