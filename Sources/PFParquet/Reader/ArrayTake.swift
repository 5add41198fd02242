import PFColumnar

/// Gathers slots of an array by index (`-1` gives a null slot): the filter kernel of the
/// reader's row filters. Works for every layout the reader produces, nested types included
/// (lists gather their children's element ranges through the offsets).
public enum ArrayTake {
    /// The rows of `a` where `mask` is true.
    public static func filter(_ a: ArrayData, _ mask: [Bool]) throws -> ArrayData {
        var idx: [Int] = []
        idx.reserveCapacity(mask.count)
        for (i, m) in mask.enumerated() where m { idx.append(i) }
        if idx.count == a.length { return a }
        return try take(a, idx)
    }

    /// A new array of `indices.count` slots: slot k is `a[indices[k]]`, or null when the index is -1.
    public static func take(_ a: ArrayData, _ indices: [Int]) throws -> ArrayData {
        let n = indices.count
        for i in indices where i >= a.length { throw PFError.invalidArgument("take index \(i) out of range \(a.length)") }
        // Validity.
        var nulls = 0
        let vbuf = ColumnBuffer()
        vbuf.resize(Bitmap.byteCount(bits: n))
        if a.type != .null {
            for (k, i) in indices.enumerated() {
                if i >= 0 && !a.isNull(i) { Bitmap.set(vbuf.pointer, k, true) } else { nulls += 1 }
            }
        } else {
            nulls = n
        }
        let validity: Buffer? = nulls > 0 ? vbuf.finish() : nil
        let o = a.offset
        switch a.type.layout {
        case .null:
            return ArrayData(unchecked: .null, length: n, nullCount: n, buffers: [])
        case .bitmap:
            let out = ColumnBuffer()
            out.resize(Bitmap.byteCount(bits: n))
            let src = (a.buffers[1] ?? Buffer.empty).baseAddress
            for (k, i) in indices.enumerated() where i >= 0 && Bitmap.get(src, o + i) { Bitmap.set(out.pointer, k, true) }
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity, out.finish()])
        case .fixedWidth(let w):
            let out = ColumnBuffer()
            out.resize(n * w)
            let src = (a.buffers[1] ?? Buffer.empty).baseAddress
            for (k, i) in indices.enumerated() where i >= 0 {
                (out.pointer + k * w).copyMemory(from: src + (o + i) * w, byteCount: w)
            }
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity, out.finish()],
                             dictionary: a.dictionary)
        case .variableBinary(let ow):
            let offs = ColumnBuffer()
            offs.resize((n + 1) * ow)
            let data = ColumnBuffer()
            let src = (a.buffers[1] ?? Buffer.empty).baseAddress
            let bytes = (a.buffers[2] ?? Buffer.empty).baseAddress
            func off(_ j: Int) -> Int {
                ow == 4 ? Int(src.loadUnaligned(fromByteOffset: j * 4, as: Int32.self))
                        : Int(src.loadUnaligned(fromByteOffset: j * 8, as: Int64.self))
            }
            var cur = 0
            for (k, i) in indices.enumerated() {
                if i >= 0 {
                    let s = off(o + i), e = off(o + i + 1)
                    data.append(bytes + s, e - s)
                    cur += e - s
                }
                if ow == 4 {
                    guard cur <= Int(Int32.max) else { throw PFError.unsupported("take: more than 2 GiB of string data") }
                    (offs.pointer + (k + 1) * 4).storeBytes(of: Int32(cur), as: Int32.self)
                } else {
                    (offs.pointer + (k + 1) * 8).storeBytes(of: Int64(cur), as: Int64.self)
                }
            }
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity, offs.finish(), data.finish()])
        case .list(let ow):
            let offs = ColumnBuffer()
            offs.resize((n + 1) * ow)
            let src = (a.buffers[1] ?? Buffer.empty).baseAddress
            func off(_ j: Int) -> Int {
                ow == 4 ? Int(src.loadUnaligned(fromByteOffset: j * 4, as: Int32.self))
                        : Int(src.loadUnaligned(fromByteOffset: j * 8, as: Int64.self))
            }
            var childIdx: [Int] = []
            for (k, i) in indices.enumerated() {
                if i >= 0 && !a.isNull(i) {
                    let s = off(o + i), e = off(o + i + 1)
                    if e > s { childIdx.append(contentsOf: s..<e) }
                }
                if ow == 4 {
                    (offs.pointer + (k + 1) * 4).storeBytes(of: Int32(truncatingIfNeeded: childIdx.count), as: Int32.self)
                } else {
                    (offs.pointer + (k + 1) * 8).storeBytes(of: Int64(childIdx.count), as: Int64.self)
                }
            }
            let child = try take(a.children[0], childIdx)
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity, offs.finish()],
                             children: [child])
        case .fixedSizeList(let size):
            var childIdx: [Int] = []
            for i in indices {
                for j in 0..<size { childIdx.append(i >= 0 ? (o + i) * size + j : -1) }
            }
            let child = try take(a.children[0], childIdx)
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity], children: [child])
        case .struct:
            let shifted = indices.map { $0 >= 0 ? $0 + o : -1 }
            let children = try a.children.map { try take($0, shifted) }
            return ArrayData(unchecked: a.type, length: n, nullCount: nulls, buffers: [validity], children: children)
        case .union:
            throw PFError.unsupported("take on union arrays")
        }
    }
}
