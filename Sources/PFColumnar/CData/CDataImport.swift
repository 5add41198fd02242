import CArrowABI

/// Owns an `ArrowArray` moved in from a foreign producer and calls its release
/// callback exactly once, when the last Swift buffer borrowing from it goes away.
final class ImportedArrayOwner: @unchecked Sendable {
    let array: UnsafeMutablePointer<ArrowArray>

    /// Moves `source` into a new allocation; `source.release` becomes NULL.
    init(moving source: UnsafeMutablePointer<ArrowArray>) {
        array = .allocate(capacity: 1)
        array.initialize(to: source.pointee)
        source.pointee.release = nil
    }

    deinit {
        if array.pointee.release != nil { array.pointee.release(array) }
        array.deallocate()
    }
}

extension Field {
    /// Imports a field from an `ArrowSchema`, copying its description. The schema is
    /// not released; the caller keeps ownership.
    public static func importFromC(_ schema: UnsafePointer<ArrowSchema>) throws(PFError) -> Field {
        try CDataSchemaImport.field(schema, depth: 0)
    }
}

extension Schema {
    /// Imports a struct-typed `ArrowSchema` as a table schema. The caller keeps ownership.
    public static func importFromC(_ schema: UnsafePointer<ArrowSchema>) throws(PFError) -> Schema {
        let f = try CDataSchemaImport.field(schema, depth: 0)
        guard case .struct(let fields) = f.type else {
            throw .invalidArgument("expected a struct schema for a table, got \(f.type.shortName)")
        }
        return Schema(fields, metadata: f.metadata)
    }
}

enum CDataSchemaImport {
    static let maxDepth = 64

    static func field(_ s: UnsafePointer<ArrowSchema>, depth: Int) throws(PFError) -> Field {
        guard depth < maxDepth else { throw .invalidArgument("schema nesting deeper than \(maxDepth)") }
        let sc = s.pointee
        guard sc.release != nil else { throw .invalidArgument("schema is released") }
        guard let fp = sc.format else { throw .invalidArgument("schema without a format string") }
        let format = String(cString: fp)
        let name = sc.name.map { String(cString: $0) } ?? ""
        let metadata = try CDataMetadata.decode(sc.metadata)
        let nullable = sc.flags & Int64(ARROW_FLAG_NULLABLE) != 0
        guard sc.n_children >= 0, sc.n_children < 1 << 20 else {
            throw .invalidArgument("field '\(name)': bad child count \(sc.n_children)")
        }
        var children: [Field] = []
        if sc.n_children > 0 {
            guard let cp = sc.children else { throw .invalidArgument("field '\(name)': children pointer is NULL") }
            for i in 0..<Int(sc.n_children) {
                guard let c = cp[i] else { throw .invalidArgument("field '\(name)': child \(i) is NULL") }
                children.append(try field(c, depth: depth + 1))
            }
        }
        var type: DataType
        if let leaf = try CDataFormat.parseLeaf(format) {
            guard children.isEmpty else { throw .invalidArgument("field '\(name)': type '\(format)' cannot have children") }
            type = leaf
        } else {
            func one() throws(PFError) -> Field {
                guard children.count == 1 else {
                    throw .invalidArgument("field '\(name)': '\(format)' needs 1 child, has \(children.count)")
                }
                return children[0]
            }
            switch format {
            case "+l": type = .list(try one())
            case "+L": type = .largeList(try one())
            case "+s": type = .struct(children)
            case "+m":
                let e = try one()
                guard case .struct(let kv) = e.type, kv.count == 2 else {
                    throw .invalidArgument("field '\(name)': map entries must be a struct of 2 fields")
                }
                type = .map(entries: e, keysSorted: sc.flags & Int64(ARROW_FLAG_MAP_KEYS_SORTED) != 0)
            default:
                if format.hasPrefix("+w:"), let n = Int(format.dropFirst(3)), n >= 0 {
                    type = .fixedSizeList(try one(), size: n)
                } else if format.hasPrefix("+ud:") || format.hasPrefix("+us:") {
                    let idText = format.dropFirst(4)
                    var ids: [Int8] = []
                    if !idText.isEmpty {
                        for part in idText.split(separator: ",", omittingEmptySubsequences: false) {
                            guard let id = Int8(part), id >= 0 else {
                                throw .invalidArgument("field '\(name)': bad union type id '\(part)'")
                            }
                            ids.append(id)
                        }
                    }
                    guard ids.count == children.count else {
                        throw .invalidArgument("field '\(name)': union has \(children.count) children but \(ids.count) type ids")
                    }
                    type = .union(children, typeIds: ids, mode: format.hasPrefix("+ud") ? .dense : .sparse)
                } else if format == "+r" {
                    throw .unsupported("field '\(name)': run-end encoded arrays")
                } else if format == "vu" || format == "vz" || format == "+vl" || format == "+vL" {
                    throw .unsupported("field '\(name)': view types ('\(format)')")
                } else {
                    throw .unsupported("field '\(name)': Arrow format '\(format)'")
                }
            }
        }
        if let d = sc.dictionary {
            guard type.isInteger else { throw .invalidArgument("field '\(name)': dictionary index type \(type.shortName) is not an integer") }
            let valueField = try field(d, depth: depth + 1)
            type = .dictionary(index: type, value: valueField.type,
                               ordered: sc.flags & Int64(ARROW_FLAG_DICTIONARY_ORDERED) != 0)
        }
        return Field(name, type, nullable: nullable, metadata: metadata)
    }
}

