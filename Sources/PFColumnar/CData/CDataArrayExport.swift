import CArrowABI

/// Memory behind an exported `ArrowArray`: the array data (keeping its buffers
/// alive) and the pointer tables handed to the consumer.
final class ExportedArray {
    let data: ArrayData
    let bufferPointers: UnsafeMutablePointer<UnsafeRawPointer?>?
    let children: [UnsafeMutablePointer<ArrowArray>]
    let childPointers: UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>?
    let dictionary: UnsafeMutablePointer<ArrowArray>?

    init(_ data: ArrayData, children: [UnsafeMutablePointer<ArrowArray>], dictionary: UnsafeMutablePointer<ArrowArray>?) {
        self.data = data
        let n = data.type.bufferCount
        // Unions keep an always-nil validity slot in ArrayData that the C layout lacks.
        let skip = data.type.storedBufferCount - n
        if n > 0 {
            let p = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: n)
            for i in 0..<n {
                let b = i + skip < data.buffers.count ? data.buffers[i + skip] : nil
                // Only the validity bitmap may be NULL (when there are no nulls);
                // data buffers of empty arrays point at a shared zero block.
                p[i] = b?.baseAddress ?? (i == 0 && skip == 0 ? nil : Buffer.empty.baseAddress)
            }
            bufferPointers = p
        } else {
            bufferPointers = nil
        }
        self.children = children
        if children.isEmpty {
            childPointers = nil
        } else {
            let p = UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>.allocate(capacity: children.count)
            for (i, c) in children.enumerated() { p[i] = c }
            childPointers = p
        }
        self.dictionary = dictionary
    }

    deinit {
        bufferPointers?.deallocate()
        childPointers?.deallocate()
    }
}

/// Release callback of arrays exported by ParquetFrame: releases children and
/// dictionary (unless the consumer moved them), then drops the reference that kept
/// the Swift buffers alive. Called exactly once per struct; a second call is a no-op.
private let releaseExportedArray: @convention(c) (UnsafeMutablePointer<ArrowArray>?) -> Void = { a in
    guard let a, a.pointee.release != nil, let pd = a.pointee.private_data else { return }
    let box = Unmanaged<ExportedArray>.fromOpaque(pd).takeRetainedValue()
    for c in box.children {
        if c.pointee.release != nil { c.pointee.release(c) }
        c.deallocate()
    }
    if let d = box.dictionary {
        if d.pointee.release != nil { d.pointee.release(d) }
        d.deallocate()
    }
    a.pointee.release = nil
    a.pointee.private_data = nil
}

extension ArrayData {
    /// Exports this array into `out` without copying any buffer. The consumer must
    /// call `out.release` exactly once; until then the Swift buffers stay alive.
    public func exportToC(_ out: UnsafeMutablePointer<ArrowArray>) {
        var children: [UnsafeMutablePointer<ArrowArray>] = []
        for c in self.children {
            let p = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
            c.exportToC(p)
            children.append(p)
        }
        var dict: UnsafeMutablePointer<ArrowArray>? = nil
        if let d = dictionary {
            let p = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
            d.exportToC(p)
            dict = p
        }
        let box = ExportedArray(self, children: children, dictionary: dict)
        out.pointee = ArrowArray(
            length: Int64(length), null_count: Int64(nullCount), offset: Int64(offset),
            n_buffers: Int64(type.bufferCount), n_children: Int64(children.count),
            buffers: UnsafeMutablePointer(mutating: box.bufferPointers).map { UnsafeMutablePointer<UnsafeRawPointer?>($0) },
            children: box.childPointers, dictionary: dict, release: releaseExportedArray,
            private_data: Unmanaged.passRetained(box).toOpaque())
    }
}

extension RecordBatch {
    /// The batch as one struct-typed array (no nulls), as the C interfaces carry batches.
    public var asStructArray: ArrayData {
        ArrayData(unchecked: .struct(schema.fields), length: numRows, offset: 0, nullCount: 0,
                  buffers: [nil], children: columns)
    }

    /// Exports the batch as a struct array into `out` (zero-copy).
    public func exportToC(_ out: UnsafeMutablePointer<ArrowArray>) { asStructArray.exportToC(out) }
}
