import PFColumnar

/// Which slots of a leaf array hold the values of a column chunk part.
enum ValueSelection {
    /// The valid slots of `range` (flat columns).
    case valid(Range<Int>)
    /// Explicit slots, in order (nested columns, dictionary lookups).
    case indices([Int])
}

/// The levels and value positions of one leaf over the rows of one top-level array.
struct LeafLevels {
    /// Definition levels (empty when the maximum definition level is 0).
    var def: [UInt8] = []
    /// Repetition levels (empty when the maximum repetition level is 0).
    var rep: [UInt8] = []
    /// The leaf array the values come from.
    var leafArray: ArrayData
    /// Which slots of `leafArray` hold the values.
    var selection: ValueSelection
    /// Number of level entries (rows for flat columns).
    var levelCount: Int
    /// True when `leafArray` is the dictionary of an Arrow dictionary column
    /// (the selection holds dictionary indices).
    var fromDictionary = false
}

/// One step from a top-level field down to a leaf.
private enum LevelStep {
    case structChild(Int, nullable: Bool)
    case list(nullable: Bool)
    case leaf(nullable: Bool)
}

/// Computes Dremel repetition/definition levels from Arrow arrays.
enum LevelComputer {
    /// The steps from a top-level node down to leaf `leaf` (nil if not below it).
    private static func steps(_ node: LevelNode, to leaf: Int) -> [LevelStep]? {
        switch node {
        case .leaf(let i, let nullable): return i == leaf ? [.leaf(nullable: nullable)] : nil
        case .list(let child, let nullable):
            return steps(child, to: leaf).map { [.list(nullable: nullable)] + $0 }
        case .struct(let children, let nullable):
            for (k, c) in children.enumerated() {
                if let s = steps(c, to: leaf) { return [.structChild(k, nullable: nullable)] + s }
            }
            return nil
        }
    }

    /// Levels of leaf `leaf` for `rows` of the top-level array `array` whose tree is `node`.
    static func levels(node: LevelNode, leaf: Int, array: ArrayData, rows: Range<Int>,
                       maxDef: Int, maxRep: Int) throws -> LeafLevels {
        guard let path = steps(node, to: leaf) else {
            throw PFError.internalError("leaf \(leaf) not found below its top-level field")
        }
        if path.count == 1, case .leaf(let nullable) = path[0] {
            // Flat column: definition levels are the validity bits.
            var def: [UInt8] = []
            if maxDef > 0 {
                def = [UInt8](repeating: 1, count: rows.count)
                if nullable, array.nullCount > 0 || array.type == .null {
                    if array.type == .null {
                        def = [UInt8](repeating: 0, count: rows.count)
                    } else if let v = array.validity {
                        let base = v.baseAddress, off = array.offset
                        def.withUnsafeMutableBufferPointer { d in
                            for (k, i) in rows.enumerated() { d[k] = Bitmap.get(base, off + i) ? 1 : 0 }
                        }
                    }
                }
            } else if array.nullCount > 0 {
                throw PFError.invalidArgument("non-nullable column has \(array.nullCount) nulls")
            }
            return try resolveDictionary(LeafLevels(def: def, rep: [], leafArray: array, selection: .valid(rows),
                                                    levelCount: rows.count))
        }
        var c = Collector(maxDef: maxDef, maxRep: maxRep)
        c.def.reserveCapacity(rows.count)
        for i in rows {
            try emit(path[...], array, i, def: 0, rep: 0, depth: 0, &c)
        }
        guard let leafArray = c.leafArray ?? findLeaf(path[...], array) else {
            throw PFError.internalError("leaf array not found")
        }
        let count = max(c.def.count, c.rep.count, c.count)
        return try resolveDictionary(LeafLevels(def: c.def, rep: c.rep, leafArray: leafArray,
                                                selection: .indices(c.indices), levelCount: count))
    }

    /// The leaf array reached by following `path` (for parts with no values).
    private static func findLeaf(_ path: ArraySlice<LevelStep>, _ a: ArrayData) -> ArrayData? {
        guard let s = path.first else { return a }
        switch s {
        case .leaf: return a
        case .structChild(let k, _): return k < a.children.count ? findLeaf(path.dropFirst(), a.children[k]) : nil
        case .list: return a.children.first.flatMap { findLeaf(path.dropFirst(), $0) }
        }
    }

    private struct Collector {
        let maxDef: Int
        let maxRep: Int
        var def: [UInt8] = []
        var rep: [UInt8] = []
        var indices: [Int] = []
        var count = 0
        var leafArray: ArrayData?

