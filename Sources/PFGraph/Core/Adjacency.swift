import Synchronization

/// One direction of a graph's adjacency in compressed sparse form.
///
/// Row `v` holds the neighbours `targets[offsets[v] ..< offsets[v+1]]` (out-neighbours in
/// the out-CSR, in-neighbours in the in-CSC) and, for weighted graphs, the aligned
/// `weights[...]`. `offsets` are `Int64` (V+1 values); targets are `UInt32` when the
/// graph has fewer than 2^32 vertices, `Int64` otherwise (see ``indexWidth``). All three
/// arrays live in 64-byte aligned ``GraphBuffer``s owned by this object, so they can be
/// exported without copies while the object is retained.
///
/// Neighbour order: in an out-CSR built by ``GraphBuilder``, each row lists its
/// neighbours in input edge order. In an in-CSC built from an out-CSR, each row lists
/// its in-neighbours by ascending source index (ties — parallel edges — in out-CSR order).
public final class Adjacency: @unchecked Sendable {
    /// Number of rows (vertices).
    public let vertexCount: Int
    /// Number of stored entries (sum of row lengths).
    public let entryCount: Int
    /// Storage width of ``withUnsafeTargets(_:)``.
    public let indexWidth: IndexWidth
    /// True when every row is sorted ascending (then `hasEdge` uses binary search).
    public let isSorted: Bool

    let offsetsBuffer: GraphBuffer
    let targetsBuffer: GraphBuffer
    let weightsBuffer: GraphBuffer?
    /// Lazily cached by kernels that reject negative weights: 0 not yet known, 1 no
    /// weight is `< 0` (weights are immutable, so this never changes once set).
    let noNegativeWeightsState = Atomic<UInt8>(0)

    init(vertexCount: Int, entryCount: Int, indexWidth: IndexWidth, isSorted: Bool,
         offsets: GraphBuffer, targets: GraphBuffer, weights: GraphBuffer?) {
        self.vertexCount = vertexCount
        self.entryCount = entryCount
        self.indexWidth = indexWidth
        self.isSorted = isSorted
        self.offsetsBuffer = offsets
        self.targetsBuffer = targets
        self.weightsBuffer = weights
    }

    /// Whether weights are stored (aligned with the targets).
    public var hasWeights: Bool { weightsBuffer != nil }

    /// Bytes used by offsets, targets and weights.
    public var byteCount: Int {
        (vertexCount + 1) * 8 + entryCount * indexWidth.byteWidth + (hasWeights ? entryCount * 8 : 0)
    }

    // MARK: zero-copy accessors

    /// Calls `body` with the V+1 row offsets.
    public func withUnsafeOffsets<R>(_ body: (UnsafeBufferPointer<Int64>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) {
            try body(UnsafeBufferPointer(start: offsetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self),
                                         count: vertexCount + 1))
        }
    }

    /// Calls `body` with the neighbour indices, in their storage width.
    public func withUnsafeTargets<R>(_ body: (TargetBuffer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) {
            switch indexWidth {
            case .uint32:
                return try body(.uint32(UnsafeBufferPointer(
                    start: targetsBuffer.baseAddress.assumingMemoryBound(to: UInt32.self), count: entryCount)))
            case .int64:
                return try body(.int64(UnsafeBufferPointer(
                    start: targetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self), count: entryCount)))
            }
        }
    }

    /// Calls `body` with the weights aligned with the targets, or `nil` when unweighted.
    public func withUnsafeWeights<R>(_ body: (UnsafeBufferPointer<Double>?) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) {
            guard let w = weightsBuffer else { return try body(nil) }
            return try body(UnsafeBufferPointer(start: w.baseAddress.assumingMemoryBound(to: Double.self),
                                                count: entryCount))
        }
    }

    /// Raw buffers for zero-copy export; valid while this object is retained.
    public var rawBuffers: (offsets: GraphBuffer, targets: GraphBuffer, weights: GraphBuffer?) {
        (offsetsBuffer, targetsBuffer, weightsBuffer)
    }

    // MARK: convenience (bounds-checked)

    /// Number of entries in row `v` (0 when `v` is out of range).
    public func degree(_ v: Int) -> Int {
        guard v >= 0 && v < vertexCount else { return 0 }
        let o = offsetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        return Int(o[v + 1] - o[v])
    }

    /// The neighbours of `v` in storage order (empty when `v` is out of range).
    public func neighbors(of v: Int) -> [Int] {
        guard v >= 0 && v < vertexCount else { return [] }
        return withView { view in
            var out: [Int] = []
            out.reserveCapacity(view.end(v) - view.begin(v))
            for i in view.begin(v)..<view.end(v) { out.append(view.target(i)) }
            return out
        }
    }

    /// The weights of row `v` aligned with ``neighbors(of:)`` (nil when unweighted).
    public func weights(of v: Int) -> [Double]? {
        guard let wb = weightsBuffer else { return nil }
        guard v >= 0 && v < vertexCount else { return [] }
        let o = offsetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self)
        let w = wb.baseAddress.assumingMemoryBound(to: Double.self)
        return (Int(o[v])..<Int(o[v + 1])).map { w[$0] }
    }

    /// Runs `body` with a typed, unretained view; the adjacency stays alive meanwhile.
    func withView<R>(_ body: (AnyAdjView) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(AnyAdjView(self)) }
    }
}

