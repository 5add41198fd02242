import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rows of one planned column of one row group, handed out a batch at a time.
protocol StreamingColumnSource: AnyObject {
    /// The next `n` rows (exactly), as the planned output type.
    func take(_ n: Int) throws -> ArrayData
    /// Throws when the column holds rows beyond those taken.
    func finish() throws
}

/// A column decoded a whole row group at a time (nested columns, whose rows span pages by
/// repetition levels), sliced into batches.
final class WholeGroupColumn: StreamingColumnSource {
    let array: ArrayData
    let name: String
    let group: Int
    private var position = 0

    init(array: ArrayData, name: String, group: Int) {
        self.array = array
        self.name = name
        self.group = group
    }

    func take(_ n: Int) throws -> ArrayData {
        guard n <= array.length - position else {
            throw PFError.format("row group \(group): column '\(name)' has \(array.length) rows, fewer than the row group")
        }
        defer { position += n }
        return array.slice(unchecked: position, n)
    }

    func finish() throws {
        guard position == array.length else {
            throw PFError.format("row group \(group): column '\(name)' has \(array.length) rows, more than the other columns")
        }
    }
}

/// A flat (non-repeated, top-level leaf) column decoded page by page: a page cursor over
/// the mmap'd chunk and a decoder keeping the dictionary. Pages are decoded until the
/// batch is covered; the decoded rows beyond it wait (as a zero-copy slice) for the next
/// batch. Memory: the batch plus about one page per column.
final class StreamingLeafColumn: StreamingColumnSource {
    let job: ReadJob
    let planned: ParquetReader.PlannedColumn
    let leaf: Int
    let group: Int
    let column: ColumnDescriptor
    private let decoder: LeafChunkDecoder
    private var pages: ColumnChunkPageReader?
    /// Decoded rows not yet handed out (leaf read type), oldest first.
    private var pending: [ArrayData] = []
    private var pendingRows = 0

    init(job: ReadJob, planned: ParquetReader.PlannedColumn, leaf: Int, group: Int) throws {
        self.job = job
        self.planned = planned
        self.leaf = leaf
        self.group = group
        let r = job.reader
        column = r.metadata.columns[leaf]
        let desc = column
        let type = planned.node.field.type
        let keep = desc.maxDefinitionLevel > (planned.node.field.nullable ? 1 : 0)
        (decoder, pages) = try withColumnContext(desc, rowGroup: group) {
            let dec = try LeafChunkDecoder(column: desc, type: type, keepDefinitionLevels: keep)
            let chunk = try r.metadata.columnChunk(rowGroup: group, column: leaf)
            var pages: ColumnChunkPageReader?
            // A chunk of no values has nothing to decode (writers leave odd offsets there).
            if chunk.isEncrypted || chunk.metaData?.numValues != 0 {
                pages = try r.file.pageReader(rowGroup: group, column: leaf,
                                              options: PageReaderOptions(verifyChecksums: job.options.verifyChecksums))
            }
            return (dec, pages)
        }
    }

    /// Decodes pages until `need` more rows are buffered or the chunk ends; false at the end.
    private func fill(_ need: Int) throws -> Bool {
        guard pages != nil else { return false }
        let got: ArrayData? = try withColumnContext(column, rowGroup: group) {
            while decoder.bufferedRows < need {
                let start = pages!.nextPageOffset
                guard let p = try pages!.next() else { pages = nil; break }
                try decoder.consume(p)
                // The page's bytes are not needed again: keep them out of the resident set.
                MappedRelease.release(job.reader.file.file, start..<pages!.nextPageOffset)
            }
            if decoder.bufferedRows == 0 { return nil }
            return try decoder.drain().values
        }
        guard let got else { return false }
        pending.append(got)
        pendingRows += got.length
        return true
    }

    func take(_ n: Int) throws -> ArrayData {
        while pendingRows < n {
            guard try fill(n - pendingRows) else {
                throw PFError.format("row group \(group): column '\(planned.name)' has fewer rows than the row group")
            }
        }
        // Gather exactly n rows from the pending pieces.
        var parts: [ArrayData] = []
        var left = n
        while left > 0 {
            let a = pending[0]
            if a.length <= left {
                parts.append(a)
                left -= a.length
                pending.removeFirst()
            } else {
                parts.append(a.slice(unchecked: 0, left))
                pending[0] = a.slice(unchecked: left, a.length - left)
                left = 0
            }
        }
        pendingRows -= n
        let values: ArrayData
        if parts.count == 1 {
            values = parts[0]
        } else {
            values = try StreamingConcat.concat(parts)
            // The pieces were copied: free their memory on release instead of caching it.
            for a in parts { for b in a.buffers { b?.markScratch() } }
        }
        let chunk = LeafChunk(column: column, levelCount: n, definitionLevels: [], repetitionLevels: [],
                              values: values, rowCount: n, isSpread: true)
        return try job.assemble(planned, [leaf: chunk], group: group)
    }

