extension ArrayData {
    /// Builds an array of `type` from scalars. Convenient for tests and small data;
    /// bulk paths use the typed builders. Throws when a value does not fit the type.
    public static func make(_ type: DataType, _ values: [Scalar]) throws(PFError) -> ArrayData {
        let n = values.count
        if case .union(let fields, let ids, let mode) = type {
            return try makeUnion(fields, ids, mode, values)
        }
        if case .null = type {
            guard values.allSatisfy(\.isNull) else { throw .invalidArgument("null array with non-null value") }
            return ArrayData(unchecked: .null, length: n, nullCount: n, buffers: [])
        }
        var validity = BitmapBuilder(capacity: n)
        for v in values { validity.append(!v.isNull) }
        let nulls = n - validity.setCount
        let vbuf: Buffer? = nulls > 0 ? validity.finish() : nil
        func bad(_ v: Scalar) -> PFError { .invalidArgument("value \(v) does not fit type \(type.shortName)") }

        switch type {
        case .union(let fields, let ids, let mode):
            return try makeUnion(fields, ids, mode, values)
        case .null:
            return ArrayData(unchecked: .null, length: n, nullCount: n, buffers: [])
        case .boolean:
            var bits = BitmapBuilder(capacity: n)
            for v in values {
                switch v {
                case .null: bits.append(false)
                case .bool(let b): bits.append(b)
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, bits.finish()])
        case .int8: return try fixed(type, values, vbuf, nulls, Int8.self)
        case .int16: return try fixed(type, values, vbuf, nulls, Int16.self)
        case .int32, .date32, .time32: return try fixed(type, values, vbuf, nulls, Int32.self)
        case .int64, .date64, .time64, .timestamp, .duration: return try fixed(type, values, vbuf, nulls, Int64.self)
        case .uint8: return try fixed(type, values, vbuf, nulls, UInt8.self)
        case .uint16: return try fixed(type, values, vbuf, nulls, UInt16.self)
        case .uint32: return try fixed(type, values, vbuf, nulls, UInt32.self)
        case .uint64: return try fixed(type, values, vbuf, nulls, UInt64.self)
        case .float16:
            var out = MutableBuffer(capacity: n * 2)
            for v in values {
                switch v {
                case .null: out.append(UInt16(0))
                case .float(let d): out.append(Float16Bits.fromFloat(Float(d)))
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .float32:
            var out = MutableBuffer(capacity: n * 4)
            for v in values {
                switch v {
                case .null: out.append(Float(0))
                case .float(let d): out.append(Float(d))
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .float64:
            var out = MutableBuffer(capacity: n * 8)
            for v in values {
                switch v {
                case .null: out.append(Double(0))
                case .float(let d): out.append(d)
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .decimal128:
            var out = MutableBuffer(capacity: n * 16)
            for v in values {
                switch v {
                case .null: out.append(Int128(0))
                case .decimal(let d): out.append(d)
                case .int(let d): out.append(Int128(d))
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .decimal256:
            var out = MutableBuffer(capacity: n * 32)
            for v in values {
                switch v {
                case .null: out.append(Int256.zero)
                case .decimal256(let d): out.append(d)
                case .decimal(let d): out.append(Int256(d))
                case .int(let d): out.append(Int256(d))
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .utf8, .largeUtf8, .binary, .largeBinary:
            let wide = type == .largeUtf8 || type == .largeBinary
            var offsets = MutableBuffer(capacity: (n + 1) * (wide ? 8 : 4))
            var data = MutableBuffer()
            if wide { offsets.append(Int64(0)) } else { offsets.append(Int32(0)) }
            for v in values {
                switch v {
                case .null: break
                case .string(let s):
                    guard type.isString else { throw bad(v) }
                    var s = s
                    s.withUTF8 { data.append(bytes: UnsafeRawBufferPointer($0)) }
                case .binary(let b):
                    guard !type.isString else { throw bad(v) }
                    b.withUnsafeBytes { data.append(bytes: $0) }
                default: throw bad(v)
                }
                if wide { offsets.append(Int64(data.count)) } else {
                    guard data.count <= Int(Int32.max) else {
                        throw .invalidArgument("\(type.shortName) data exceeds 2 GiB; use a large type")
                    }
                    offsets.append(Int32(data.count))
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, offsets.finish(), data.finish()])
        case .fixedSizeBinary(let w):
            var out = MutableBuffer(capacity: n * w)
            for v in values {
                switch v {
                case .null: out.appendZeros(w)
                case .binary(let b):
                    guard b.count == w else { throw .invalidArgument("fixed_binary[\(w)] value has \(b.count) bytes") }
                    b.withUnsafeBytes { out.append(bytes: $0) }
                default: throw bad(v)
                }
            }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, out.finish()])
        case .list(let f), .largeList(let f), .map(let f, _):
            let wide: Bool
            if case .largeList = type { wide = true } else { wide = false }
            var offsets = MutableBuffer(capacity: (n + 1) * (wide ? 8 : 4))
            var items: [Scalar] = []
            if wide { offsets.append(Int64(0)) } else { offsets.append(Int32(0)) }
            for v in values {
                switch v {
                case .null: break
                case .list(let xs):
                    if case .map = type { throw bad(v) }
                    items.append(contentsOf: xs)
                case .map(let xs):
                    guard case .map = type else { throw bad(v) }
                    items.append(contentsOf: xs)
                default: throw bad(v)
                }
                if wide { offsets.append(Int64(items.count)) } else { offsets.append(Int32(items.count)) }
            }
            let child = try make(f.type, items)
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf, offsets.finish()], children: [child])
        case .fixedSizeList(let f, let size):
            var items: [Scalar] = []
            for v in values {
                switch v {
                case .null: items.append(contentsOf: repeatElement(Scalar.null, count: size))
                case .list(let xs):
                    guard xs.count == size else { throw .invalidArgument("fixed_list of size \(size) got \(xs.count) values") }
                    items.append(contentsOf: xs)
                default: throw bad(v)
                }
            }
            let child = try make(f.type, items)
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf], children: [child])
        case .struct(let fields):
            var columns = [[Scalar]](repeating: [], count: fields.count)
            for v in values {
                switch v {
                case .null: for k in 0..<fields.count { columns[k].append(.null) }
                case .struct(let xs):
                    guard xs.count == fields.count else { throw .invalidArgument("struct of \(fields.count) fields got \(xs.count) values") }
                    for k in 0..<fields.count { columns[k].append(xs[k]) }
                default: throw bad(v)
                }
            }
            var children: [ArrayData] = []
            for (k, f) in fields.enumerated() { children.append(try make(f.type, columns[k])) }
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: [vbuf], children: children)
        case .dictionary(let indexType, let valueType, _):
            var uniques: [Scalar] = []
            var positions: [Scalar: Int] = [:]
            var idx: [Scalar] = []
            for v in values {
                if v.isNull { idx.append(.null); continue }
                if let p = positions[v] { idx.append(.int(Int64(p))); continue }
                positions[v] = uniques.count
                idx.append(.int(Int64(uniques.count)))
                uniques.append(v)
            }
            let dict = try make(valueType, uniques)
            let indexScalars: [Scalar] = indexType.isInteger && [DataType.uint8, .uint16, .uint32, .uint64].contains(indexType)
                ? idx.map { if case .int(let k) = $0 { return .uint(UInt64(k)) } else { return $0 } } : idx
            let indices = try make(indexType, indexScalars)
            return try ArrayData(type: type, length: n, nullCount: nulls, buffers: indices.buffers, dictionary: dict)
        }
    }

    private static func makeUnion(_ fields: [Field], _ ids: [Int8], _ mode: UnionMode,
                                  _ values: [Scalar]) throws(PFError) -> ArrayData {
        guard let firstId = ids.first else { throw .invalidArgument("a union needs at least one child") }
        var typeIds = MutableBuffer(capacity: values.count)
        var offsets = MutableBuffer(capacity: values.count * 4)
        var columns = [[Scalar]](repeating: [], count: fields.count)
        for v in values {
            let (id, x): (Int8, Scalar)
            switch v {
            case .null: (id, x) = (firstId, .null)
            case .union(let t, let value): (id, x) = (t, value)
            default: throw .invalidArgument("union value must be .union(typeId:value:), got \(v)")
            }
            guard let k = ids.firstIndex(of: id) else { throw .invalidArgument("unknown union type id \(id)") }
            typeIds.append(id)
            if mode == .dense {
                offsets.append(Int32(columns[k].count))
                columns[k].append(x)
            } else {
                for c in 0..<fields.count { columns[c].append(c == k ? x : .null) }
            }
        }
        var children: [ArrayData] = []
        for (k, f) in fields.enumerated() { children.append(try make(f.type, columns[k])) }
        let bufs: [Buffer?] = mode == .dense ? [nil, typeIds.finish(), offsets.finish()] : [nil, typeIds.finish()]
        return try ArrayData(type: .union(fields, typeIds: ids, mode: mode), length: values.count, nullCount: 0,
                             buffers: bufs, children: children)
    }

    private static func fixed<T: FixedWidthInteger & BitwiseCopyable>(
        _ type: DataType, _ values: [Scalar], _ vbuf: Buffer?, _ nulls: Int, _: T.Type
    ) throws(PFError) -> ArrayData {
        var out = MutableBuffer(capacity: values.count * MemoryLayout<T>.size)
        for v in values {
            switch v {
            case .null: out.append(T.zero)
            case .int(let x):
                guard let t = T(exactly: x) else { throw .invalidArgument("value \(x) does not fit \(type.shortName)") }
                out.append(t)
            case .uint(let x):
                guard let t = T(exactly: x) else { throw .invalidArgument("value \(x) does not fit \(type.shortName)") }
                out.append(t)
            default: throw .invalidArgument("value \(v) does not fit type \(type.shortName)")
            }
        }
        return try ArrayData(type: type, length: values.count, nullCount: nulls, buffers: [vbuf, out.finish()])
    }
}
