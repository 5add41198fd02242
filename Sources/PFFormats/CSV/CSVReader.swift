import PFColumnar

/// Reads a whole CSV file into a ``Table``, in parallel.
///
/// ```swift
/// var o = CSVReadOptions()
/// o.columnTypes = ["id": .int64]
/// let table = try CSVReader.read(path: "data.csv", options: o)
/// ```
///
/// The file is memory-mapped (or read when mapping is impossible) and cut into blocks
/// of ``CSVReadOptions/blockSize`` bytes at record boundaries. Block starts are first
/// guessed (the line after the nominal offset), blocks are tokenized in parallel on
/// ``ThreadPool/shared``, then each guess is checked against where the previous block
/// really ended; a wrong guess (a quoted field with newlines crossing the edge) is
/// re-parsed from the true boundary. The result is the same for any thread count and
/// the same as a serial parse. Each non-empty block becomes one record batch.
///
/// Types are inferred over the whole column (see ``CSVReadOptions`` and the type
/// rules in the module docs): a sample of the first block gives a fast-path type,
/// and blocks whose values do not fit promote it.
///
/// Differences from `pyarrow.csv.read_csv` (all documented choices):
/// - an empty file gives an empty table (pyarrow raises);
/// - all-null columns are ``CSVReadOptions/allNullType`` (utf8 by default; pyarrow: null);
/// - `NaN` reads as a float NaN, not as null; `time32` and hexadecimal ints are not inferred.
public enum CSVReader {
    /// Reads the CSV file at `path`.
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws(PFError) -> Table {
        let o = try options.validated()
        let src = try CSVFileSource(path: path, allowMap: !o.disableMemoryMap)
        return try read(source: src, options: o)
    }

    /// Reads CSV text held in memory.
    public static func read(bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) throws(PFError) -> Table {
        let o = try options.validated()
        let src = bytes.withUnsafeBytes { CSVFileSource(bytes: $0) }
        return try read(source: src, options: o)
    }

    /// Reads CSV text held in a string.
    public static func read(text: String, options: CSVReadOptions = CSVReadOptions()) throws(PFError) -> Table {
        try read(bytes: Array(text.utf8), options: options)
    }

    /// The raw records of a CSV file as strings: every record including the header,
    /// with its own number of fields, no null or type processing. Skipped rows,
    /// comments, empty lines, BOM and quoting follow `options`. Useful for conformance
    /// checks and debugging.
    public static func readRecords(path: String, options: CSVReadOptions = CSVReadOptions()) throws(PFError) -> [[String]] {
        let o = try options.validated()
        let src = try CSVFileSource(path: path, allowMap: !o.disableMemoryMap)
        return try records(source: src, options: o)
    }

    /// The raw records of in-memory CSV text (see ``readRecords(path:options:)``).
    public static func readRecords(bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) throws(PFError) -> [[String]] {
        let o = try options.validated()
        let src = bytes.withUnsafeBytes { CSVFileSource(bytes: $0) }
        return try records(source: src, options: o)
    }

