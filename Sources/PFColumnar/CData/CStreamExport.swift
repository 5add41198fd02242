import CArrowABI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State behind an exported `ArrowArrayStream`: the table and a cursor.
final class ExportedStream {
    let table: Table
    var next = 0
    var lastError: UnsafeMutablePointer<CChar>? = nil
    init(_ table: Table) { self.table = table }
    deinit { free(lastError) }
}

private func streamState(_ s: UnsafeMutablePointer<ArrowArrayStream>?) -> ExportedStream? {
    guard let s, s.pointee.release != nil, let pd = s.pointee.private_data else { return nil }
    return Unmanaged<ExportedStream>.fromOpaque(pd).takeUnretainedValue()
}

private let streamGetSchema: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?, UnsafeMutablePointer<ArrowSchema>?) -> Int32 = { s, out in
    guard let st = streamState(s), let out else { return EINVAL }
    st.table.schema.exportToC(out)
    return 0
}

private let streamGetNext: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?, UnsafeMutablePointer<ArrowArray>?) -> Int32 = { s, out in
    guard let st = streamState(s), let out else { return EINVAL }
    if st.next < st.table.batches.count {
        st.table.batches[st.next].exportToC(out)
        st.next += 1
    } else {
        // End of stream: a released (zeroed) array.
        out.pointee = ArrowArray(length: 0, null_count: 0, offset: 0, n_buffers: 0, n_children: 0,
                                 buffers: nil, children: nil, dictionary: nil, release: nil, private_data: nil)
    }
    return 0
}

private let streamGetLastError: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?) -> UnsafePointer<CChar>? = { s in
    guard let st = streamState(s) else { return nil }
    return UnsafePointer(st.lastError)
}

private let streamRelease: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?) -> Void = { s in
    guard let s, s.pointee.release != nil, let pd = s.pointee.private_data else { return }
    Unmanaged<ExportedStream>.fromOpaque(pd).release()
    s.pointee.release = nil
    s.pointee.private_data = nil
}

extension Table {
    /// Exports the table as an `ArrowArrayStream` of struct arrays, one per batch,
    /// without copying buffers. The consumer must call `out.release` exactly once.
    public func exportToC(_ out: UnsafeMutablePointer<ArrowArrayStream>) {
        let st = ExportedStream(self)
        out.pointee = ArrowArrayStream(get_schema: streamGetSchema, get_next: streamGetNext,
                                       get_last_error: streamGetLastError, release: streamRelease,
                                       private_data: Unmanaged.passRetained(st).toOpaque())
    }
}
