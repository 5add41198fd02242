import CArrowABI

extension Table {
    /// Imports a table by consuming an `ArrowArrayStream` of struct arrays. The
    /// stream is moved (its `release` is NULL on return, success or not) and each
    /// batch is imported without copying and fully validated.
    public static func importFromC(_ stream: UnsafeMutablePointer<ArrowArrayStream>) throws(PFError) -> Table {
        guard stream.pointee.release != nil else { throw .invalidArgument("stream is released") }
        // Move the stream so the caller's struct is released whatever happens.
        var moved = stream.pointee
        stream.pointee.release = nil
        defer { pf_arrow_stream_release(&moved) }

        var cs = ArrowSchema()
        let rc = pf_arrow_stream_get_schema(&moved, &cs)
        guard rc == 0 else { throw .invalidArgument("stream get_schema failed (\(rc)): \(lastError(&moved))") }
        defer { pf_arrow_schema_release(&cs) }
        let schema = try Schema.importFromC(&cs)
        var batches: [RecordBatch] = []
        while true {
            var ca = ArrowArray()
            let rc = pf_arrow_stream_get_next(&moved, &ca)
            guard rc == 0 else { throw .invalidArgument("stream get_next failed (\(rc)): \(lastError(&moved))") }
            if ca.release == nil { break }
            let data = try ArrayData.importFromC(&ca, type: .struct(schema.fields))
            batches.append(try RecordBatch(structArray: data, schema: schema))
        }
        return try Table(schema: schema, batches: batches)
    }

    private static func lastError(_ s: UnsafeMutablePointer<ArrowArrayStream>) -> String {
        pf_arrow_stream_get_last_error(s).map { String(cString: $0) } ?? "no message"
    }
}

extension RecordBatch {
    /// A batch from a struct array without nulls (zero-copy; children are sliced by the
    /// struct's offset).
    public init(structArray data: ArrayData, schema: Schema) throws(PFError) {
        guard case .struct(let fields) = data.type, fields == schema.fields else {
            throw .invalidArgument("record batch array must be a struct matching the schema")
        }
        guard data.nullCount == 0 else {
            throw .invalidArgument("record batch struct array has \(data.nullCount) top-level nulls")
        }
        let cols = data.children.map { $0.slice(unchecked: data.offset, data.length) }
        try self.init(schema: schema, columns: cols, numRows: data.length)
    }

    /// Imports one struct array plus its schema (the C Data Interface form of a batch).
    /// The array is moved; the schema stays owned by the caller.
    public static func importFromC(schema: UnsafePointer<ArrowSchema>, array: UnsafeMutablePointer<ArrowArray>) throws(PFError) -> RecordBatch {
        let s = try Schema.importFromC(schema)
        let data = try ArrayData.importFromC(array, type: .struct(s.fields))
        return try RecordBatch(structArray: data, schema: s)
    }
}