/// Neighbour indices in their storage width.
public enum TargetBuffer {
    /// 4-byte indices.
    case uint32(UnsafeBufferPointer<UInt32>)
    /// 8-byte indices.
    case int64(UnsafeBufferPointer<Int64>)

    /// Number of entries.
    public var count: Int {
        switch self { case .uint32(let b): return b.count; case .int64(let b): return b.count }
    }
    /// Entry `i` as `Int`.
    @inline(__always) public subscript(i: Int) -> Int {
        switch self { case .uint32(let b): return Int(b[i]); case .int64(let b): return Int(b[i]) }
    }
}

/// An unretained, typed view of an ``Adjacency`` for kernels. The caller keeps the
/// adjacency alive (``Adjacency/withView(_:)``, `withExtendedLifetime`).
struct AdjView<T: VertexIndex>: @unchecked Sendable {
    let offsets: UnsafePointer<Int64>
    let targets: UnsafePointer<T>
    let weights: UnsafePointer<Double>?
    let vertexCount: Int
    let entryCount: Int

    init(_ a: Adjacency) {
        offsets = UnsafePointer(a.offsetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self))
        targets = UnsafePointer(a.targetsBuffer.baseAddress.assumingMemoryBound(to: T.self))
        weights = a.weightsBuffer.map { UnsafePointer($0.baseAddress.assumingMemoryBound(to: Double.self)) }
        vertexCount = a.vertexCount
        entryCount = a.entryCount
    }

    @inline(__always) func begin(_ v: Int) -> Int { Int(offsets[v]) }
    @inline(__always) func end(_ v: Int) -> Int { Int(offsets[v + 1]) }
    @inline(__always) func degree(_ v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }
    @inline(__always) func target(_ i: Int) -> Int { Int(targets[i]) }
    @inline(__always) func weight(_ i: Int) -> Double { weights.map { $0[i] } ?? 1.0 }
}

/// Width-erased view for non-hot paths (queries, verifiers).
struct AnyAdjView: @unchecked Sendable {
    let offsets: UnsafePointer<Int64>
    let targets32: UnsafePointer<UInt32>?
    let targets64: UnsafePointer<Int64>?
    let weights: UnsafePointer<Double>?
    let vertexCount: Int

    init(_ a: Adjacency) {
        offsets = UnsafePointer(a.offsetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self))
        if a.indexWidth == .uint32 {
            targets32 = UnsafePointer(a.targetsBuffer.baseAddress.assumingMemoryBound(to: UInt32.self))
            targets64 = nil
        } else {
            targets32 = nil
            targets64 = UnsafePointer(a.targetsBuffer.baseAddress.assumingMemoryBound(to: Int64.self))
        }
        weights = a.weightsBuffer.map { UnsafePointer($0.baseAddress.assumingMemoryBound(to: Double.self)) }
        vertexCount = a.vertexCount
    }

    @inline(__always) func begin(_ v: Int) -> Int { Int(offsets[v]) }
    @inline(__always) func end(_ v: Int) -> Int { Int(offsets[v + 1]) }
    @inline(__always) func target(_ i: Int) -> Int {
        if let t = targets32 { return Int(t[i]) }
        return Int(targets64.unsafelyUnwrapped[i])
    }
    @inline(__always) func weight(_ i: Int) -> Double { weights.map { $0[i] } ?? 1.0 }
}
