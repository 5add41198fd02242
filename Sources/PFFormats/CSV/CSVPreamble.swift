import PFColumnar

/// What precedes the data records of a CSV file: byte-order mark, skipped lines and
/// the header record (or the first record, whose width fixes the column count).
struct CSVPreamble {
    /// Column names (from the header, or `f0`, `f1`, ...).
    var names: [String]
    /// Offset of the first data record.
    var dataStart: Int

    enum Outcome {
        /// The preamble is complete.
        case ready(CSVPreamble)
        /// The input holds no record at all.
        case empty
        /// More input is needed (streaming only).
        case needMore
    }

    /// Parses the preamble of `base[0 ..< count]`.
    static func parse(_ base: UnsafePointer<UInt8>, count: Int, isEOF: Bool, options o: CSVReadOptions,
                      tokenizer: CSVTokenizer) throws(PFError) -> Outcome {
        var pos = 0
        if count < 3 && !isEOF { return .needMore }
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { pos = 3 }
        if count >= 2 && ((base[0] == 0xFF && base[1] == 0xFE) || (base[0] == 0xFE && base[1] == 0xFF)) {
            throw .unsupported("CSV input is UTF-16 (byte-order mark \(base[0] == 0xFF ? "FF FE" : "FE FF")); convert it to UTF-8")
        }
        for _ in 0..<o.skipRows {
            while pos < count && base[pos] != 10 && base[pos] != 13 { pos += 1 }
            if pos >= count { if isEOF { return .empty } else { return .needMore } }
            if base[pos] == 13 {
                if pos + 1 >= count && !isEOF { return .needMore }
                pos += (pos + 1 < count && base[pos + 1] == 10) ? 2 : 1
            } else {
                pos += 1
            }
        }
        let t = CSVTokens(width: -1, dataCapacity: 256, fieldCapacity: 16)
        let out = try tokenizer.tokenize(base, start: pos, end: count, isEOF: isEOF, stopAt: count, maxRows: 1, into: t)
        if out.needMore { return .needMore }
        if let e = out.error { throw CSVErrors.make(e, at: out.position, base, count: count, lines: true) }
        guard t.rows == 1 else { return .empty }
        let recordStart = t.rowOffsets[0]
        let n = t.endsCount
        if o.header {
            if o.encodingErrors == .strict,
               let bad = UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(start: base + recordStart, count: out.position - recordStart)) {
                throw CSVErrors.invalidUTF8(at: recordStart + bad)
            }
            return .ready(CSVPreamble(names: (0..<n).map { t.string($0) }, dataStart: out.position))
        }
        return .ready(CSVPreamble(names: (0..<n).map { "f\($0)" }, dataStart: pos))
    }
}

/// Builds the reader's error messages.
enum CSVErrors {
    /// The error for a malformed record starting at `recordStart`.
    static func make(_ e: CSVTokenError, at recordStart: Int, _ base: UnsafePointer<UInt8>, count: Int,
                     lines: Bool, fileOffset: Int = 0) -> PFError {
        let whereText = lines
            ? "line \(CSVLines.lineNumber(base, count: count, offset: recordStart))"
            : "record at byte \(fileOffset + recordStart)"
        switch e {
        case .ragged(let expected, let got, _):
            let text = CSVLines.excerpt(base, count: count, offset: recordStart)
            return .format("CSV \(whereText): expected \(expected) fields, got \(got): \(text)",
                           offset: Int64(fileOffset + recordStart))
        case .unterminatedQuote(let q):
            let qWhere = lines ? "line \(CSVLines.lineNumber(base, count: count, offset: q))" : "byte \(fileOffset + q)"
            return .format("CSV \(whereText): unterminated quoted field (the quote at \(qWhere) never closes)",
                           offset: Int64(fileOffset + q))
        }
    }

    static func invalidUTF8(at offset: Int) -> PFError {
        .format("CSV input is not valid UTF-8 (invalid byte sequence at byte \(offset)); use encoding_errors=replace to substitute U+FFFD",
                offset: Int64(offset))
    }

    static func badValue(column: String, type: DataType, row: Int, value: String) -> PFError {
        let shown = value.count > 80 ? String(value.prefix(80)) + "..." : value
        return .format("CSV column '\(column)' (\(type.shortName)): cannot parse '\(shown)' in data row \(row)")
    }
}
