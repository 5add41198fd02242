extension ArrayData {
    /// Cheap structural check, O(1) per array plus children: lengths, buffer counts and
    /// sizes, child counts, end offsets within data. Does not read every value.
    public func validateLayout() throws(PFError) {
        let t = type.shortName
        guard length >= 0 else { throw .invalidArgument("\(t) array: negative length \(length)") }
        guard offset >= 0 else { throw .invalidArgument("\(t) array: negative offset \(offset)") }
        guard nullCount >= 0, nullCount <= length else {
            throw .invalidArgument("\(t) array: null count \(nullCount) outside 0...\(length)")
        }
        let (end, o) = offset.addingReportingOverflow(length)
        guard !o else { throw .invalidArgument("\(t) array: offset + length overflows") }
        if case .null = type {
            guard buffers.isEmpty else { throw .invalidArgument("null array: expected no buffers, got \(buffers.count)") }
            return
        }
        guard buffers.count == type.storedBufferCount else {
            throw .invalidArgument("\(t) array: expected \(type.storedBufferCount) buffers, got \(buffers.count)")
        }
        if let v = validity {
            guard v.byteCount >= Bitmap.byteCount(bits: end) else {
                throw .invalidArgument("\(t) array: validity bitmap of \(v.byteCount) bytes too small for \(end) slots")
            }
        } else if nullCount != 0 {
            throw .invalidArgument("\(t) array: null count \(nullCount) but no validity bitmap")
        }
        switch type.layout {
        case .null:
            break
        case .bitmap:
            try requireBuffer(1, bytes: Bitmap.byteCount(bits: end), what: "data bitmap")
        case .fixedWidth(let w):
            if case .decimal128(let p, _) = type, !(1...38).contains(p) {
                throw .invalidArgument("decimal128 precision \(p) outside 1...38")
            }
            if case .decimal256(let p, _) = type, !(1...76).contains(p) {
                throw .invalidArgument("decimal256 precision \(p) outside 1...76")
            }
            guard w > 0 else { throw .invalidArgument("\(t) array: byte width \(w) must be positive") }
            let (n, ov) = end.multipliedReportingOverflow(by: w)
            guard !ov else { throw .invalidArgument("\(t) array: size overflows") }
            try requireBuffer(1, bytes: n, what: "values")
        case .variableBinary(let ow):
            let last = try endOffset(offsetWidth: ow, end: end)
            try requireBuffer(2, bytes: last, what: "data")
        case .list(let ow):
            guard children.count == 1 else { throw .invalidArgument("\(t) array: expected 1 child, got \(children.count)") }
            let last = try endOffset(offsetWidth: ow, end: end)
            guard children[0].length >= last else {
                throw .invalidArgument("\(t) array: offsets reach \(last) but child has \(children[0].length) values")
            }
            if case .map(let entries, _) = type {
                guard case .struct(let kv) = entries.type, kv.count == 2 else {
                    throw .invalidArgument("map array: entries must be a struct of key and value")
                }
            }
        case .fixedSizeList(let n):
            guard n >= 0 else { throw .invalidArgument("\(t) array: negative list size \(n)") }
            guard children.count == 1 else { throw .invalidArgument("\(t) array: expected 1 child, got \(children.count)") }
            let (need, ov) = end.multipliedReportingOverflow(by: n)
            guard !ov, children[0].length >= need else {
                throw .invalidArgument("\(t) array: child has \(children[0].length) values, needs \(end) × \(n)")
            }
        case .union(let dense):
            guard validity == nil, nullCount == 0 else { throw .invalidArgument("\(t) array: unions have no validity bitmap") }
            guard case .union(let fields, let ids, _) = type, fields.count == ids.count, Set(ids).count == ids.count,
                  ids.allSatisfy({ $0 >= 0 }) else {
                throw .invalidArgument("\(t) array: type ids must be distinct, non-negative and one per child")
            }
            guard children.count == fields.count else {
                throw .invalidArgument("\(t) array: expected \(fields.count) children, got \(children.count)")
            }
            try requireBuffer(1, bytes: end, what: "type ids")
            if dense {
                let (n, ov) = end.multipliedReportingOverflow(by: 4)
                guard !ov else { throw .invalidArgument("\(t) array: size overflows") }
                try requireBuffer(2, bytes: n, what: "offsets")
            } else {
                for (i, c) in children.enumerated() where c.length < end {
                    throw .invalidArgument("sparse union child \(i) has \(c.length) values, needs \(end)")
                }
            }
        case .struct:
            guard children.count == type.children.count else {
                throw .invalidArgument("\(t) array: expected \(type.children.count) children, got \(children.count)")
            }
            for (i, c) in children.enumerated() where c.length < end {
                throw .invalidArgument("struct array: child \(i) has \(c.length) values, needs \(end)")
            }
        }
        for (i, c) in children.enumerated() {
            guard i < type.children.count, c.type == type.children[i].type else {
                throw .invalidArgument("\(t) array: child \(i) has type \(c.type.shortName), schema says \(i < type.children.count ? type.children[i].type.shortName : "none")")
            }
            try c.validateLayout()
        }
        if case .dictionary(let index, let value, _) = type {
            guard index.isInteger else { throw .invalidArgument("dictionary index type \(index.shortName) is not an integer type") }
            guard let d = dictionary else { throw .invalidArgument("dictionary array without a dictionary") }
            guard d.type == value else {
                throw .invalidArgument("dictionary values have type \(d.type.shortName), expected \(value.shortName)")
            }
            try d.validateLayout()
        } else if dictionary != nil {
            throw .invalidArgument("\(t) array: unexpected dictionary")
        }
    }

    /// Full check: ``validateLayout()`` plus null counts against bitmaps, monotonic
    /// offsets, UTF-8 of strings, dictionary indices in range and non-null map keys,
    /// recursively. Run it on every array that comes from outside.
    public func validate() throws(PFError) {
        try validateLayout()
        try validateValues()
    }

    private func validateValues() throws(PFError) {
        let t = type.shortName
        if case .null = type {
            guard nullCount == length else { throw .invalidArgument("null array: null count \(nullCount) != length \(length)") }
            return
        }
        if let v = validity {
            let nulls = length - Bitmap.countSet(v.baseAddress, offset: offset, length: length)
            guard nulls == nullCount else {
                throw .invalidArgument("\(t) array: null count \(nullCount) but bitmap has \(nulls) nulls")
            }
        }
        if case .decimal128(let p, _) = type { try checkDecimalPrecision(p) }
        if case .decimal256(let p, _) = type { try checkDecimal256Precision(p) }
        switch type.layout {
        case .variableBinary(let ow):
            try checkOffsets(width: ow, limit: buffers[2]?.byteCount ?? 0)
            if type.isString, length > 0, let data = buffers[2] {
                try validateUTF8(offsetWidth: ow, data: data)
            }
        case .list(let ow):
            try checkOffsets(width: ow, limit: children[0].length)
            if case .map = type, length > 0 {
                let entries = children[0]
                let (s, _) = offsetPair(width: ow, 0)
                let (_, e) = offsetPair(width: ow, length - 1)
                if e > s, entries.children.count == 2 {
                    let keys = entries.children[0].slice(unchecked: entries.offset + s, e - s)
                    guard keys.nullCount == 0 else { throw .invalidArgument("map array: null key") }
                }
            }
        default:
            break
        }
        if case .union(let fields, let ids, let mode) = type, length > 0, let tb = buffers[1] {
            var childOf = [Int](repeating: -1, count: 128)
            for (k, id) in ids.enumerated() { childOf[Int(id)] = k }
            for i in 0..<length {
                let id = tb.load(offset + i, as: Int8.self)
                guard id >= 0, childOf[Int(id)] >= 0 else {
                    throw .invalidArgument("\(t) array: slot \(i) has unknown type id \(id)")
                }
                if mode == .dense, let ob = buffers[2] {
                    let o = Int(ob.load(offset + i, as: Int32.self))
                    let c = children[childOf[Int(id)]]
                    guard o >= 0, o < c.length else {
                        throw .invalidArgument("\(t) array: slot \(i) offset \(o) outside child '\(fields[childOf[Int(id)]].name)' of \(c.length) values")
                    }
                }
            }
        }
        if case .dictionary = type, let d = dictionary {
            try checkDictionaryIndices(dictionaryLength: d.length)
            try d.validate()
        }
        for c in children { try c.validateValues() }
    }

    private func requireBuffer(_ i: Int, bytes: Int, what: String) throws(PFError) {
        guard let b = buffers[i] else {
            if bytes == 0 { return }
            throw .invalidArgument("\(type.shortName) array: missing \(what) buffer")
        }
        guard b.byteCount >= bytes else {
            throw .invalidArgument("\(type.shortName) array: \(what) buffer has \(b.byteCount) bytes, needs \(bytes)")
        }
    }

    /// Reads offsets[offset + length] after checking the offsets buffer size.
    private func endOffset(offsetWidth ow: Int, end: Int) throws(PFError) -> Int {
        if length == 0 && buffers[1] == nil { return 0 }
        let (need, ov) = (end + 1).multipliedReportingOverflow(by: ow)
        guard !ov else { throw .invalidArgument("\(type.shortName) array: offsets size overflows") }
        try requireBuffer(1, bytes: need, what: "offsets")
        guard let b = buffers[1] else { return 0 }
        let first = ow == 4 ? Int(b.load(offset, as: Int32.self)) : Int(b.load(offset, as: Int64.self))
        let last = ow == 4 ? Int(b.load(end, as: Int32.self)) : Int(b.load(end, as: Int64.self))
        guard first >= 0, last >= first else {
            throw .invalidArgument("\(type.shortName) array: offsets \(first)...\(last) are not increasing")
        }
        return last
    }

    /// Start and end offset of slot `i` (relative to this array).
    @inlinable
    func offsetPair(width ow: Int, _ i: Int) -> (Int, Int) {
        guard let b = buffers[1] else { return (0, 0) }
        if ow == 4 {
            return (Int(b.load(offset + i, as: Int32.self)), Int(b.load(offset + i + 1, as: Int32.self)))
        }
        return (Int(b.load(offset + i, as: Int64.self)), Int(b.load(offset + i + 1, as: Int64.self)))
    }

    private func checkOffsets(width ow: Int, limit: Int) throws(PFError) {
        guard length > 0, let b = buffers[1] else { return }
        if ow == 4 {
            try checkOffsets(b.typed(Int32.self, offset: offset, count: length + 1), limit: limit)
        } else {
            try checkOffsets(b.typed(Int64.self, offset: offset, count: length + 1), limit: limit)
        }
    }

    private func checkOffsets<O: FixedWidthInteger>(_ o: UnsafeBufferPointer<O>, limit: Int) throws(PFError) {
        var prev = Int(o[0])
        guard prev >= 0 else { throw .invalidArgument("\(type.shortName) array: negative offset \(prev)") }
        var bad = -1
        for i in 1..<o.count {
            let e = Int(o[i])
            if e < prev { bad = i; break }
            prev = e
        }
        if bad >= 0 {
            throw .invalidArgument("\(type.shortName) array: offsets decrease at slot \(bad - 1) (\(o[bad - 1]) > \(o[bad]))")
        }
        guard prev <= limit else {
            throw .invalidArgument("\(type.shortName) array: last offset \(prev) beyond data of \(limit)")
        }
    }

    /// Checks that every non-null string slot is valid UTF-8. Fast path: validate the
    /// whole referenced byte range once and check that every slot starts on a
    /// character boundary; slot-by-slot only when that fails (nulls may hold garbage).
    private func validateUTF8(offsetWidth ow: Int, data: Buffer) throws(PFError) {
        let (start, _) = offsetPair(width: ow, 0)
        let (_, end) = offsetPair(width: ow, length - 1)
        let whole = UnsafeRawBufferPointer(start: data.baseAddress + start, count: end - start)
        if UTF8Validation.isValid(whole) {
            var ok = true
            for i in 0..<length {
                let (s, e) = offsetPair(width: ow, i)
                if s < e && data.baseAddress.load(fromByteOffset: s, as: UInt8.self) & 0xC0 == 0x80 { ok = false; break }
            }
            if ok { return }
        }
        for i in 0..<length where isValid(i) {
            let (s, e) = offsetPair(width: ow, i)
            if !UTF8Validation.isValid(UnsafeRawBufferPointer(start: data.baseAddress + s, count: e - s)) {
                throw .invalidArgument("\(type.shortName) array: invalid UTF-8 in value \(i)")
            }
        }
    }

    /// Every non-null decimal value must have at most `precision` digits.
    private func checkDecimalPrecision(_ precision: Int) throws(PFError) {
        guard length > 0, let b = buffers[1], (1...38).contains(precision) else { return }
        var bound: Int128 = 1
        for _ in 0..<precision { bound *= 10 }
        for i in 0..<length where isValid(i) {
            let v = b.load(offset + i, as: Int128.self)  // unaligned-safe: imported buffers may be 8-aligned
            guard v < bound && v > -bound else {
                throw .invalidArgument("decimal128(\(precision)) array: value \(v) at slot \(i) has more than \(precision) digits")
            }
        }
    }

    /// Every non-null decimal256 value must have at most `precision` digits.
    private func checkDecimal256Precision(_ precision: Int) throws(PFError) {
        guard length > 0, let b = buffers[1], (1...76).contains(precision) else { return }
        let bound = Int256.powerOfTen(precision)
        for i in 0..<length where isValid(i) {
            let v = b.load(offset + i, as: Int256.self)
            guard v.fitsDigits(bound: bound) else {
                throw .invalidArgument("decimal256(\(precision)) array: value \(v) at slot \(i) has more than \(precision) digits")
            }
        }
    }

    private func checkDictionaryIndices(dictionaryLength n: Int) throws(PFError) {
        guard let b = buffers[1], length > 0 else { return }
        for i in 0..<length where isValid(i) {
            let k: Int64
            switch type {
            case .dictionary(.int8, _, _): k = Int64(b.load(offset + i, as: Int8.self))
            case .dictionary(.int16, _, _): k = Int64(b.load(offset + i, as: Int16.self))
            case .dictionary(.int32, _, _): k = Int64(b.load(offset + i, as: Int32.self))
            case .dictionary(.int64, _, _): k = b.load(offset + i, as: Int64.self)
            case .dictionary(.uint8, _, _): k = Int64(b.load(offset + i, as: UInt8.self))
            case .dictionary(.uint16, _, _): k = Int64(b.load(offset + i, as: UInt16.self))
            case .dictionary(.uint32, _, _): k = Int64(b.load(offset + i, as: UInt32.self))
            case .dictionary(.uint64, _, _):
                let u = b.load(offset + i, as: UInt64.self)
                k = u > UInt64(Int64.max) ? -1 : Int64(u)
            default: return
            }
            guard k >= 0, k < Int64(n) else {
                throw .invalidArgument("dictionary index \(k) at slot \(i) outside dictionary of \(n) values")
            }
        }
    }
}
