import PFColumnar

extension CSVTokenizer {
    /// Tokenizes plain records as long as it can: the fast path of
    /// ``tokenize(_:start:end:isEOF:stopAt:maxRows:into:)`` for fixed-width blocks without
    /// escapes or trimming.
    ///
    /// A record is taken here when its fields are unquoted text or quoted text
    /// (doubled quotes allowed) followed directly by a delimiter or line end, it has
    /// exactly `width` fields and it ends before the scanner's limit. Field ends come from
    /// the scanner's stop masks. At the first record that is anything else (an empty or
    /// comment line, text after a closing quote, a ragged record, the end of the input
    /// near) it stops at that record's start, with the storage as it was there, and the
    /// general tokenizer takes that record. Returns the number of records taken.
    @inline(never)
    func simpleRecords(_ base: UnsafePointer<UInt8>, pos: inout Int, stopAt: Int, maxRows: Int, width: Int,
                       scanner scIn: inout CSVStopScanner, storage wIn: inout CSVTokenStorage) throws(PFError) -> Int {
        // Local copies stay in registers (nothing else can reach them).
        var sc = scIn, w = wIn
        defer { scIn = sc; wIn = w }
        let delim = delimiter
        let q = quote, dq = doubleQuote, cm = comment
        var rows = 0
        var p0 = pos
        defer { pos = p0 }
        records: while rows < maxRows && p0 < stopAt {
            let rowFields = w.endsCount, rowData = w.dataCount
            var at = p0
            let first = base[at]
            if first == 10 || first == 13 || Int(first) == cm { break records }
            var k = 0
            fields: while true {
                var stop: Int
                if Int(base[at]) == q {
                    var s = at &+ 1
                    while true {
                        let e = sc.nextQuote(s)
                        if e < 0 { w.rollBack(fields: rowFields, data: rowData); break records }
                        // e is below the scanner's limit, so e + 1 is inside the input.
                        if dq && Int(base[e &+ 1]) == q {
                            try w.appendShort(base + s, e &+ 1 &- s)
                            s = e &+ 2
                            continue
                        }
                        try w.appendShort(base + s, e &- s)
                        stop = e &+ 1
                        break
                    }
                    let c = base[stop]
                    if c != delim && c != 10 && c != 13 { w.rollBack(fields: rowFields, data: rowData); break records }
                } else {
                    stop = sc.next(at)
                    if stop < 0 { w.rollBack(fields: rowFields, data: rowData); break records }
                    try w.appendShort(base + at, stop &- at)
                }
                w.pushEnd()
                k &+= 1
                let c = base[stop]
                at = stop &+ 1
                if c == delim { continue fields }
                if c == 13 && base[at] == 10 { at &+= 1 }
                break fields
            }
            if k != width { w.rollBack(fields: rowFields, data: rowData); break records }
            p0 = at
            rows &+= 1
        }
        return rows
    }
}

extension CSVTokenStorage {
    /// Appends `n` bytes from `p`, where 64 bytes from `p` may be read.
    @inline(__always)
    mutating func appendShort(_ p: UnsafePointer<UInt8>, _ n: Int) throws(PFError) {
        if n <= 64 {
            try reserveData(64)
            csvCopy64(data + dataCount, p)
            dataCount &+= n
        } else {
            try append(p, n)
        }
    }
}
