import ParquetFrame

/// The object behind an opaque `pf_table*`.
final class TableHandle {
    let table: Table
    init(_ table: Table) { self.table = table }

    /// Retains a new handle and returns its opaque pointer.
    static func make(_ table: Table) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(TableHandle(table)).toOpaque())
    }

    /// The table behind a handle (not consumed).
    static func get(_ p: OpaquePointer?) throws(PFError) -> Table {
        let p = try require(p, "table")
        return Unmanaged<TableHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue().table
    }
}
