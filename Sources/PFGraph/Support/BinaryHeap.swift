/// A binary min-heap of `(key, value)` pairs, ordered by key then value (so pops are
/// deterministic). Used by Dijkstra with lazy deletion.
struct BinaryHeap {
    private var keys: [Double] = []
    private var values: [Int] = []

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    @inline(__always) private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] < keys[j] || (keys[i] == keys[j] && values[i] < values[j])
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        keys.swapAt(i, j); values.swapAt(i, j)
    }

    mutating func push(_ key: Double, _ value: Int) {
        keys.append(key); values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            guard less(i, parent) else { break }
            swapAt(i, parent); i = parent
        }
    }

    mutating func pop() -> (key: Double, value: Int)? {
        guard let k = keys.first, let v = values.first else { return nil }
        let last = keys.count - 1
        if last > 0 { swapAt(0, last) }
        keys.removeLast(); values.removeLast()
        var i = 0
        let n = keys.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && less(l, m) { m = l }
            if r < n && less(r, m) { m = r }
            if m == i { break }
            swapAt(i, m); i = m
        }
        return (k, v)
    }
}