    static func records(source src: CSVFileSource, options o: CSVReadOptions) throws(PFError) -> [[String]] {
        let tk = CSVTokenizer(o)
        var start = 0
        let base = src.base, n = src.count
        if n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
        var noHeader = o
        noHeader.header = false
        var skipped = noHeader
        skipped.skipRows = o.skipRows
        // Reuse the preamble logic for BOM / skipped lines / UTF-16 detection.
        switch try CSVPreamble.parse(base, count: n, isEOF: true, options: skipped, tokenizer: tk) {
        case .empty: return []
        case .needMore: return []
        case .ready(let p): start = p.dataStart
        }
        if o.encodingErrors == .strict,
           let bad = UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: base + start, count: n - start)) {
            throw CSVErrors.invalidUTF8(at: start + bad)
        }
        let t = CSVTokens(width: -1, dataCapacity: n - start, fieldCapacity: 64)
        let out = try tk.tokenize(base, start: start, end: n, isEOF: true, stopAt: n, maxRows: .max, into: t)
        if let e = out.error { throw CSVErrors.make(e, at: out.position, base, count: n, lines: true) }
        return (0..<t.rows).map { r in t.fieldRange(row: r).map { t.string($0) } }
    }

    /// One block of the parallel parse.
    final class Block: @unchecked Sendable {
        var start = 0
        var end = 0
        var tokens: CSVTokens?
        var error: CSVTokenError?
        var errorAt = 0
        var thrown: PFError?
        var invalidUTF8: Int?
        var columns: [ArrayData?] = []
        var masks: [UInt8] = []
        var failedRow: [Int?] = []
    }

    static func tokenizeBlock(_ b: Block, _ base: UnsafePointer<UInt8>, _ n: Int, start: Int, stop: Int,
                              width: Int, _ tk: CSVTokenizer) {
        b.start = start
        b.error = nil; b.thrown = nil; b.invalidUTF8 = nil
        let span = max(0, stop - start)
        let t = CSVTokens(width: width, dataCapacity: span + 64, fieldCapacity: span / 8 + 16)
        do {
            let out = try tk.tokenize(base, start: start, end: n, isEOF: true, stopAt: stop, maxRows: .max, into: t)
            b.end = out.position
            if let e = out.error { b.error = e; b.errorAt = out.position }
            b.invalidUTF8 = UTF8Validation.firstInvalidOffset(
                UnsafeRawBufferPointer(start: base + start, count: out.position - start)).map { $0 + start }
        } catch {
            b.thrown = error
            b.end = start
        }
        b.tokens = t
    }

    static func read(source src: CSVFileSource, options o: CSVReadOptions) throws(PFError) -> Table {
        let tk = CSVTokenizer(o)
        let base = src.base, n = src.count
        let pre: CSVPreamble
        switch try CSVPreamble.parse(base, count: n, isEOF: true, options: o, tokenizer: tk) {
        case .empty, .needMore: return try Table(schema: Schema([]), batches: [])
        case .ready(let p): pre = p
        }
        let width = pre.names.count
        let selected = try CSVReader.projection(pre.names, o.columns)

        // Speculative block starts: the line after each nominal offset.
        let dataBytes = n - pre.dataStart
        let nBlocks = max(1, (dataBytes + o.blockSize - 1) / o.blockSize)
        var starts = [pre.dataStart]
        for k in 1..<max(1, nBlocks) {
            var i = max(pre.dataStart + k * o.blockSize - 1, starts[k - 1])
            while i < n && base[i] != 10 && base[i] != 13 { i += 1 }
            var s = min(n, i + 1)
            if i < n && base[i] == 13 && i + 1 < n && base[i + 1] == 10 { s = i + 2 }
            starts.append(max(s, starts[k - 1]))
        }
        starts.append(n)
        let blocks = (0..<nBlocks).map { _ in Block() }
        let shared = UnsafeSendable((base, starts, blocks, tk))
        ThreadPool.shared.parallelFor(0..<nBlocks, grain: 1) { _, r in
            let (base, starts, blocks, tk) = shared.value
            for k in r { tokenizeBlock(blocks[k], base, n, start: starts[k], stop: starts[k + 1], width: width, tk) }
        }
        // Confirm each block's start; re-parse the ones that guessed wrong.
        var expected = pre.dataStart
        for k in 0..<nBlocks {
            let b = blocks[k]
            if b.start != expected {
                tokenizeBlock(b, base, n, start: expected, stop: max(expected, starts[k + 1]), width: width, tk)
            }
            if let e = b.thrown { throw e }
            if let e = b.error { throw CSVErrors.make(e, at: b.errorAt, base, count: n, lines: true) }
            if o.encodingErrors == .strict, let bad = b.invalidUTF8 { throw CSVErrors.invalidUTF8(at: bad) }
            expected = b.end
        }
        let used = blocks.filter { ($0.tokens?.rows ?? 0) > 0 }
        let fields = try convert(used, names: pre.names, selected: selected, options: o)
        let schema = Schema(fields)
        var batches: [RecordBatch] = []
        for b in used {
            batches.append(try RecordBatch(schema: schema, columns: b.columns.map { $0 ?? ArrayData.emptyNull }))
            b.tokens = nil
        }
        return try Table(schema: schema, batches: batches)
    }

    /// Column indices to read, in output order.
    static func projection(_ names: [String], _ columns: [String]?) throws(PFError) -> [Int] {
        guard let columns else { return Array(names.indices) }
        var out: [Int] = []
        for c in columns {
            guard let i = names.firstIndex(of: c) else {
                throw .invalidArgument("CSV has no column named '\(c)'; columns are: \(names.joined(separator: ", "))")
            }
            out.append(i)
        }
        return out
    }

    /// Infers and converts the selected columns of all blocks (parallel over blocks);
    /// returns the output fields. Each block's `columns` holds the arrays afterwards.
    static func convert(_ blocks: [Block], names: [String], selected: [Int],
                        options o: CSVReadOptions) throws(PFError) -> [Field] {
        let nulls = CSVNullMatcher(o.nullValues)
        let nc = selected.count
        // Fixed types (explicit or no inference) and fast-path guesses from a sample.
        var fixed: [DataType?] = []
        var guess: [DataType?] = []
        let sampleBlock = blocks.first?.tokens
        for c in selected {
            if let t = o.columnTypes[names[c]] { fixed.append(t); guess.append(nil); continue }
            if !o.inferTypes { fixed.append(.utf8); guess.append(nil); continue }
            fixed.append(nil)
            if let t = sampleBlock {
                let m = CSVTypeInference.mask(t, column: c, rows: min(t.rows, max(1, o.sampleRows)), nulls: nulls)
                let bit = CSVTypeInference.pick(m)
                guess.append(bit == CSVTypeInference.allNull ? nil : CSVTypeInference.type(of: bit, allNullType: o.allNullType))
            } else {
                guess.append(nil)
            }
        }
        let ctx = UnsafeSendable((blocks, fixed, guess, selected))
        let replace = o.encodingErrors == .replace
        ThreadPool.shared.parallelFor(0..<blocks.count, grain: 1) { _, r in
            let (blocks, fixed, guess, selected) = ctx.value
            for k in r {
                let b = blocks[k]
                guard let t = b.tokens else { continue }
                b.columns = Array(repeating: nil, count: nc)
                b.masks = Array(repeating: CSVTypeInference.allNull, count: nc)
                b.failedRow = Array(repeating: nil, count: nc)
                let repair = replace && b.invalidUTF8 != nil
                do throws(PFError) {
                    for j in 0..<nc {
                        let c = selected[j]
                        if let ft = fixed[j] {
                            switch try CSVColumnConverter.convert(t, column: c, type: ft, nulls: nulls, repairUTF8: repair) {
                            case .array(let a): b.columns[j] = a
                            case .failed(let row): b.failedRow[j] = row
                            }
                            continue
                        }
                        if let g = guess[j] {
                            if case .array(let a) = try CSVColumnConverter.convert(t, column: c, type: g, nulls: nulls, repairUTF8: repair) {
                                b.columns[j] = a
                                b.masks[j] = CSVTypeInference.closure(of: CSVTypeInference.bit(of: g) ?? 0)
                                continue
                            }
                        }
                        b.masks[j] = CSVTypeInference.mask(t, column: c, rows: t.rows, nulls: nulls)
                    }
                } catch {
                    b.thrown = error
                }
            }
        }
        // Errors, in file order.
        var rowBase = 0
        for b in blocks {
            if let e = b.thrown { throw e }
            for j in 0..<nc {
                if let row = b.failedRow[j], let t = b.tokens, let ft = fixed[j] {
                    let f = t.field(row * t.width + selected[j])
                    let v = String(decoding: UnsafeBufferPointer(start: f.start, count: f.count), as: UTF8.self)
                    throw CSVErrors.badValue(column: names[selected[j]], type: ft, row: rowBase + row + 1, value: v)
                }
            }
            rowBase += b.tokens?.rows ?? 0
        }
        // Final types: the intersection of every block's mask.
        var types: [DataType] = []
        for j in 0..<nc {
            if let ft = fixed[j] { types.append(ft); continue }
            var m = CSVTypeInference.allNull
            for b in blocks { m &= b.masks[j] }
            types.append(CSVTypeInference.type(of: CSVTypeInference.pick(m), allNullType: o.allNullType))
        }
        // Convert what the fast path did not produce with the final type.
        let ctx2 = UnsafeSendable((blocks, types, selected))
        ThreadPool.shared.parallelFor(0..<blocks.count, grain: 1) { _, r in
            let (blocks, types, selected) = ctx2.value
            for k in r {
                let b = blocks[k]
                guard let t = b.tokens else { continue }
                let repair = replace && b.invalidUTF8 != nil
                for j in 0..<nc where b.columns[j]?.type != types[j] {
                    do throws(PFError) {
                        switch try CSVColumnConverter.convert(t, column: selected[j], type: types[j], nulls: nulls, repairUTF8: repair) {
                        case .array(let a): b.columns[j] = a
                        case .failed(let row): b.thrown = .internalError("CSV inference chose \(types[j].shortName) but row \(row) does not fit")
                        }
                    } catch {
                        b.thrown = error
                    }
                }
            }
        }
        for b in blocks { if let e = b.thrown { throw e } }
        return (0..<nc).map { Field(names[selected[$0]], types[$0]) }
    }
}

extension ArrayData {
    /// A zero-length null array (placeholder, never part of a result).
    static let emptyNull = ArrayData(unchecked: .null, length: 0, nullCount: 0, buffers: [])
}