extension ArrayData {
    /// Imports an array of `type` by *moving* `array` (its `release` becomes NULL),
    /// without copying buffers, and fully validates it. The producer's release
    /// callback runs once, when the last Swift reference to the data is gone.
    public static func importFromC(_ array: UnsafeMutablePointer<ArrowArray>, type: DataType) throws(PFError) -> ArrayData {
        guard array.pointee.release != nil else { throw .invalidArgument("array is released") }
        let owner = ImportedArrayOwner(moving: array)
        let data = try CDataArrayImport.build(owner.array, type: type, owner: owner, depth: 0)
        try data.validate()
        return data
    }
}

enum CDataArrayImport {
    static func build(_ p: UnsafePointer<ArrowArray>, type: DataType, owner: ImportedArrayOwner, depth: Int) throws(PFError) -> ArrayData {
        guard depth < CDataSchemaImport.maxDepth else { throw .invalidArgument("array nesting too deep") }
        let a = p.pointee
        let t = type.shortName
        guard a.length >= 0 else { throw .invalidArgument("\(t) array: negative length \(a.length)") }
        guard a.offset >= 0 else { throw .invalidArgument("\(t) array: negative offset \(a.offset)") }
        guard a.null_count >= -1, a.null_count <= a.length else {
            throw .invalidArgument("\(t) array: null count \(a.null_count) outside -1...\(a.length)")
        }
        let length = Int(a.length), offset = Int(a.offset)
        let (end, ov) = offset.addingReportingOverflow(length)
        guard !ov, end < 1 << 56 else { throw .invalidArgument("\(t) array: offset + length too large") }
        let expected = type.bufferCount
        guard a.n_buffers == Int64(expected) else {
            throw .invalidArgument("\(t) array: expected \(expected) buffers, got \(a.n_buffers)")
        }
        let expectedChildren = type.children.count
        guard a.n_children == Int64(expectedChildren) else {
            throw .invalidArgument("\(t) array: expected \(expectedChildren) children, got \(a.n_children)")
        }
        if expected > 0 && a.buffers == nil { throw .invalidArgument("\(t) array: buffers pointer is NULL") }
        func raw(_ i: Int) -> UnsafeRawPointer? { a.buffers[i] }
        func borrow(_ i: Int, bytes: Int, what: String) throws(PFError) -> Buffer {
            guard bytes >= 0 else { throw .invalidArgument("\(t) array: negative \(what) size") }
            guard let ptr = raw(i) else {
                if bytes == 0 { return Buffer.empty }
                throw .invalidArgument("\(t) array: \(what) buffer is NULL")
            }
            return Buffer(borrowing: ptr, byteCount: bytes, owner: owner)
        }
        func mul(_ x: Int, _ y: Int) throws(PFError) -> Int {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            guard !o else { throw .invalidArgument("\(t) array: buffer size overflows") }
            return r
        }

        if case .null = type {
            return try ArrayData(type: .null, length: length, offset: offset, nullCount: length, buffers: [])
        }
        // Validity (unions have none: their buffer 0 holds type ids).
        var validity: Buffer? = nil
        let isUnion: Bool
        if case .union = type.layout { isUnion = true } else { isUnion = false }
        var nullCount = Int(a.null_count)
        if isUnion {
            nullCount = 0
        } else if nullCount != 0, let v = raw(0) {
            validity = Buffer(borrowing: v, byteCount: Bitmap.byteCount(bits: end), owner: owner)
            if nullCount < 0 { nullCount = length - Bitmap.countSet(v, offset: offset, length: length) }
        } else if nullCount > 0 {
            throw .invalidArgument("\(t) array: \(nullCount) nulls but no validity bitmap")
        } else {
            nullCount = 0
        }
        if nullCount == 0 { validity = nil }

        var buffers: [Buffer?] = [validity]
        var children: [ArrayData] = []
        switch type.layout {
        case .null:
            break
        case .bitmap:
            buffers.append(try borrow(1, bytes: Bitmap.byteCount(bits: end), what: "data"))
        case .fixedWidth(let w):
            buffers.append(try borrow(1, bytes: try mul(end, w), what: "values"))
        case .variableBinary(let ow):
            let offs = try offsetsBuffer(raw(1), end: end, width: ow, length: length, owner: owner, t)
            buffers.append(offs.buffer)
            buffers.append(try borrow(2, bytes: offs.last, what: "data"))
        case .list(let ow):
            let offs = try offsetsBuffer(raw(1), end: end, width: ow, length: length, owner: owner, t)
            buffers.append(offs.buffer)
        case .fixedSizeList, .struct:
            break
        case .union(let dense):
            guard a.null_count <= 0 else { throw .invalidArgument("\(t) array: unions have no nulls of their own") }
            buffers = [nil, try borrow(0, bytes: end, what: "type ids")]
            if dense { buffers.append(try borrow(1, bytes: try mul(end, 4), what: "offsets")) }
            nullCount = 0
        }
        if expectedChildren > 0 {
            guard let cp = a.children else { throw .invalidArgument("\(t) array: children pointer is NULL") }
            for (i, f) in type.children.enumerated() {
                guard let c = cp[i] else { throw .invalidArgument("\(t) array: child \(i) is NULL") }
                children.append(try build(c, type: f.type, owner: owner, depth: depth + 1))
            }
        }
        var dictionary: ArrayData? = nil
        if case .dictionary(_, let value, _) = type {
            guard let d = a.dictionary else { throw .invalidArgument("dictionary array without a dictionary") }
            dictionary = try build(d, type: value, owner: owner, depth: depth + 1)
        } else if a.dictionary != nil {
            throw .invalidArgument("\(t) array: unexpected dictionary")
        }
        return try ArrayData(type: type, length: length, offset: offset, nullCount: nullCount,
                             buffers: buffers, children: children, dictionary: dictionary)
    }

    /// Borrows an offsets buffer of `end + 1` entries and returns it with its last value.
    private static func offsetsBuffer(_ ptr: UnsafeRawPointer?, end: Int, width: Int, length: Int,
                                      owner: ImportedArrayOwner, _ t: String) throws(PFError) -> (buffer: Buffer, last: Int) {
        guard let ptr else {
            if length == 0 && end == 0 { return (Buffer.empty, 0) }
            throw .invalidArgument("\(t) array: offsets buffer is NULL")
        }
        let b = Buffer(borrowing: ptr, byteCount: (end + 1) * width, owner: owner)
        let first = width == 4 ? Int(b.load(end - length, as: Int32.self)) : Int(b.load(end - length, as: Int64.self))
        let last = width == 4 ? Int(b.load(end, as: Int32.self)) : Int(b.load(end, as: Int64.self))
        guard first >= 0, last >= first, last < 1 << 56 else {
            throw .invalidArgument("\(t) array: offsets \(first)...\(last) out of range")
        }
        return (b, last)
    }
}
