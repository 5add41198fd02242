#if arch(x86_64) && canImport(_Builtin_intrinsics)
import _Builtin_intrinsics.intel
#endif

/// Finds the bytes that end a run of CSV field text (delimiter, LF, CR; or the quote byte
/// inside a quoted field) 64 bytes at a time, as bitmasks per 64-byte window (a
/// structural index).
///
/// The tokenizer asks for the next stop byte at or after a position; a window's mask is
/// computed once and serves every field that ends inside it, so a field costs a
/// trailing-zero count instead of a byte scan. Windows only cover bytes below `limit`;
/// past it ``next(_:)`` answers -1 and the caller scans byte by byte.
struct CSVStopScanner {
    let base: UnsafePointer<UInt8>
    /// Windows lie entirely below this offset.
    let limit: Int
    /// The delimiter and the quote byte repeated in every byte lane.
    private let splatDelimiter: CSVByteLanes
    private let splatQuote: CSVByteLanes
    /// Start of the current window (far below any position until one is computed).
    private var windowStart = Int.min / 2
    /// Stop bytes of the current window: bit `i` is `base[windowStart + i]`.
    private var windowMask: UInt64 = 0
    /// Quote bytes of the current window.
    private var windowQuotes: UInt64 = 0

    /// A scanner for `base[0 ..< limit]`. Without a quote byte pass the delimiter.
    init(base: UnsafePointer<UInt8>, limit: Int, delimiter: UInt8, quote: UInt8) {
        self.base = base
        self.limit = limit
        splatDelimiter = csvSplat(delimiter)
        splatQuote = csvSplat(quote)
    }

    /// The offset of the first delimiter, CR or LF at or after `pos`, or -1 when there is
    /// none below the last whole window before `limit`.
    @inline(__always)
    mutating func next(_ pos: Int) -> Int { find(pos, quotes: false) }

    /// The offset of the first quote byte at or after `pos`, or -1 (like ``next(_:)``).
    @inline(__always)
    mutating func nextQuote(_ pos: Int) -> Int { find(pos, quotes: true) }

    @inline(__always)
    private mutating func find(_ pos: Int, quotes: Bool) -> Int {
        let off = pos &- windowStart
        var m: UInt64
        if UInt(bitPattern: off) < 64 {
            m = (quotes ? windowQuotes : windowMask) & (~0 << UInt64(off))
        } else {
            guard pos &+ 64 <= limit else { return -1 }
            windowStart = pos
            load()
            m = quotes ? windowQuotes : windowMask
        }
        while m == 0 {
            let s = windowStart &+ 64
            guard s &+ 64 <= limit else { return -1 }
            windowStart = s
            load()
            m = quotes ? windowQuotes : windowMask
        }
        return windowStart &+ m.trailingZeroBitCount
    }

    /// Computes both masks of the window at `windowStart`.
    @inline(__always)
    private mutating func load() {
        let p = base + windowStart
        windowMask = mask(p, quotes: false)
        windowQuotes = mask(p, quotes: true)
    }

    /// Bit `i` set when `p[i]` is the quote byte (`quotes`) or else a delimiter, CR or
    /// LF, for `i < 64`.
    @inline(__always)
    func mask(_ p: UnsafePointer<UInt8>, quotes: Bool) -> UInt64 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics)
        let d = splatDelimiter, q = splatQuote
        let lf = _mm_set1_epi8(10), cr = _mm_set1_epi8(13)
        let raw = UnsafeRawPointer(p)
        @inline(__always) func bits(_ k: Int) -> UInt64 {
            let v = raw.loadUnaligned(fromByteOffset: 16 * k, as: __m128i.self)
            let hit = quotes ? _mm_cmpeq_epi8(v, q)
                : _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)))
            return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(hit)))
        }
        return bits(0) | bits(1) << 16 | bits(2) << 32 | bits(3) << 48
        #else
        let bd = splatDelimiter, bq = splatQuote
        let blf = csvSplat(10), bcr = csvSplat(13)
        var r: UInt64 = 0
        for k in 0..<8 {
            let x = UnsafeRawPointer(p).loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
            let hit = quotes ? swarExactZero(x ^ bq)
                : swarExactZero(x ^ bd) | swarExactZero(x ^ blf) | swarExactZero(x ^ bcr)
            // Gather the 8 high bits into one byte.
            r |= (((hit >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * k)
        }
        return r
        #endif
    }
}

#if arch(x86_64) && canImport(_Builtin_intrinsics)
/// A byte repeated in every lane of an SSE2 register.
typealias CSVByteLanes = __m128i

@inline(__always)
func csvSplat(_ b: UInt8) -> CSVByteLanes { _mm_set1_epi8(Int8(bitPattern: b)) }
#else
/// A byte repeated in every byte of a word.
typealias CSVByteLanes = UInt64

@inline(__always)
func csvSplat(_ b: UInt8) -> CSVByteLanes { 0x0101_0101_0101_0101 &* UInt64(b) }
#endif

/// High bit set in exactly the bytes of `x` that are zero.
@inline(__always)
func swarExactZero(_ x: UInt64) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
}

/// Copies 64 bytes (callers use it for `n <= 64` when both sides have the room).
@inline(__always)
func csvCopy64(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>) {
    let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
    for k in 0..<4 {
        d.storeBytes(of: s.loadUnaligned(fromByteOffset: 16 * k, as: SIMD16<UInt8>.self),
                     toByteOffset: 16 * k, as: SIMD16<UInt8>.self)
    }
}
