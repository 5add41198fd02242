import ParquetFrame
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parquet writing functions of the C ABI. See include/parquetframe.h.

@_cdecl("pf_parquet_write")
public func pf_parquet_write(_ t: OpaquePointer?, _ path: UnsafePointer<CChar>?,
                             _ optionsJSON: UnsafePointer<CChar>?) -> Int32 {
    guarded("pf_parquet_write") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let path = String(cString: try require(path, "path"))
        let json = optionsJSON.map { String(cString: $0) }
        do {
            let options = try ParquetWriteOptions.fromJSON(json)
            try ParquetWriter.write(table, to: path, options: options)
            Log.info("parquet_write: backend=swift rows=\(table.numRows) columns=\(table.numColumns) path=\(path) "
                     + "compression=\(options.compression)")
        } catch let e as PFError {
            throw e
        } catch {
            throw .internalError("\(error)")
        }
    }
}
