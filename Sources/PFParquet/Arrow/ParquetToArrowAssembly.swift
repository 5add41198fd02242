import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reassembles Arrow arrays (structs, lists, maps) from decoded leaf chunks and their
/// definition and repetition levels (the Dremel record shredding, inverted).
///
/// A node receives, for each leaf under it, the level entries that make up each of its
/// slots (a range per slot). Structs pass their slots to their children; lists split each
/// non-empty slot into element slots at the entries whose repetition level is the list's.
enum ParquetToArrowAssembly {
    /// Slots of one node for one leaf: identity (slot i = entry i) or explicit ranges.
    enum Slots {
        case identity(Int)
        case ranges(starts: [Int], ends: [Int])

        var count: Int {
            switch self {
            case .identity(let n): return n
            case .ranges(let s, _): return s.count
            }
        }
        @inline(__always) func start(_ k: Int) -> Int {
            switch self {
            case .identity: return k
            case .ranges(let s, _): return s[k]
            }
        }
        @inline(__always) func end(_ k: Int) -> Int {
            switch self {
            case .identity: return k + 1
            case .ranges(_, let e): return e[k]
            }
        }
    }

    static func fail(_ node: ArrowColumnNode, _ what: String) -> PFError {
        .format("column '\(node.field.name)': \(what)")
    }

    /// Builds the array of a top-level node from its leaves.
    static func build(_ node: ArrowColumnNode, leaves: [Int: LeafChunk]) throws -> ArrayData {
        var slots: [Int: Slots] = [:]
        for l in node.leaves {
            guard let chunk = leaves[l] else { throw PFError.internalError("leaf \(l) not decoded") }
            if chunk.isSpread {
                slots[l] = .identity(chunk.levelCount)
            } else {
                var starts: [Int] = []
                starts.reserveCapacity(chunk.rowCount)
                chunk.repetitionLevels.withUnsafeBufferPointer { r in
                    for i in 0..<r.count where r[i] == 0 { starts.append(i) }
                }
                var ends = Array(starts.dropFirst())
                ends.append(chunk.levelCount)
                slots[l] = .ranges(starts: starts, ends: ends)
            }
        }
        let counts = Set(slots.values.map(\.count))
        guard counts.count <= 1 else {
            throw fail(node, "leaf columns disagree on the number of rows (\(counts.sorted()))")
        }
        return try assemble(node, slots: slots, leaves: leaves)
    }

