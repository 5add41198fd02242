import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Arrow columns of a BFS result, built from ``BFSOutput`` with at most one pass
/// per column: distances and dense predecessors borrow the kernel's memory, and the
/// validity bitmaps come from its reached bitmap.
enum BFSColumns {
    /// `vertex`: the id of every vertex (an iota written in place for dense ids).
    static func vertices(_ f: GraphFrame, pool: ThreadPool) -> ArrayData {
        guard f.graph.idMap == nil else { return f.vertexColumn() }
        let n = f.graph.vertexCount
        let values = filledInt64s(n, pool: pool) { Int64($0) }
        return ArrayData(unchecked: .int64, length: n, nullCount: 0, buffers: [nil, values])
    }

    /// `distance`: null where unreached.
    static func distances(_ r: BFSOutput) -> ArrayData {
        let n = r.vertexCount, nulls = n - r.reachedCount
        return ArrayData(unchecked: .int64, length: n, nullCount: nulls,
                         buffers: [nulls == 0 ? nil : r.buffer(.reached), r.buffer(.distances)])
    }

    /// `predecessor`: the predecessor's id; null for sources and unreached vertices.
    static func predecessors(_ r: BFSOutput, _ f: GraphFrame, pool: ThreadPool) -> ArrayData {
        let n = r.vertexCount
        let keys: [Int64]?
        switch f.graph.idMap?.keys {
        case nil: keys = nil
        case .int64(let k)?: keys = k
        case .string?: return f.idColumn(r.predecessors.toArray())
        }
        // Validity: reached and not a source (there is at least one source, so at
        // least one null).
        let bytes = PFColumnar.Bitmap.byteCount(bits: n)
        var bits = MutableBuffer(capacity: bytes)
        memcpy(bits.unsafeStorage, r.reached.words.base, bytes)
        let w = bits.unsafeStorage.bindMemory(to: UInt8.self, capacity: bytes)
        for s in r.sources { w[s >> 3] &= ~(UInt8(1) << UInt8(s & 7)) }
        bits.advance(bytes)
        let validity = bits.finish()
        let nulls = n - (r.reachedCount - r.sources.count)
        guard let keys else {
            return ArrayData(unchecked: .int64, length: n, nullCount: nulls, buffers: [validity, r.buffer(.predecessors)])
        }
        let values = keys.withUnsafeBufferPointer { k in
            let kp = UnsafeSendable(k)
            return filledInt64s(n, pool: pool) { i in
                let p = r.predecessors.load(i)
                return p < 0 ? -1 : kp.value[Int(p)]
            }
        }
        return ArrayData(unchecked: .int64, length: n, nullCount: nulls, buffers: [validity, values])
    }

    /// A buffer of `n` int64 values `value(i)`, written in place (in parallel when large).
    static func filledInt64s(_ n: Int, pool: ThreadPool, _ value: @Sendable (Int) -> Int64) -> Buffer {
        var b = MutableBuffer(capacity: n * 8)
        let p = UnsafeSendable(b.unsafeStorage.bindMemory(to: Int64.self, capacity: n))
        pool.parallelFor(0..<n, grain: 1 << 17) { _, r in
            for i in r { p.value[i] = value(i) }
        }
        b.advance(n * 8)
        return b.finish()
    }
}
