import ParquetFrame
import CArrowABI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Table functions of the C ABI. See include/parquetframe.h.

@_cdecl("pf_table_free")
public func pf_table_free(_ t: OpaquePointer?) {
    guard let t else { return }
    Unmanaged<TableHandle>.fromOpaque(UnsafeRawPointer(t)).release()
}

@_cdecl("pf_table_num_rows")
public func pf_table_num_rows(_ t: OpaquePointer?) -> Int64 {
    (try? TableHandle.get(t)).map { Int64($0.numRows) } ?? -1
}

@_cdecl("pf_table_num_columns")
public func pf_table_num_columns(_ t: OpaquePointer?) -> Int64 {
    (try? TableHandle.get(t)).map { Int64($0.numColumns) } ?? -1
}

@_cdecl("pf_table_num_batches")
public func pf_table_num_batches(_ t: OpaquePointer?) -> Int64 {
    (try? TableHandle.get(t)).map { Int64($0.batches.count) } ?? -1
}

@_cdecl("pf_table_export_stream")
public func pf_table_export_stream(_ t: OpaquePointer?, _ out: UnsafeMutablePointer<ArrowArrayStream>?) -> Int32 {
    guarded("pf_table_export_stream") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let out = try require(out, "out")
        table.exportToC(out)
        Log.info("export_stream: backend=swift rows=\(table.numRows) batches=\(table.batches.count) (zero-copy)")
    }
}

@_cdecl("pf_table_export_schema")
public func pf_table_export_schema(_ t: OpaquePointer?, _ out: UnsafeMutablePointer<ArrowSchema>?) -> Int32 {
    guarded("pf_table_export_schema") { () throws(PFError) in
        let table = try TableHandle.get(t)
        table.schema.exportToC(try require(out, "out"))
    }
}

@_cdecl("pf_table_import_stream")
public func pf_table_import_stream(_ stream: UnsafeMutablePointer<ArrowArrayStream>?,
                                   _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_table_import_stream") { () throws(PFError) in
        let stream = try require(stream, "stream")
        let out = try require(out, "out")
        let table = try Table.importFromC(stream)
        out.pointee = TableHandle.make(table)
        Log.info("import_stream: backend=swift rows=\(table.numRows) batches=\(table.batches.count) (zero-copy)")
    }
}

@_cdecl("pf_table_import_array")
public func pf_table_import_array(_ schema: UnsafeMutablePointer<ArrowSchema>?, _ array: UnsafeMutablePointer<ArrowArray>?,
                                  _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_table_import_array") { () throws(PFError) in
        let schema = try require(schema, "schema")
        defer { pf_arrow_schema_release(schema) }
        let array = try require(array, "array")
        let out = try require(out, "out")
        guard schema.pointee.release != nil else { throw .invalidArgument("schema is released") }
        let batch = try RecordBatch.importFromC(schema: schema, array: array)
        out.pointee = TableHandle.make(Table(batch))
    }
}

@_cdecl("pf_table_slice")
public func pf_table_slice(_ t: OpaquePointer?, _ offset: Int64, _ length: Int64,
                           _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_table_slice") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let out = try require(out, "out")
        guard offset >= 0, length >= 0 else { throw .invalidArgument("offset and length must be >= 0") }
        out.pointee = TableHandle.make(table.slice(Int(clamping: offset), Int(clamping: length)))
    }
}

@_cdecl("pf_table_preview")
public func pf_table_preview(_ t: OpaquePointer?, _ maxRows: Int64,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_table_preview") { () throws(PFError) in
        let table = try TableHandle.get(t)
        let out = try require(out, "out")
        guard maxRows >= 0 else { throw .invalidArgument("max_rows must be >= 0") }
        out.pointee = strdup(TablePreview.render(table, maxRows: Int(clamping: maxRows)))
    }
}

@_cdecl("pf_table_equals")
public func pf_table_equals(_ a: OpaquePointer?, _ b: OpaquePointer?, _ out: UnsafeMutablePointer<Int32>?) -> Int32 {
    guarded("pf_table_equals") { () throws(PFError) in
        let ta = try TableHandle.get(a), tb = try TableHandle.get(b)
        try require(out, "out").pointee = ta.equals(tb) ? 1 : 0
    }
}

@_cdecl("pf_demo_table")
public func pf_demo_table(_ rows: Int64, _ batchRows: Int64, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_demo_table") { () throws(PFError) in
        let out = try require(out, "out")
        let table = try DemoTable.make(rows: Int(clamping: rows), batchRows: Int(clamping: batchRows))
        out.pointee = TableHandle.make(table)
        Log.info("demo_table: backend=swift rows=\(rows)")
    }
}
