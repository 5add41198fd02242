import PFColumnar

/// Seeded, deterministic graph generators (results do not depend on the thread count).
public enum GraphGenerators {
    /// Kronecker / R-MAT edges with `2^scale` vertices and `edgeFactor * 2^scale` edges.
    ///
    /// Each edge picks one quadrant per bit with probabilities `a, b, c, 1-a-b-c`
    /// (Graph500: 0.57, 0.19, 0.19, 0.05). With `permute`, vertex ids are shuffled by a
    /// seeded permutation so that degree does not correlate with id (as Graph500 and GAP
    /// do). Self-loops and duplicate edges occur naturally and are kept.
    public static func rmat(scale: Int, edgeFactor: Int = 16, a: Double = 0.57, b: Double = 0.19,
                            c: Double = 0.19, seed: UInt64 = 27491095, permute: Bool = true,
                            pool: ThreadPool = .shared) -> EdgeList {
        let sc = max(0, min(scale, 40))
        let V = 1 << sc
        let E = max(0, edgeFactor) * V
        let ab = a + b
        let aNorm = ab > 0 ? a / ab : 0.5
        let cNorm = (1 - ab) > 0 ? c / (1 - ab) : 0.5
        var perm: [Int64] = []
        if permute {
            perm = (0..<Int64(V)).map { $0 }
            var rng = Xoshiro256(seed: seed, stream: 0x9E)
            if V > 1 {
                for i in stride(from: V - 1, to: 0, by: -1) {
                    perm.swapAt(i, rng.nextInt(below: i + 1))
                }
            }
        }
        var src = [Int64](repeating: 0, count: E), dst = [Int64](repeating: 0, count: E)
        let grain = 1 << 15
        src.withUnsafeMutableBufferPointer { sp in
            dst.withUnsafeMutableBufferPointer { dp in
                perm.withUnsafeBufferPointer { pp in
                    let s = UnsafeSendable(sp), d = UnsafeSendable(dp), p = UnsafeSendable(pp)
                    pool.parallelFor(0..<E, grain: grain) { chunk, r in
                        var rng = Xoshiro256(seed: seed, stream: UInt64(chunk) &+ 1)
                        for i in r {
                            var u = 0, v = 0
                            for bit in 0..<sc {
                                let down = rng.nextDouble() > ab
                                let right = rng.nextDouble() > (down ? cNorm : aNorm)
                                if down { u |= 1 << bit }
                                if right { v |= 1 << bit }
                            }
                            if permute {
                                s.value[i] = p.value[u]; d.value[i] = p.value[v]
                            } else {
                                s.value[i] = Int64(u); d.value[i] = Int64(v)
                            }
                        }
                    }
                }
            }
        }
        return EdgeList(sources: src, targets: dst, vertexCount: V)
    }

    /// Erdős–Rényi G(n, m): `m` distinct unordered pairs `{u, v}`, `u != v`, chosen
    /// uniformly (stored with `u < v`; m is clamped to n(n-1)/2).
    public static func uniform(vertices n: Int, edges m: Int, seed: UInt64 = 1) -> EdgeList {
        let n = max(0, n)
        let maxPairs = n < 2 ? 0 : (n * (n - 1)) / 2
        let m = max(0, min(m, maxPairs))
        var rng = Xoshiro256(seed: seed, stream: 0x6E)
        var seen = Set<Int>(minimumCapacity: m)
        var s = [Int64](), t = [Int64]()
        s.reserveCapacity(m); t.reserveCapacity(m)
        while s.count < m {
            let u = rng.nextInt(below: n), v = rng.nextInt(below: n)
            if u == v { continue }
            let lo = min(u, v), hi = max(u, v)
            if seen.insert(lo * n + hi).inserted { s.append(Int64(lo)); t.append(Int64(hi)) }
        }
        return EdgeList(sources: s, targets: t, vertexCount: n)
    }

    /// A `rows × cols` grid: vertex `r*cols + c` links to its right and lower neighbours.
    public static func grid2D(rows: Int, cols: Int) -> EdgeList {
        let R = max(0, rows), C = max(0, cols)
        var s = [Int64](), t = [Int64]()
        for r in 0..<R {
            for c in 0..<C {
                let v = Int64(r * C + c)
                if c + 1 < C { s.append(v); t.append(v + 1) }
                if r + 1 < R { s.append(v); t.append(v + Int64(C)) }
            }
        }
        return EdgeList(sources: s, targets: t, vertexCount: R * C)
    }

    /// The path `0 → 1 → … → n-1`.
    public static func path(_ n: Int) -> EdgeList {
        let n = max(0, n)
        let e = max(0, n - 1)
        return EdgeList(sources: (0..<Int64(e)).map { $0 }, targets: (0..<Int64(e)).map { $0 + 1 },
                        vertexCount: n)
    }

    /// A star: edges `0 → i` for `i in 1 ..< n`.
    public static func star(_ n: Int) -> EdgeList {
        let n = max(0, n)
        let e = max(0, n - 1)
        return EdgeList(sources: [Int64](repeating: 0, count: e), targets: (0..<Int64(e)).map { $0 + 1 },
                        vertexCount: n)
    }

    /// The complete graph on `n` vertices: every ordered pair `u != v` when `directed`,
    /// every unordered pair once (`u < v`) otherwise.
    public static func complete(_ n: Int, directed: Bool = false) -> EdgeList {
        let n = max(0, n)
        var s = [Int64](), t = [Int64]()
        for u in 0..<n {
            for v in 0..<n where u != v && (directed || u < v) { s.append(Int64(u)); t.append(Int64(v)) }
        }
        return EdgeList(sources: s, targets: t, vertexCount: n)
    }
}
