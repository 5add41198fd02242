import PFColumnar

/// The byte-level state machine that splits CSV text into records and fields.
///
/// It reads raw bytes through a pointer and appends unescaped field text to a
/// ``CSVTokens``; no per-field allocation happens. Quotes open a quoted section only at
/// the start of a field; inside it a doubled quote (or the escape byte) yields a
/// literal quote; after the closing quote, bytes up to the delimiter are appended as
/// they are (like pyarrow: `"x" y` reads `x y`).
struct CSVTokenizer {
    let delimiter: UInt8
    let quote: Int       // -1: none
    let escape: Int      // -1: none
    let comment: Int     // -1: none
    let doubleQuote: Bool
    let trim: Bool
    let ignoreEmptyLines: Bool
    let ragged: CSVRaggedRows
    /// 1 for bytes that end an unquoted run: delimiter, CR, LF, escape.
    private let unquotedStop: [Bool]
    /// 1 for bytes that end a quoted run: quote, escape.
    private let quotedStop: [Bool]

    init(_ o: CSVReadOptions) {
        delimiter = o.delimiter
        quote = o.quoteChar.map(Int.init) ?? -1
        escape = o.escapeChar.map(Int.init) ?? -1
        comment = o.commentChar.map(Int.init) ?? -1
        doubleQuote = o.doubleQuote
        trim = o.trimWhitespace
        ignoreEmptyLines = o.ignoreEmptyLines
        ragged = o.ragged
        var u = [Bool](repeating: false, count: 256)
        u[Int(o.delimiter)] = true; u[10] = true; u[13] = true
        if let e = o.escapeChar { u[Int(e)] = true }
        var q = [Bool](repeating: false, count: 256)
        if let c = o.quoteChar { q[Int(c)] = true }
        if let e = o.escapeChar { q[Int(e)] = true }
        unquotedStop = u
        quotedStop = q
    }

    /// Why tokenizing stopped.
    struct Outcome {
        /// Position after the last complete record consumed.
        var position: Int
        /// The input ended inside a record and more input may follow (`isEOF == false`).
        var needMore: Bool = false
        /// A malformed record (ragged, unterminated quote); `position` is its start.
        var error: CSVTokenError? = nil
    }

