import PFColumnar

/// Runs `body`, naming the row group and column in the errors it throws: format,
/// unsupported and invalid-argument errors become `"row group G, column 'a.b': …"` (an
/// invalid argument raised while decoding is a format error of the file); anything else
/// that is not a `PFError` becomes a format error. Every read path (full, streaming,
/// selective) decodes leaves through this, so their messages agree.
func withColumnContext<T>(_ desc: ColumnDescriptor, rowGroup: Int, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as PFError {
        let at = "row group \(rowGroup), column '\(desc.dotPath)'"
        switch e {
        case .format(let m, let off): throw PFError.format("\(at): \(m)", offset: off)
        case .unsupported(let m): throw PFError.unsupported("\(at): \(m)")
        case .invalidArgument(let m): throw PFError.format("\(at): \(m)")
        default: throw e
        }
    } catch {
        throw PFError.format("row group \(rowGroup), column '\(desc.dotPath)': \(error)")
    }
}
