import ParquetFrame
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// CSV functions of the C ABI. See the CSV section of include/parquetframe.h.

/// The object behind an opaque `pf_csv_reader*`.
final class CSVReaderHandle {
    let reader: CSVBatchReader
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init(_ reader: CSVBatchReader) {
        self.reader = reader
        pthread_mutex_init(lock, nil)
    }
    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    static func get(_ p: OpaquePointer?) throws(PFError) -> CSVReaderHandle {
        let p = try require(p, "reader")
        return Unmanaged<CSVReaderHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

private func optionalString(_ p: UnsafePointer<CChar>?) -> String? {
    p.map { String(cString: $0) }
}

@_cdecl("pf_csv_read")
public func pf_csv_read(_ path: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
                        _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_csv_read") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        let options = try CSVOptionsJSON.readOptions(optionalString(optionsJSON))
        let table = try CSVReader.read(path: path, options: options)
        out.pointee = TableHandle.make(table)
        Log.info("csv_read: backend=swift rows=\(table.numRows) columns=\(table.numColumns) batches=\(table.batches.count)")
    }
}

@_cdecl("pf_csv_open_batches")
public func pf_csv_open_batches(_ path: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?,
                                _ batchSize: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_csv_open_batches") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        var options = try CSVOptionsJSON.readOptions(optionalString(optionsJSON))
        if batchSize < 0 { throw .invalidArgument("batch_size must be >= 0 (0: default)") }
        if batchSize > 0 { options.batchSize = Int(clamping: batchSize) }
        let reader = try CSVBatchReader(path: path, options: options)
        out.pointee = OpaquePointer(Unmanaged.passRetained(CSVReaderHandle(reader)).toOpaque())
    }
}

@_cdecl("pf_csv_reader_next")
public func pf_csv_reader_next(_ r: OpaquePointer?, _ outBatch: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_csv_reader_next") { () throws(PFError) in
        let h = try CSVReaderHandle.get(r)
        let out = try require(outBatch, "out_batch")
        out.pointee = nil
        pthread_mutex_lock(h.lock)
        defer { pthread_mutex_unlock(h.lock) }
        if let batch = try h.reader.next() {
            out.pointee = TableHandle.make(Table(batch))
        }
    }
}

@_cdecl("pf_csv_reader_free")
public func pf_csv_reader_free(_ r: OpaquePointer?) {
    guard let r else { return }
    Unmanaged<CSVReaderHandle>.fromOpaque(UnsafeRawPointer(r)).release()
}

@_cdecl("pf_csv_write")
public func pf_csv_write(_ t: OpaquePointer?, _ path: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?) -> Int32 {
    guarded("pf_csv_write") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let path = String(cString: try require(path, "path"))
        let options = try CSVOptionsJSON.writeOptions(optionalString(optionsJSON))
        try CSVWriter.write(table, to: path, options: options)
        Log.info("csv_write: backend=swift rows=\(table.numRows) path=\(path)")
    }
}