    /// Tokenizes records of `base[start ..< end]` into `tokens`.
    ///
    /// Stops before a record that would start at or after `stopAt`, after `maxRows`
    /// rows, at `end`, or at the first malformed record. When `isEOF` is false and a
    /// record is cut by `end`, the partial record is rolled back and `needMore` set.
    func tokenize(_ base: UnsafePointer<UInt8>, start: Int, end: Int, isEOF: Bool,
                  stopAt: Int, maxRows: Int, into t: CSVTokens) throws(PFError) -> Outcome {
        var pos = start
        let width = t.width
        let delim = delimiter
        let q = quote, esc = escape
        let dq = doubleQuote
        var w = t.storage
        defer { t.storage = w }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let bDelim = ones &* UInt64(delim)
        let hasEsc = esc >= 0
        let bEsc = hasEsc ? ones &* UInt64(esc) : 0
        // Structural-index path: without escapes or trimming, field text ends exactly at
        // the next delimiter, CR or LF (quotes inside unquoted text are literal), so
        // fields can be cut from per-window stop masks. Windows stop 64 bytes before
        // `end` so that a short field may be copied as 64 bytes; the tail is scanned
        // byte by byte.
        let fast = !hasEsc && !trim
        // Whole plain records go through ``simpleRecords``; the code below takes the rest.
        let simple = fast && width > 0
        var sc = CSVStopScanner(base: base, limit: end - 64, delimiter: delim,
                                quote: q >= 0 ? UInt8(truncatingIfNeeded: q) : delim)
        return try unquotedStop.withUnsafeBufferPointer { ustop throws(PFError) -> Outcome in
          try quotedStop.withUnsafeBufferPointer { qstop throws(PFError) -> Outcome in
            var rowsDone = 0
            records: while rowsDone < maxRows && pos < stopAt && pos < end {
                if simple {
                    let n = try simpleRecords(base, pos: &pos, stopAt: stopAt, maxRows: maxRows - rowsDone,
                                              width: width, scanner: &sc, storage: &w)
                    t.rows += n
                    rowsDone += n
                    guard rowsDone < maxRows && pos < stopAt && pos < end else { break records }
                }
                let recStart = pos
                let first = base[pos]
                if first == 10 || first == 13 {
                    if ignoreEmptyLines {
                        pos += 1
                        if first == 13 && pos < end && base[pos] == 10 { pos += 1 }
                        continue records
                    }
                }
                if Int(first) == comment {
                    while pos < end && base[pos] != 10 && base[pos] != 13 { pos += 1 }
                    if pos >= end {
                        if !isEOF { return Outcome(position: recStart, needMore: true) }
                        break records
                    }
                    let c = base[pos]; pos += 1
                    if c == 13 && pos < end && base[pos] == 10 { pos += 1 }
                    continue records
                }
                let rowFields = w.endsCount
                let rowData = w.dataCount
                fields: while true {
                    if trim { while pos < end && (base[pos] == 32 || base[pos] == 9) { pos += 1 } }
                    var protected = w.dataCount
                    if pos < end && Int(base[pos]) == q {
                        let qStart = pos
                        pos += 1
                        quoted: while true {
                            let runStart = pos
                            if fast {
                                let p = sc.nextQuote(pos)
                                if p >= 0 { pos = p }
                            }
                            while pos < end && !qstop[Int(base[pos])] { pos += 1 }
                            let run = pos - runStart
                            if run > 0 {
                                try w.append(base + runStart, run)
                            }
                            if pos >= end {
                                if !isEOF { w.rollBack(fields: rowFields, data: rowData); return Outcome(position: recStart, needMore: true) }
                                w.rollBack(fields: rowFields, data: rowData)
                                return Outcome(position: recStart, error: .unterminatedQuote(quoteOffset: qStart))
                            }
                            let b = Int(base[pos])
                            if b == esc {
                                if pos + 1 >= end {
                                    if !isEOF { w.rollBack(fields: rowFields, data: rowData); return Outcome(position: recStart, needMore: true) }
                                    w.rollBack(fields: rowFields, data: rowData)
                                    return Outcome(position: recStart, error: .unterminatedQuote(quoteOffset: qStart))
                                }
                                try w.append(base[pos + 1])
                                pos += 2
                                continue quoted
                            }
                            // b is the quote byte
                            if dq {
                                if pos + 1 < end {
                                    if Int(base[pos + 1]) == q {
                                        try w.append(UInt8(truncatingIfNeeded: q))
                                        pos += 2
                                        continue quoted
                                    }
                                } else if !isEOF {
                                    w.rollBack(fields: rowFields, data: rowData)
                                    return Outcome(position: recStart, needMore: true)
                                }
                            }
                            pos += 1
                            break quoted
                        }
                        protected = w.dataCount
                    }
                    // Unquoted text (or text after a closing quote).
                    var cut = false
                    if fast {
                        let p = sc.next(pos)
                        if p >= 0 {
                            let run = p &- pos
                            if run <= 64 {
                                try w.reserveData(64)
                                csvCopy64(w.data + w.dataCount, base + pos)
                                w.dataCount &+= run
                            } else {
                                try w.append(base + pos, run)
                            }
                            pos = p
                            cut = true
                        }
                    }
                    unquoted: while !cut {
                        let runStart = pos
                        // 8 bytes at a time while no stop byte shows up.
                        scan: while true {
                            guard pos &+ 8 <= end else {
                                while pos < end && !ustop[Int(base[pos])] { pos += 1 }
                                break scan
                            }
                            let x = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                            // Delimiter, escape, or any byte below 14 (CR, LF; other
                            // control bytes only stop the word scan, not the field).
                            var m = swarZero(x ^ bDelim) | swarBelow14(x)
                            if hasEsc { m |= swarZero(x ^ bEsc) }
                            if m == 0 { pos &+= 8; continue scan }
                            pos &+= m.trailingZeroBitCount >> 3
                            let c = base[pos]
                            if c == delim || c == 10 || c == 13 || Int(c) == esc { break scan }
                            pos &+= 1
                        }
                        let run = pos - runStart
                        if run > 0 {
                            if run <= 32 {
                                try w.reserveData(32)
                                w.copySmall(base + runStart, run)
                            } else {
                                try w.append(base + runStart, run)
                            }
                        }
                        if pos < end && Int(base[pos]) == esc && base[pos] != delim {
                            if pos + 1 >= end {
                                if !isEOF { w.rollBack(fields: rowFields, data: rowData); return Outcome(position: recStart, needMore: true) }
                                // A trailing escape at end of file is kept literally.
                                try w.append(base[pos])
                                pos += 1
                                break unquoted
                            }
                            try w.append(base[pos + 1])
                            pos += 2
                            continue unquoted
                        }
                        break unquoted
                    }
                    if trim {
                        while w.dataCount > protected && (w.data[w.dataCount - 1] == 32 || w.data[w.dataCount - 1] == 9) {
                            w.dataCount -= 1
                        }
                    }
                    if pos >= end {
                        if !isEOF { w.rollBack(fields: rowFields, data: rowData); return Outcome(position: recStart, needMore: true) }
                        w.pushEnd()
                        break fields
                    }
                    let b = base[pos]
                    w.pushEnd()
                    pos += 1
                    if b == delim { continue fields }
                    // CR or LF ends the record.
                    if b == 13 {
                        if pos < end { if base[pos] == 10 { pos += 1 } }
                        else if !isEOF { w.rollBack(fields: rowFields, data: rowData); return Outcome(position: recStart, needMore: true) }
                    }
                    break fields
                }
                let n = w.endsCount - rowFields
                if width >= 0 && n != width {
                    switch ragged {
                    case .error:
                        w.rollBack(fields: rowFields, data: rowData)
                        return Outcome(position: recStart, error: .ragged(expected: width, got: n, recordEnd: pos))
                    case .skip:
                        w.rollBack(fields: rowFields, data: rowData)
                        continue records
                    case .fillNull:
                        if n > width {
                            let keepEnd = Int(w.ends[rowFields + width - 1] >> 1)
                            w.rollBack(fields: rowFields + width, data: keepEnd)
                        } else {
                            for _ in n..<width { w.pushEnd(forcedNull: true) }
                        }
                    }
                }
                if width < 0 { t.rowEnds.append(w.endsCount); t.rowOffsets.append(recStart) }
                t.rows += 1
                rowsDone += 1
            }
            return Outcome(position: pos)
          }
        }
    }
}

/// High bit set in each byte of `x` that is zero (exact for the lowest such byte; bytes
/// above it may be false positives, which only stop the fast scan early).
@inline(__always)
func swarZero(_ x: UInt64) -> UInt64 {
    (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
}

/// High bit set in each byte of `x` below 14 (exact for the lowest such byte, like
/// ``swarZero(_:)``; bytes of 0x80 and above are never flagged).
@inline(__always)
func swarBelow14(_ x: UInt64) -> UInt64 {
    (x &- 0x0E0E_0E0E_0E0E_0E0E) & ~x & 0x8080_8080_8080_8080
}

/// A malformed record found by the tokenizer (the reader turns it into a ``PFError``).
enum CSVTokenError: Sendable {
    /// A record with `got` fields where `expected` were required.
    case ragged(expected: Int, got: Int, recordEnd: Int)
    /// A quoted field that never closes.
    case unterminatedQuote(quoteOffset: Int)
}
