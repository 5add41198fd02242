import PFColumnar

/// Maps arbitrary vertex ids (Int64 or String) to dense indices `0 ..< count` and back.
///
/// **Order.** Dense indices follow the *sorted* order of the distinct ids: ascending for
/// Int64 ids, ascending UTF-8 byte order (= Unicode code point order, Python's `str`
/// order) for String ids. The mapping therefore depends only on the set of ids, not on
/// edge order, and when the ids are exactly `0 ... max` it is the identity. A useful
/// consequence: component labels defined as "smallest vertex index" are the smallest
/// original id as well.
public final class IdMap: Sendable {
    /// The distinct ids, sorted; index `i` is dense vertex `i`.
    public enum Keys: Sendable, Equatable {
        /// Int64 ids, ascending.
        case int64([Int64])
        /// String ids, ascending by UTF-8 bytes.
        case string([String])
    }

    /// The sorted distinct ids.
    public let keys: Keys
    private let stringIndex: [String: Int]

    init(int64Keys: [Int64]) { keys = .int64(int64Keys); stringIndex = [:] }
    init(stringKeys: [String]) {
        keys = .string(stringKeys)
        var d = [String: Int](minimumCapacity: stringKeys.count)
        for (i, s) in stringKeys.enumerated() { d[s] = i }
        stringIndex = d
    }

    /// Number of distinct ids (= vertex count of the graph built with this map).
    public var count: Int {
        switch keys { case .int64(let k): return k.count; case .string(let k): return k.count }
    }

    /// Dense index of an Int64 id, or nil when absent (or the map holds strings).
    public func index(of id: Int64) -> Int? {
        guard case .int64(let k) = keys else { return nil }
        var lo = 0, hi = k.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if k[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < k.count && k[lo] == id ? lo : nil
    }

    /// Dense index of a String id, or nil when absent (or the map holds Int64 ids).
    public func index(of id: String) -> Int? { stringIndex[id] }

    /// The Int64 id of dense index `i` (nil when out of range or the map holds strings).
    public func int64Id(at i: Int) -> Int64? {
        guard case .int64(let k) = keys, i >= 0, i < k.count else { return nil }
        return k[i]
    }

    /// The String id of dense index `i` (nil when out of range or the map holds Int64 ids).
    public func stringId(at i: Int) -> String? {
        guard case .string(let k) = keys, i >= 0, i < k.count else { return nil }
        return k[i]
    }

    /// Maps dense indices (for example predecessors, or a DFS order) back to Int64 ids;
    /// negative indices (the "none" sentinel -1) map to nil.
    public func int64Ids(_ indices: [Int64]) -> [Int64?] {
        indices.map { $0 < 0 ? nil : int64Id(at: Int($0)) }
    }

    /// Maps dense indices back to String ids; negative indices map to nil.
    public func stringIds(_ indices: [Int64]) -> [String?] {
        indices.map { $0 < 0 ? nil : stringId(at: Int($0)) }
    }

    // MARK: construction

    /// Builds the map of `a ∪ b` and the dense versions of both columns.
    static func build(_ a: UnsafeBufferPointer<Int64>, _ b: UnsafeBufferPointer<Int64>,
                      pool: ThreadPool) -> (IdMap, [Int64], [Int64]) {
        let n = a.count + b.count
        let grain = 1 << 16
        let aa = UnsafeSendable(a), bb = UnsafeSendable(b)
        // Sort + dedupe per chunk, then merge the (much smaller) unique lists.
        let parts = pool.parallelMap(0..<n, grain: grain) { r -> [Int64] in
            var v = [Int64](); v.reserveCapacity(r.count)
            for i in r { v.append(i < aa.value.count ? aa.value[i] : bb.value[i - aa.value.count]) }
            v.sort()
            return uniqued(v)
        }
        var all = parts.count == 1 ? parts[0] : uniqued(parts.flatMap { $0 }.sorted())
        all = uniqued(all)
        let keys = all
        let k = UnsafeSendable(keys)
        func mapColumn(_ col: UnsafeBufferPointer<Int64>) -> [Int64] {
            let c = UnsafeSendable(col)
            return [Int64](unsafeUninitializedCapacity: col.count) { out, cnt in
                let o = UnsafeSendable(out)
                pool.parallelFor(0..<col.count, grain: grain) { _, r in
                    k.value.withUnsafeBufferPointer { keys in
                        for i in r {
                            let id = c.value[i]
                            var lo = 0, hi = keys.count
                            while lo < hi {
                                let mid = (lo + hi) >> 1
                                if keys[mid] < id { lo = mid + 1 } else { hi = mid }
                            }
                            o.value[i] = Int64(lo)
                        }
                    }
                }
                cnt = col.count
            }
        }
        return (IdMap(int64Keys: keys), mapColumn(a), mapColumn(b))
    }

    /// Builds the map of the String ids of both columns and their dense versions.
    static func build(_ a: [String], _ b: [String]) -> (IdMap, [Int64], [Int64]) {
        var set = Set<String>(minimumCapacity: a.count)
        for s in a { set.insert(s) }
        for s in b { set.insert(s) }
        let keys = set.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let map = IdMap(stringKeys: keys)
        let da = a.map { Int64(map.stringIndex[$0] ?? -1) }
        let db = b.map { Int64(map.stringIndex[$0] ?? -1) }
        return (map, da, db)
    }

    private static func uniqued(_ sorted: [Int64]) -> [Int64] {
        guard var prev = sorted.first else { return [] }
        var out = [prev]
        for x in sorted.dropFirst() where x != prev { out.append(x); prev = x }
        return out
    }
}