    static func assemble(_ node: ArrowColumnNode, slots: [Int: Slots], leaves: [Int: LeafChunk]) throws -> ArrayData {
        guard let first = node.leaves.first, let s0 = slots[first], let c0 = leaves[first] else {
            throw PFError.internalError("node '\(node.field.name)' without leaves")
        }
        switch node.kind {
        case .leaf:
            return try leaf(node, slots: s0, chunk: c0)
        case .structure:
            let n = s0.count
            let (validity, nulls) = try structValidity(node, slots: s0, chunk: c0)
            var children: [ArrayData] = []
            for c in node.children {
                var sub: [Int: Slots] = [:]
                for l in c.leaves { sub[l] = slots[l] }
                let a = try assemble(c, slots: sub, leaves: leaves)
                guard a.length == n else { throw fail(node, "child '\(c.field.name)' has \(a.length) slots, expected \(n)") }
                children.append(a)
            }
            return ArrayData(unchecked: node.field.type, length: n, nullCount: nulls,
                             buffers: [nulls > 0 ? validity : nil], children: children)
        case .list:
            let n = s0.count
            var childSlots: [Int: Slots] = [:]
            var offsetsOut: Buffer = Buffer.empty
            var validityOut: Buffer?
            var nullsOut = 0
            var childCount = -1
            for (li, l) in node.leaves.enumerated() {
                guard let chunk = leaves[l], let sl = slots[l] else { throw PFError.internalError("leaf \(l)") }
                guard sl.count == n else { throw fail(node, "leaf columns disagree on the number of list slots") }
                let def = chunk.definitionLevels, rep = chunk.repetitionLevels
                guard def.count == chunk.levelCount || chunk.column.maxDefinitionLevel == 0,
                      rep.count == chunk.levelCount else {
                    throw fail(node, "missing levels for a repeated column")
                }
                let first = li == 0
                let offsets = ColumnBuffer(capacity: first ? (n + 1) * 4 : 0)
                let bits = ColumnBuffer(capacity: 0)
                if first {
                    offsets.resize((n + 1) * 4)
                    bits.resize(Bitmap.byteCount(bits: n))
                }
                var starts: [Int] = [], ends: [Int] = []
                starts.reserveCapacity(n)
                ends.reserveCapacity(n)
                var nulls = 0
                let dNull = node.definitionLevel, dElem = node.elementDefinitionLevel
                let rLevel = node.repetitionLevel
                let hasDef = !def.isEmpty
                try def.withUnsafeBufferPointer { dp in
                    try rep.withUnsafeBufferPointer { rp in
                        let op = offsets.typed(Int32.self)
                        let vb = bits.typed(UInt8.self)
                        for k in 0..<n {
                            let s = sl.start(k), e = sl.end(k)
                            guard s >= 0, s < e, e <= chunk.levelCount else { throw fail(node, "bad level range") }
                            let d = hasDef ? Int(dp[s]) : chunk.column.maxDefinitionLevel
                            if d >= dElem {
                                var i = s
                                starts.append(i)
                                i += 1
                                while i < e {
                                    let r = Int(rp[i])
                                    if r <= rLevel {
                                        guard r == rLevel else { throw fail(node, "repetition level \(r) inside a list slot") }
                                        ends.append(i)
                                        starts.append(i)
                                    }
                                    i += 1
                                }
                                ends.append(e)
                                if first { vb[k >> 3] |= 1 << UInt8(k & 7) }
                            } else if d >= dNull {
                                if first { vb[k >> 3] |= 1 << UInt8(k & 7) }
                            } else {
                                nulls += 1
                            }
                            if first {
                                guard starts.count <= Int(Int32.max) else {
                                    throw PFError.unsupported("list column '\(node.field.name)' with more than 2^31 elements in one row group")
                                }
                                op[k + 1] = Int32(starts.count)
                            }
                        }
                    }
                }
                if first {
                    offsets.count = (n + 1) * 4
                    offsetsOut = offsets.finish()
                    bits.count = Bitmap.byteCount(bits: n)
                    validityOut = nulls > 0 ? bits.finish() : nil
                    nullsOut = nulls
                    childCount = starts.count
                } else if starts.count != childCount {
                    throw fail(node, "leaf columns disagree on the number of list elements")
                }
                childSlots[l] = .ranges(starts: starts, ends: ends)
            }
            let child = try assemble(node.children[0], slots: childSlots, leaves: leaves)
            guard child.length == childCount else { throw fail(node, "list child has \(child.length) slots, expected \(childCount)") }
            return ArrayData(unchecked: node.field.type, length: n, nullCount: nullsOut,
                             buffers: [validityOut, offsetsOut], children: [child])
        }
    }

    static func structValidity(_ node: ArrowColumnNode, slots: Slots, chunk: LeafChunk) throws -> (Buffer?, Int) {
        let n = slots.count
        let def = chunk.definitionLevels
        guard !def.isEmpty, node.definitionLevel > 0 else { return (nil, 0) }
        let bits = ColumnBuffer()
        bits.resize(Bitmap.byteCount(bits: n))
        let vb = bits.typed(UInt8.self)
        var nulls = 0
        let d0 = node.definitionLevel
        try def.withUnsafeBufferPointer { dp in
            for k in 0..<n {
                let s = slots.start(k)
                guard s >= 0, s < dp.count else { throw fail(node, "bad level range") }
                if Int(dp[s]) >= d0 { vb[k >> 3] |= 1 << UInt8(k & 7) } else { nulls += 1 }
            }
        }
        return (nulls > 0 ? bits.finish() : nil, nulls)
    }

