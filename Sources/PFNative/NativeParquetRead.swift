import ParquetFrame
import CArrowABI
import Synchronization
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
            out.pointee = strdup(try ParquetMetadataJSON.makeChecked(reader).text)
        } catch { throw PFError.wrap(error) }
    }
}

// MARK: metadata handle

/// The object behind an opaque `pf_parquet_metadata*`: the footer, read without mapping the
/// file (column chunks decoded on access), and a reader for the Arrow schema and the JSON
/// parts, made on first use under a lock. The footer is immutable, so the accessors need
/// no lock.
final class ParquetMetadataHandle {
    let path: String
    let metadata: ParquetFileMetadata
    /// `created_by` as a C string owned by the handle (nil when absent).
    let createdBy: UnsafeMutablePointer<CChar>?
    private let cachedReader = Mutex<ParquetReader?>(nil)

    init(path: String) throws {
        self.path = path
        metadata = try ParquetFileMetadata.read(path: path)
        createdBy = metadata.createdBy.map { strdup($0) }
    }
    deinit { free(createdBy) }

    /// The reader over the file (mapped on first call) with the footer already decoded.
    func reader() throws(PFError) -> ParquetReader {
        do {
            return try cachedReader.withLock { cached in
                if let r = cached { return r }
                let r = try ParquetReader(file: ParquetFile(file: MappedFile(path: path), metadata: metadata))
                cached = r
                return r
            }
        } catch { throw PFError.wrap(error) }
    }

    static func get(_ p: OpaquePointer?) throws(PFError) -> ParquetMetadataHandle {
        let p = try require(p, "metadata")
        return Unmanaged<ParquetMetadataHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    static func peek(_ p: OpaquePointer?) -> ParquetMetadataHandle? {
        guard let p else { return nil }
        return Unmanaged<ParquetMetadataHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

@_cdecl("pf_parquet_metadata_open")
public func pf_parquet_metadata_open(_ path: UnsafePointer<CChar>?,
                                     _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_parquet_metadata_open") { () throws(PFError) in
        let path = try require(cString(path), "path")
        let out = try require(out, "out")
        do {
            out.pointee = OpaquePointer(Unmanaged.passRetained(try ParquetMetadataHandle(path: path)).toOpaque())
        } catch { throw PFError.wrap(error) }
    }
}

@_cdecl("pf_parquet_metadata_free")
public func pf_parquet_metadata_free(_ m: OpaquePointer?) {
    guard let m else { return }
    Unmanaged<ParquetMetadataHandle>.fromOpaque(UnsafeRawPointer(m)).release()
}

@_cdecl("pf_parquet_metadata_num_rows")
public func pf_parquet_metadata_num_rows(_ m: OpaquePointer?) -> Int64 {
    ParquetMetadataHandle.peek(m)?.metadata.numRows ?? -1
}

@_cdecl("pf_parquet_metadata_num_row_groups")
public func pf_parquet_metadata_num_row_groups(_ m: OpaquePointer?) -> Int64 {
    ParquetMetadataHandle.peek(m).map { Int64($0.metadata.numRowGroups) } ?? -1
}

@_cdecl("pf_parquet_metadata_num_columns")
public func pf_parquet_metadata_num_columns(_ m: OpaquePointer?) -> Int64 {
    ParquetMetadataHandle.peek(m).map { Int64($0.metadata.columns.count) } ?? -1
}

@_cdecl("pf_parquet_metadata_created_by")
public func pf_parquet_metadata_created_by(_ m: OpaquePointer?) -> UnsafePointer<CChar>? {
    ParquetMetadataHandle.peek(m)?.createdBy.map { UnsafePointer($0) }
}

@_cdecl("pf_parquet_metadata_row_group_num_rows")
public func pf_parquet_metadata_row_group_num_rows(_ m: OpaquePointer?, _ g: Int64) -> Int64 {
    guard let h = ParquetMetadataHandle.peek(m), g >= 0, g < Int64(h.metadata.numRowGroups) else { return -1 }
    return h.metadata.rowGroups[Int(g)].numRows
}

@_cdecl("pf_parquet_metadata_row_group_total_byte_size")
public func pf_parquet_metadata_row_group_total_byte_size(_ m: OpaquePointer?, _ g: Int64) -> Int64 {
    guard let h = ParquetMetadataHandle.peek(m), g >= 0, g < Int64(h.metadata.numRowGroups) else { return -1 }
    return h.metadata.rowGroups[Int(g)].totalByteSize
}

@_cdecl("pf_parquet_metadata_export_schema")
public func pf_parquet_metadata_export_schema(_ m: OpaquePointer?, _ out: UnsafeMutablePointer<ArrowSchema>?) -> Int32 {
    guarded("pf_parquet_metadata_export_schema") { () throws(PFError) in
        let h = try ParquetMetadataHandle.get(m)
        try h.reader().schema().exportToC(try require(out, "out"))
    }
}

@_cdecl("pf_parquet_metadata_part_json")
public func pf_parquet_metadata_part_json(_ m: OpaquePointer?, _ part: Int64,
                                          _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_parquet_metadata_part_json") { () throws(PFError) in
        let h = try ParquetMetadataHandle.get(m)
        let out = try require(out, "out")
        let md = h.metadata
        do {
            switch part {
            case -2: out.pointee = strdup(try ParquetMetadataJSON.makeChecked(h.reader()).text)
            case -1: out.pointee = strdup(ParquetMetadataJSON.fileLevel(try h.reader()).text)
            case 0..<Int64(md.numRowGroups): out.pointee = strdup(try ParquetMetadataJSON.rowGroup(md, Int(part)).text)
            default: throw PFError.invalidArgument("row group \(part) out of range 0..<\(md.numRowGroups)")
            }
        } catch { throw PFError.wrap(error) }
    }
}
