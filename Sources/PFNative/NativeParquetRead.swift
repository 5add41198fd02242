import ParquetFrame
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parquet reading functions of the C ABI. See include/parquetframe.h ("reading").

/// The object behind an opaque `pf_parquet_reader*`: a batch iterator, serialised by a lock.
final class ParquetReaderHandle {
    let reader: ParquetBatchReader
    private var lock = pthread_mutex_t()
    init(_ reader: ParquetBatchReader) {
        self.reader = reader
        pthread_mutex_init(&lock, nil)
    }
    deinit { pthread_mutex_destroy(&lock) }

    func next() throws(PFError) -> RecordBatch? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        do { return try reader.next() } catch { throw PFError.wrap(error) }
    }

    static func get(_ p: OpaquePointer?) throws(PFError) -> ParquetReaderHandle {
        let p = try require(p, "reader")
        return Unmanaged<ParquetReaderHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

extension PFError {
    /// Any error as a PFError (non-PFErrors become format errors: they come from decoding).
    static func wrap(_ e: any Error) -> PFError {
        if let p = e as? PFError { return p }
        return .format("\(e)")
    }
}

func cString(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }

@_cdecl("pf_parquet_read")
public func pf_parquet_read(_ path: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
                            _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_parquet_read") { () throws(PFError) in
        let path = try require(cString(path), "path")
        let out = try require(out, "out")
        do {
            let req = try ParquetReadRequest(json: cString(optionsJSON))
            let reader = try ParquetReader(path: path)
            let table = try reader.read(columns: req.columns, rowGroups: req.rowGroups, filter: req.filter,
                                        options: req.options)
            out.pointee = TableHandle.make(table)
            Log.info("parquet_read: backend=swift path=\(path) rows=\(table.numRows) columns=\(table.numColumns)")
        } catch { throw PFError.wrap(error) }
    }
}

@_cdecl("pf_parquet_open_batches")
public func pf_parquet_open_batches(_ path: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
                                    _ batchSize: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_parquet_open_batches") { () throws(PFError) in
        let path = try require(cString(path), "path")
        let out = try require(out, "out")
        guard batchSize > 0 else { throw .invalidArgument("batch_size must be > 0, got \(batchSize)") }
        do {
            let req = try ParquetReadRequest(json: cString(optionsJSON))
            let reader = try ParquetReader(path: path)
            let batches = try reader.batches(columns: req.columns, rowGroups: req.rowGroups, filter: req.filter,
                                             batchSize: Int(clamping: batchSize), options: req.options)
            out.pointee = OpaquePointer(Unmanaged.passRetained(ParquetReaderHandle(batches)).toOpaque())
        } catch { throw PFError.wrap(error) }
    }
}

@_cdecl("pf_parquet_reader_next")
public func pf_parquet_reader_next(_ r: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_parquet_reader_next") { () throws(PFError) in
        let handle = try ParquetReaderHandle.get(r)
        let out = try require(out, "out")
        out.pointee = nil
        if let b = try handle.next() { out.pointee = TableHandle.make(Table(b)) }
    }
}

@_cdecl("pf_parquet_reader_free")
public func pf_parquet_reader_free(_ r: OpaquePointer?) {
    guard let r else { return }
    Unmanaged<ParquetReaderHandle>.fromOpaque(UnsafeRawPointer(r)).release()
}

@_cdecl("pf_parquet_metadata_json")
public func pf_parquet_metadata_json(_ path: UnsafePointer<CChar>?,
                                     _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_parquet_metadata_json") { () throws(PFError) in
        let path = try require(cString(path), "path")
        let out = try require(out, "out")
        do {
            let reader = try ParquetReader(path: path)
            out.pointee = strdup(ParquetMetadataJSON.make(reader).text)
        } catch { throw PFError.wrap(error) }
    }
}