    func finish() throws {
        if pendingRows == 0, try !fill(1) { return }
        throw PFError.format("row group \(group): column '\(planned.name)' has more rows than the row group")
    }
}

/// Concatenation of the flat arrays the leaf decoder produces (null, boolean, fixed width,
/// binary with 32- or 64-bit offsets, int32-indexed dictionaries whose dictionaries only
/// grow by appending, so the last one serves all pieces).
enum StreamingConcat {
    static func concat(_ parts: [ArrayData]) throws -> ArrayData {
        guard let first = parts.first else { throw PFError.internalError("concat of nothing") }
        let type = first.type
        let n = parts.reduce(0) { $0 + $1.length }
        let nulls = parts.reduce(0) { $0 + $1.nullCount }
        if case .null = type { return ArrayData(unchecked: .null, length: n, nullCount: n, buffers: []) }
        var validity: Buffer?
        if nulls > 0 {
            let v = ColumnBuffer()
            v.resize(Bitmap.byteCount(bits: n))
            var at = 0
            for a in parts {
                if a.nullCount == 0 {
                    for i in 0..<a.length { Bitmap.set(v.pointer, at + i, true) }
                } else if let src = a.validity {
                    for i in 0..<a.length where Bitmap.get(src.baseAddress, a.offset + i) { Bitmap.set(v.pointer, at + i, true) }
                }
                at += a.length
            }
            validity = v.finish()
        }
        switch type.layout {
        case .bitmap:
            let out = ColumnBuffer()
            out.resize(Bitmap.byteCount(bits: n))
            var at = 0
            for a in parts {
                let src = (a.buffers[1] ?? Buffer.empty).baseAddress
                for i in 0..<a.length where Bitmap.get(src, a.offset + i) { Bitmap.set(out.pointer, at + i, true) }
                at += a.length
            }
            return ArrayData(unchecked: type, length: n, nullCount: nulls, buffers: [validity, out.finish()])
        case .fixedWidth(let w):
            let out = ColumnBuffer(capacity: n * w)
            for a in parts where a.length > 0 {
                let src = (a.buffers[1] ?? Buffer.empty).baseAddress
                out.append(src + a.offset * w, a.length * w)
            }
            return ArrayData(unchecked: type, length: n, nullCount: nulls, buffers: [validity, out.finish()],
                             dictionary: parts.last?.dictionary)
        case .variableBinary(let ow) where ow == 4 || ow == 8:
            let offs = ColumnBuffer(capacity: (n + 1) * ow)
            let data = ColumnBuffer()
            if ow == 4 { offs.append(Int32(0)) } else { offs.append(Int64(0)) }
            var cur = 0
            for a in parts {
                let op = (a.buffers[1] ?? Buffer.empty).baseAddress
                let bytes = (a.buffers[2] ?? Buffer.empty).baseAddress
                func off(_ j: Int) -> Int {
                    ow == 4 ? Int(op.loadUnaligned(fromByteOffset: j * 4, as: Int32.self))
                        : Int(op.loadUnaligned(fromByteOffset: j * 8, as: Int64.self))
                }
                let s = a.length > 0 ? off(a.offset) : 0
                let e = a.length > 0 ? off(a.offset + a.length) : 0
                guard ow == 8 || cur + (e - s) <= Int(Int32.max) else {
                    throw PFError.unsupported("more than 2 GiB of string data in one batch")
                }
                data.append(bytes + s, e - s)
                for i in 0..<a.length {
                    let o = cur + off(a.offset + i + 1) - s
                    if ow == 4 { offs.append(Int32(truncatingIfNeeded: o)) } else { offs.append(Int64(o)) }
                }
                cur += e - s
            }
            return ArrayData(unchecked: type, length: n, nullCount: nulls, buffers: [validity, offs.finish(), data.finish()])
        default:
            throw PFError.internalError("streaming concat of \(type.shortName)")
        }
    }
}