        @inline(__always)
        mutating func push(_ d: Int, _ r: Int) {
            if maxDef > 0 { def.append(UInt8(truncatingIfNeeded: d)) }
            if maxRep > 0 { rep.append(UInt8(truncatingIfNeeded: r)) }
            count += 1
        }
    }

    /// Slot range of the child values of list-like slot `i`.
    @inline(__always)
    private static func childRange(_ a: ArrayData, _ i: Int) throws -> Range<Int> {
        let slot = a.offset + i
        switch a.type.layout {
        case .list(let w):
            guard a.buffers.count > 1, let off = a.buffers[1] else { throw PFError.invalidArgument("list without offsets") }
            let s: Int, e: Int
            if w == 4 {
                s = Int(off.load(slot, as: Int32.self)); e = Int(off.load(slot + 1, as: Int32.self))
            } else {
                s = Int(off.load(slot, as: Int64.self)); e = Int(off.load(slot + 1, as: Int64.self))
            }
            guard s >= 0, e >= s else { throw PFError.invalidArgument("list offsets decrease at slot \(i)") }
            return s..<e
        case .fixedSizeList(let n):
            return (slot * n)..<(slot * n + n)
        default:
            throw PFError.internalError("\(a.type.shortName) is not a list type")
        }
    }

    private static func emit(_ path: ArraySlice<LevelStep>, _ a: ArrayData, _ i: Int,
                             def d: Int, rep r: Int, depth: Int, _ c: inout Collector) throws {
        guard let step = path.first else { return }
        let nullable: Bool
        switch step {
        case .structChild(_, let n), .list(let n), .leaf(let n): nullable = n
        }
        if a.isNull(i) {
            guard nullable else {
                throw PFError.invalidArgument("a non-nullable \(a.type.shortName) field holds a null value")
            }
            c.push(d, r)
            return
        }
        let d2 = d + (nullable ? 1 : 0)
        switch step {
        case .leaf:
            c.push(d2, r)
            c.indices.append(i)
            if c.leafArray == nil { c.leafArray = a }
        case .structChild(let k, _):
            guard k < a.children.count else { throw PFError.invalidArgument("struct without child \(k)") }
            try emit(path.dropFirst(), a.children[k], a.offset + i, def: d2, rep: r, depth: depth, &c)
        case .list:
            let range = try childRange(a, i)
            guard let child = a.children.first else { throw PFError.invalidArgument("list without child array") }
            guard range.upperBound <= child.length else {
                throw PFError.invalidArgument("list offsets point past the end of the child array")
            }
            if range.isEmpty { c.push(d2, r); return }
            for k in range {
                try emit(path.dropFirst(), child, k, def: d2 + 1, rep: k == range.lowerBound ? r : depth + 1,
                         depth: depth + 1, &c)
            }
        }
    }

    /// Replaces a dictionary-typed leaf by its dictionary and the looked-up slots.
    private static func resolveDictionary(_ l: LeafLevels) throws -> LeafLevels {
        guard case .dictionary(let indexType, _, _) = l.leafArray.type else { return l }
        guard let dict = l.leafArray.dictionary else { throw PFError.invalidArgument("dictionary array without dictionary") }
        guard dict.nullCount == 0 else {
            throw PFError.unsupported("dictionary arrays whose dictionary holds nulls cannot be written")
        }
        let a = l.leafArray
        guard a.buffers.count > 1, let buf = a.buffers[1] else { throw PFError.invalidArgument("dictionary array without indices") }
        var out: [Int] = []
        @inline(__always) func index(_ i: Int) -> Int {
            let s = a.offset + i
            switch indexType {
            case .int8: return Int(buf.load(s, as: Int8.self))
            case .uint8: return Int(buf.load(s, as: UInt8.self))
            case .int16: return Int(buf.load(s, as: Int16.self))
            case .uint16: return Int(buf.load(s, as: UInt16.self))
            case .int32: return Int(buf.load(s, as: Int32.self))
            case .uint32: return Int(buf.load(s, as: UInt32.self))
            case .uint64: return Int(truncatingIfNeeded: buf.load(s, as: UInt64.self))
            default: return Int(buf.load(s, as: Int64.self))
            }
        }
        func add(_ i: Int) throws {
            let k = index(i)
            guard k >= 0, k < dict.length else {
                throw PFError.invalidArgument("dictionary index \(k) out of range 0..<\(dict.length)")
            }
            out.append(k)
        }
        switch l.selection {
        case .valid(let r):
            out.reserveCapacity(r.count)
            for i in r where a.isValid(i) { try add(i) }
        case .indices(let ix):
            out.reserveCapacity(ix.count)
            for i in ix { try add(i) }
        }
        var r = l
        r.leafArray = dict
        r.selection = .indices(out)
        r.fromDictionary = true
        return r
    }
}
