import ParquetFrame
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Avro functions of the C ABI. See the Avro section of include/parquetframe.h.

/// The object behind an opaque `pf_avro_reader*`: a streaming reader behind a lock, so
/// calls from several threads are safe.
final class AvroReaderHandle: Sendable {
    let reader: Mutex<AvroBatchReader?>
    init(_ r: sending AvroBatchReader) { reader = Mutex(r) }
}

/// Converts the C column list (n == 0: all columns) to names.
func avroColumns(_ columns: UnsafePointer<UnsafePointer<CChar>?>?, _ n: Int32) throws(PFError) -> [String]? {
    guard n != 0 else { return nil }
    guard n > 0 else { throw .invalidArgument("n_columns must be >= 0, got \(n)") }
    let list = try require(columns, "columns")
    var names: [String] = []
    for i in 0..<Int(n) {
        let c = try require(list[i], "columns[\(i)]")
        names.append(String(cString: c))
    }
    return names
}

@_cdecl("pf_avro_read")
public func pf_avro_read(_ path: UnsafePointer<CChar>?, _ columns: UnsafePointer<UnsafePointer<CChar>?>?,
                         _ nColumns: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_avro_read") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        let table = try AvroReader.read(path: path, options: AvroReadOptions(columns: try avroColumns(columns, nColumns)))
        out.pointee = TableHandle.make(table)
        Log.info("avro_read: backend=swift rows=\(table.numRows) batches=\(table.batches.count)")
    }
}

@_cdecl("pf_avro_open_batches")
public func pf_avro_open_batches(_ path: UnsafePointer<CChar>?, _ columns: UnsafePointer<UnsafePointer<CChar>?>?,
                                 _ nColumns: Int32, _ batchSize: Int64,
                                 _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_avro_open_batches") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        guard batchSize > 0 else { throw .invalidArgument("batch_size must be positive, got \(batchSize)") }
        let options = AvroReadOptions(columns: try avroColumns(columns, nColumns), batchSize: Int(clamping: batchSize))
        let reader = try AvroBatchReader(path: path, options: options)
        out.pointee = OpaquePointer(Unmanaged.passRetained(AvroReaderHandle(reader)).toOpaque())
    }
}

@_cdecl("pf_avro_reader_next")
public func pf_avro_reader_next(_ r: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_avro_reader_next") { () throws(PFError) in
        let r = try require(r, "reader")
        let out = try require(out, "out")
        out.pointee = nil
        let handle = Unmanaged<AvroReaderHandle>.fromOpaque(UnsafeRawPointer(r)).takeUnretainedValue()
        let result: Result<RecordBatch?, PFError> = handle.reader.withLock { reader in
            guard let reader else { return .success(nil) }
            do throws(PFError) { return .success(try reader.next()) } catch { return .failure(error) }
        }
        if let batch = try result.get() { out.pointee = TableHandle.make(Table(batch)) }
    }
}

@_cdecl("pf_avro_reader_free")
public func pf_avro_reader_free(_ r: OpaquePointer?) {
    guard let r else { return }
    Unmanaged<AvroReaderHandle>.fromOpaque(UnsafeRawPointer(r)).release()
}

@_cdecl("pf_avro_schema_json")
public func pf_avro_schema_json(_ path: UnsafePointer<CChar>?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_avro_schema_json") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        out.pointee = strdup(try AvroReader.schemaJSON(path: path))
    }
}
