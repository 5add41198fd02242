#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
private func sysClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
private func sysClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif

/// Streaming counterparts of ``DataFiles/read(_:columns:)`` and
/// ``DataFiles/write(_:to:compression:rowGroupSize:)``: batches in, batches out, with
/// memory bounded by one batch (one row group for Parquet).
extension DataFiles {
    /// A stream of record batches read from a file.
    public final class BatchStream {
        /// The file kind.
        public let kind: Kind
        private var nextBatch: () throws -> RecordBatch?
        private var currentSchema: () -> Schema?
        /// Total rows when the format knows them up front (Parquet), else nil.
        public let totalRows: Int64?

        init(kind: Kind, totalRows: Int64?, next: @escaping () throws -> RecordBatch?, schema: @escaping () -> Schema?) {
            self.kind = kind
            self.totalRows = totalRows
            self.nextBatch = next
            self.currentSchema = schema
        }

        /// The schema of the batches. For CSV with inferred types it is known only after
        /// the first call to ``next()``.
        public var schema: Schema? { currentSchema() }

        /// The next batch, or nil at the end.
        public func next() throws(PFError) -> RecordBatch? {
            do {
                return try nextBatch()
            } catch let e as PFError {
                throw e
            } catch {
                throw .format("\(error)")
            }
        }
    }

    /// Opens `path` as a stream of batches of at most `batchSize` rows (CSV types are
    /// inferred from the first batch, as `CSVBatchReader` does).
    public static func openBatches(_ path: String, columns: [String]? = nil,
                                   batchSize: Int = 65_536) throws(PFError) -> BatchStream {
        let k = try kind(of: path)
        switch k {
        case .parquet:
            do {
                let reader = try ParquetReader(path: path)
                let it = try reader.batches(columns: columns, batchSize: batchSize)
                let schema = it.schema
                return BatchStream(kind: k, totalRows: reader.metadata.numRows, next: { try it.next() },
                                   schema: { schema })
            } catch let e as PFError {
                throw e
            } catch {
                throw .format("'\(path)': \(error)")
            }
        case .csv, .tsv:
            var o = CSVReadOptions()
            if k == .tsv { o.delimiter = 9 }
            o.columns = columns
            o.batchSize = batchSize
            let r = try CSVBatchReader(path: path, options: o)
            return BatchStream(kind: k, totalRows: nil, next: { try r.next() }, schema: { r.schema })
        case .avro:
            let r = try AvroBatchReader(path: path, options: AvroReadOptions(columns: columns, batchSize: batchSize))
            let schema = r.schema
            return BatchStream(kind: k, totalRows: nil, next: { try r.next() }, schema: { schema })
        }
    }

    /// Writes batches to a file, atomically: nothing appears under `path` until
    /// ``close()`` succeeds; ``abort()`` (or dropping the sink unclosed) removes the
    /// temporary file.
    public final class BatchSink {
        private let writeBatch: (RecordBatch) throws -> Void
        private let closeSink: () throws -> Void
        private let abortSink: () -> Void
        private var done = false

        init(write: @escaping (RecordBatch) throws -> Void, close: @escaping () throws -> Void,
             abort: @escaping () -> Void) {
            writeBatch = write
            closeSink = close
            abortSink = abort
        }

        deinit { if !done { abortSink() } }

        /// Appends `batch`.
        public func write(_ batch: RecordBatch) throws(PFError) {
            do { try writeBatch(batch) } catch { abort(); throw DataFiles.pfError(error) }
        }

        /// Finishes the file and moves it into place.
        public func close() throws(PFError) {
            guard !done else { return }
            do { try closeSink(); done = true } catch { abort(); throw DataFiles.pfError(error) }
        }

        /// Abandons the output; `path` is left as it was.
        public func abort() {
            guard !done else { return }
            done = true
            abortSink()
        }
    }

    static func pfError(_ error: any Error) -> PFError {
        if let e = error as? PFError { return e }
        return .internalError("\(error)")
    }

    /// Opens a writer for `path` by extension (`.parquet`/`.pqt` or `.csv`/`.tsv`).
    public static func openWriter(_ path: String, schema: Schema, compression: String = "zstd",
                                  rowGroupSize: Int? = nil) throws(PFError) -> BatchSink {
        switch try kind(of: path) {
        case .parquet:
            do {
                var o = ParquetWriteOptions()
                o.compression = try ParquetWriteOptions.codec(named: compression)
                if let n = rowGroupSize { o.rowGroupSize = n }
                let w = try ParquetWriter(path: path, schema: schema, options: o)
                return BatchSink(write: { try w.write(batch: $0) }, close: { try w.close() }, abort: { w.abort() })
            } catch {
                throw pfError(error)
            }
        case .csv, .tsv:
            var o = CSVWriteOptions()
            if try kind(of: path) == .tsv { o.delimiter = 9 }
            let w = try StreamingCSVFile(path: path, schema: schema, options: o)
            return BatchSink(write: { try w.write($0) }, close: { try w.close() }, abort: { w.abort() })
        case .avro:
            throw .unsupported("writing .avro files is not supported ('\(path)')")
        }
    }
}

/// A CSV file written batch by batch under a temporary name and renamed into place.
final class StreamingCSVFile {
    private let path: String
    private let tmp: String
    private let dir: String
    private let schema: Schema
    private var options: CSVWriteOptions
    private var fd: Int32
    private var wroteHeader = false

    init(path: String, schema: Schema, options: CSVWriteOptions) throws(PFError) {
        let slash = path.lastIndex(of: "/")
        dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .invalidArgument("CSV output path '\(path)' names a directory") }
        self.path = path
        self.schema = schema
        self.options = options
        tmp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot create '\(tmp)': \(String(cString: strerror(errno)))") }
    }

    deinit { abort() }

    func write(_ batch: RecordBatch) throws(PFError) {
        let table = try Table(schema: schema, batches: [batch])
        try emit(table)
    }

    private func emit(_ table: Table) throws(PFError) {
        var o = options
        o.header = options.header && !wroteHeader
        let bytes = try CSVWriter.encode(table, options: o)
        wroteHeader = true
        var failure: PFError? = nil
        bytes.withUnsafeBytes { (b: UnsafeRawBufferPointer) in
            guard let base = b.baseAddress else { return }
            var done = 0
            while done < b.count {
                let r = sysWrite(fd, base + done, b.count - done)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = .io("cannot write '\(tmp)': \(String(cString: strerror(errno)))")
                    return
                }
                done += r
            }
        }
        if let failure { throw failure }
    }

    func close() throws(PFError) {
        guard fd >= 0 else { throw .io("'\(path)': writer already closed") }
        if !wroteHeader { try emit(try Table(schema: schema, batches: [])) }
        guard fsync(fd) == 0 else { throw .io("fsync '\(tmp)': \(String(cString: strerror(errno)))") }
        let f = fd
        fd = -1
        guard sysClose(f) == 0 else { unlink(tmp); throw .io("close '\(tmp)': \(String(cString: strerror(errno)))") }
        guard rename(tmp, path) == 0 else {
            let msg = String(cString: strerror(errno))
            unlink(tmp)
            throw .io("cannot rename '\(tmp)' to '\(path)': \(msg)")
        }
        let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); _ = sysClose(dfd) }
    }

    func abort() {
        guard fd >= 0 else { return }
        _ = sysClose(fd)
        fd = -1
        unlink(tmp)
    }
}
