import CArrowABI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory behind an exported `ArrowSchema`, freed by its release callback.
final class ExportedSchema {
    let format: UnsafeMutablePointer<CChar>?
    let name: UnsafeMutablePointer<CChar>?
    let metadata: UnsafeMutablePointer<CChar>?
    let children: [UnsafeMutablePointer<ArrowSchema>]
    let childPointers: UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>?
    let dictionary: UnsafeMutablePointer<ArrowSchema>?

    init(format: String, name: String, metadata: KeyValueMetadata,
         children: [UnsafeMutablePointer<ArrowSchema>], dictionary: UnsafeMutablePointer<ArrowSchema>?) {
        self.format = strdup(format)
        self.name = strdup(name)
        self.metadata = CDataMetadata.encode(metadata)
        self.children = children
        if children.isEmpty {
            childPointers = nil
        } else {
            let p = UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>.allocate(capacity: children.count)
            for (i, c) in children.enumerated() { p[i] = c }
            childPointers = p
        }
        self.dictionary = dictionary
    }

    deinit {
        free(format); free(name); free(metadata)
        childPointers?.deallocate()
    }
}

/// The key-value metadata encoding of the C Data Interface.
enum CDataMetadata {
    /// int32 count, then per pair int32 key length, key bytes, int32 value length, value bytes.
    static func encode(_ m: KeyValueMetadata) -> UnsafeMutablePointer<CChar>? {
        guard !m.isEmpty else { return nil }
        var bytes: [UInt8] = []
        func put(_ v: Int32) { withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) } }
        put(Int32(m.count))
        for (k, v) in m {
            put(Int32(k.utf8.count)); bytes.append(contentsOf: k.utf8)
            put(Int32(v.utf8.count)); bytes.append(contentsOf: v.utf8)
        }
        guard let raw = malloc(bytes.count) else { return nil }
        bytes.withUnsafeBytes { raw.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return raw.assumingMemoryBound(to: CChar.self)
    }

    /// Decodes metadata; the producer's buffer is trusted to be as long as it says
    /// (the interface carries no length), but counts are sanity-checked.
    static func decode(_ p: UnsafePointer<CChar>?) throws(PFError) -> KeyValueMetadata {
        guard let p else { return [:] }
        let raw = UnsafeRawPointer(p)
        var pos = 0
        func int32() -> Int32 { let v = raw.loadUnaligned(fromByteOffset: pos, as: Int32.self); pos += 4; return v }
        let n = int32()
        guard n >= 0, n < 1 << 20 else { throw .invalidArgument("schema metadata: bad pair count \(n)") }
        var out = KeyValueMetadata()
        for _ in 0..<n {
            let kl = Int(int32())
            guard kl >= 0, kl < 1 << 30 else { throw .invalidArgument("schema metadata: bad key length \(kl)") }
            let k = String(decoding: UnsafeRawBufferPointer(start: raw + pos, count: kl), as: UTF8.self); pos += kl
            let vl = Int(int32())
            guard vl >= 0, vl < 1 << 30 else { throw .invalidArgument("schema metadata: bad value length \(vl)") }
            let v = String(decoding: UnsafeRawBufferPointer(start: raw + pos, count: vl), as: UTF8.self); pos += vl
            out[k] = v
        }
        return out
    }
}

/// Release callback of schemas exported by ParquetFrame.
private let releaseExportedSchema: @convention(c) (UnsafeMutablePointer<ArrowSchema>?) -> Void = { s in
    guard let s, s.pointee.release != nil, let pd = s.pointee.private_data else { return }
    let box = Unmanaged<ExportedSchema>.fromOpaque(pd).takeRetainedValue()
    for c in box.children {
        if c.pointee.release != nil { c.pointee.release(c) }
        c.deallocate()
    }
    if let d = box.dictionary {
        if d.pointee.release != nil { d.pointee.release(d) }
        d.deallocate()
    }
    s.pointee.release = nil
    s.pointee.private_data = nil
}

extension Field {
    /// Exports this field as an `ArrowSchema` into `out`. The consumer must call
    /// `out.release` exactly once.
    public func exportToC(_ out: UnsafeMutablePointer<ArrowSchema>) {
        CDataSchemaExport.export(name: name, type: type, nullable: nullable, metadata: metadata, into: out)
    }
}

extension Schema {
    /// Exports this schema as a struct-typed `ArrowSchema` (as used by record batches and streams).
    public func exportToC(_ out: UnsafeMutablePointer<ArrowSchema>) {
        CDataSchemaExport.export(name: "", type: .struct(fields), nullable: false, metadata: metadata, into: out)
    }
}

enum CDataSchemaExport {
    static func export(name: String, type: DataType, nullable: Bool, metadata: KeyValueMetadata,
                       into out: UnsafeMutablePointer<ArrowSchema>) {
        var flags: Int64 = nullable ? Int64(ARROW_FLAG_NULLABLE) : 0
        var children: [UnsafeMutablePointer<ArrowSchema>] = []
        var dictionary: UnsafeMutablePointer<ArrowSchema>? = nil
        switch type {
        case .dictionary(_, let value, let ordered):
            if ordered { flags |= Int64(ARROW_FLAG_DICTIONARY_ORDERED) }
            let d = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: 1)
            export(name: "", type: value, nullable: true, metadata: [:], into: d)
            dictionary = d
        case .map(_, let sorted):
            if sorted { flags |= Int64(ARROW_FLAG_MAP_KEYS_SORTED) }
        default: break
        }
        for f in type.children {
            let c = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: 1)
            f.exportToC(c)
            children.append(c)
        }
        let box = ExportedSchema(format: CDataFormat.format(type), name: name, metadata: metadata,
                                 children: children, dictionary: dictionary)
        out.pointee = ArrowSchema(
            format: UnsafePointer(box.format), name: UnsafePointer(box.name), metadata: UnsafePointer(box.metadata),
            flags: flags, n_children: Int64(children.count), children: box.childPointers,
            dictionary: dictionary, release: releaseExportedSchema,
            private_data: Unmanaged.passRetained(box).toOpaque())
    }
}
