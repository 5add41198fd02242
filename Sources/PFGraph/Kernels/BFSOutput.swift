import PFColumnar
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-vertex output of one BFS run, written by the kernel straight into 64-byte
/// aligned memory that Arrow buffers borrow without a copy:
///
/// - `distances`: hop distance, -1 when unreached;
/// - `predecessors`: dense predecessor index, -1 for sources and unreached vertices;
/// - `reached`: bit `v` set when `v` was reached. Its 64-bit words are LSB-first, so on
///   a little-endian host its bytes are an Arrow validity bitmap as they stand.
///
/// The memory lives as long as this object, and buffers made by ``buffer(_:)`` keep it.
final class BFSOutput: @unchecked Sendable {
    let vertexCount: Int
    let distances: AtomicArray
    let predecessors: AtomicArray
    let reached: Bitmap
    /// The distinct sources, in first-seen order.
    var sources: [Int] = []
    /// Vertices reached, sources included.
    var reachedCount = 0
    /// Largest distance reached.
    var depth = 0
    /// Levels expanded bottom-up / top-down (diagnostics).
    var bottomUpSteps = 0, topDownSteps = 0

    init(vertexCount: Int, pool: ThreadPool) {
        self.vertexCount = vertexCount
        distances = BFSOutput.alignedAtomics(vertexCount, filledWith: -1, pool: pool)
        predecessors = BFSOutput.alignedAtomics(vertexCount, filledWith: -1, pool: pool)
        reached = Bitmap(words: BFSOutput.alignedAtomics((vertexCount + 63) >> 6, filledWith: 0, pool: pool),
                         bitCount: vertexCount)
    }

    deinit {
        for p in [distances.base, predecessors.base, reached.words.base] {
            UnsafeMutableRawPointer(p).deallocate()
        }
    }

    /// Which array a buffer shows.
    enum Part { case distances, predecessors, reached }

    /// An Arrow buffer borrowing one of the arrays (int64 values, or validity bytes).
    func buffer(_ part: Part) -> Buffer {
        switch part {
        case .distances:
            Buffer(borrowing: UnsafeRawPointer(distances.base), byteCount: vertexCount * 8, owner: self)
        case .predecessors:
            Buffer(borrowing: UnsafeRawPointer(predecessors.base), byteCount: vertexCount * 8, owner: self)
        case .reached:
            Buffer(borrowing: UnsafeRawPointer(reached.words.base),
                   byteCount: PFColumnar.Bitmap.byteCount(bits: vertexCount), owner: self)
        }
    }

    /// `count` atomics set to `value` in a zero-padded allocation of
    /// ``Buffer/paddedSize(_:)`` bytes aligned to ``Buffer/alignment``.
    private static func alignedAtomics(_ count: Int, filledWith value: Int64, pool: ThreadPool) -> AtomicArray {
        let bytes = Buffer.paddedSize(count * 8)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Buffer.alignment)
        let base = raw.bindMemory(to: Atomic<Int64>.self, capacity: bytes / 8)
        let p = UnsafeSendable(base)
        pool.parallelFor(0..<bytes / 8, grain: 1 << 17) { _, r in
            for i in r { (p.value + i).initialize(to: Atomic<Int64>(i < count ? value : 0)) }
        }
        return AtomicArray(adopting: base, count: count)
    }
}

extension AtomicArray {
    /// Wraps memory the caller allocated and initialized (and deallocates).
    init(adopting base: UnsafeMutablePointer<Atomic<Int64>>, count: Int) {
        self.base = base
        self.count = count
    }
}

extension Bitmap {
    /// A bitmap over existing zeroed words (the caller keeps ownership).
    init(words: AtomicArray, bitCount: Int) {
        self.words = words
        self.bitCount = bitCount
    }
}