    /// The leaf array for `slots` (one level entry per slot).
    static func leaf(_ node: ArrowColumnNode, slots: Slots, chunk: LeafChunk) throws -> ArrayData {
        if chunk.isSpread {
            guard case .identity(let n) = slots, n == chunk.values.length else {
                throw fail(node, "unexpected slots for a non-repeated column")
            }
            return chunk.values
        }
        let n = slots.count
        let maxDef = chunk.column.maxDefinitionLevel
        let def = chunk.definitionLevels
        let dense = chunk.values
        var validCount = 0
        let bits = ColumnBuffer()
        bits.resize(Bitmap.byteCount(bits: n))
        let vb = bits.typed(UInt8.self)
        try def.withUnsafeBufferPointer { dp in
            for k in 0..<n {
                let s = slots.start(k)
                guard slots.end(k) == s + 1 else { throw fail(node, "several values in one slot of a non-repeated field") }
                guard s >= 0, s < chunk.levelCount else { throw fail(node, "bad level range") }
                if dp.isEmpty || Int(dp[s]) == maxDef { vb[k >> 3] |= 1 << UInt8(k & 7); validCount += 1 }
            }
        }
        guard validCount == dense.length else {
            throw fail(node, "\(dense.length) values decoded but the levels place \(validCount)")
        }
        if validCount == n { return dense }
        return try spread(dense, validity: bits.finish(), length: n, nulls: n - validCount)
    }

    /// Places the `dense` values into the valid slots of a `length`-slot array.
    static func spread(_ dense: ArrayData, validity: Buffer, length n: Int, nulls: Int) throws -> ArrayData {
        let vb = validity.baseAddress
        switch dense.type.layout {
        case .null:
            return ArrayData(unchecked: .null, length: n, nullCount: n, buffers: [])
        case .bitmap:
            let out = ColumnBuffer()
            out.resize(Bitmap.byteCount(bits: n))
            let src = dense.buffers[1]?.baseAddress ?? Buffer.empty.baseAddress
            var j = dense.offset
            for i in 0..<n where Bitmap.get(vb, i) {
                if Bitmap.get(src, j) { Bitmap.set(out.pointer, i, true) }
                j += 1
            }
            return ArrayData(unchecked: dense.type, length: n, nullCount: nulls, buffers: [validity, out.finish()])
        case .fixedWidth(let w):
            let out = ColumnBuffer()
            out.resize(n * w)
            let src = (dense.buffers[1]?.baseAddress ?? Buffer.empty.baseAddress) + dense.offset * w
            var j = 0
            for i in 0..<n where Bitmap.get(vb, i) {
                (out.pointer + i * w).copyMemory(from: src + j * w, byteCount: w)
                j += 1
            }
            return ArrayData(unchecked: dense.type, length: n, nullCount: nulls, buffers: [validity, out.finish()],
                             dictionary: dense.dictionary)
        case .variableBinary(let ow):
            guard ow == 4, let ob = dense.buffers[1] else { throw PFError.internalError("spread of large binary") }
            let src = ob.baseAddress.assumingMemoryBound(to: Int32.self) + dense.offset
            let out = ColumnBuffer()
            out.resize((n + 1) * 4)
            let op = out.typed(Int32.self)
            var j = 0
            op[0] = src[0]
            for i in 0..<n {
                if Bitmap.get(vb, i) { j += 1 }
                op[i + 1] = src[j]
            }
            return ArrayData(unchecked: dense.type, length: n, nullCount: nulls,
                             buffers: [validity, out.finish(), dense.buffers[2]])
        default:
            throw PFError.internalError("spread of \(dense.type.shortName)")
        }
    }
}
