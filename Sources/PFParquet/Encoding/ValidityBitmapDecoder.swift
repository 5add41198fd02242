import PFColumnar

/// Decodes definition levels of maximum 1 (RLE / bit-packed hybrid, bit width 1) straight
/// into an Arrow validity bitmap, without materializing one integer per level: a run of ones
/// sets a range of bits, a bit-packed run already is a bitmap and is copied (shifted).
///
/// This is the shape of every nullable top-level column, so it replaces the per-level loop
/// on the common read path. The bits to fill must be zero beforehand.
enum ValidityBitmapDecoder {
    /// Decodes exactly `count` levels from `data` into bits `bitOffset ..< bitOffset + count`
    /// of `bitmap`; returns how many levels are 1 (valid slots).
    /// - Throws: `.format` when the data ends early or holds a level above 1.
    static func decode(_ data: UnsafeRawBufferPointer, count: Int, into bitmap: UnsafeMutablePointer<UInt8>,
                       bitOffset: Int) throws -> Int {
        let base = data.bytePointer
        let end = data.count
        var pos = 0
        var done = 0
        var valid = 0
        while done < count {
            // Run header (ULEB128).
            var header: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard pos < end else {
                    throw PFError.format("definition levels: data holds \(done) values, \(count) expected")
                }
                let b = base[pos]
                pos &+= 1
                header |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift &+= 7
                if shift > 63 { throw PFError.format("definition levels: run header varint too long") }
            }
            if header & 1 == 0 {
                // RLE run: one byte holds the repeated level.
                guard pos < end else { throw PFError.format("definition levels: truncated RLE run value") }
                let v = base[pos]
                pos &+= 1
                guard v <= 1 else { throw PFError.format("definition level above the maximum 1") }
                let n = Int(clamping: min(header >> 1, UInt64(count &- done)))
                if v == 1 {
                    setRange(bitmap, from: bitOffset &+ done, count: n)
                    valid &+= n
                }
                done &+= n
            } else {
                // Bit-packed run: `groups` bytes of 8 levels each, LSB first (possibly
                // truncated by the end of the data: the bytes present count).
                let groups = Int(clamping: header >> 1)
                let bytes = min(groups, end &- pos)
                let n = min(bytes &* 8, count &- done)
                valid &+= copyBits(from: base + pos, count: n, into: bitmap, at: bitOffset &+ done)
                done &+= n
                pos &+= bytes
                if bytes < groups && done < count {
                    throw PFError.format("definition levels: data holds \(done) values, \(count) expected")
                }
            }
        }
        return valid
    }

    /// Sets bits `from ..< from + count`.
    @inline(__always)
    static func setRange(_ bitmap: UnsafeMutablePointer<UInt8>, from: Int, count: Int) {
        guard count > 0 else { return }
        var i = from
        let end = from &+ count
        while i < end && i & 7 != 0 {
            bitmap[i >> 3] |= UInt8(1) << UInt8(i & 7)
            i &+= 1
        }
        let wholeBytes = (end &- i) >> 3
        if wholeBytes > 0 {
            (bitmap + (i >> 3)).update(repeating: 0xFF, count: wholeBytes)
            i &+= wholeBytes << 3
        }
        while i < end {
            bitmap[i >> 3] |= UInt8(1) << UInt8(i & 7)
            i &+= 1
        }
    }

    /// ORs the first `count` bits of `src` into `bitmap` at bit `at`; returns how many are set.
    /// Writes only bytes holding some of the `count` bits.
    @inline(__always)
    static func copyBits(from src: UnsafePointer<UInt8>, count: Int, into bitmap: UnsafeMutablePointer<UInt8>,
                         at: Int) -> Int {
        guard count > 0 else { return 0 }
        var set = 0
        let full = count >> 3
        let rest = count & 7
        let shift = UInt8(at & 7)
        let d = bitmap + (at >> 3)
        if shift == 0 {
            // Aligned: whole bytes, 8 at a time where possible.
            var k = 0
            let raw = UnsafeRawPointer(src), out = UnsafeMutableRawPointer(d)
            while k &+ 8 <= full {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                out.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
                set &+= w.nonzeroBitCount
                k &+= 8
            }
            while k < full {
                d[k] = src[k]
                set &+= src[k].nonzeroBitCount
                k &+= 1
            }
            if rest > 0 {
                let b = src[full] & UInt8((1 << rest) - 1)
                d[full] |= b
                set &+= b.nonzeroBitCount
            }
            return set
        }
        let back = 8 &- shift
        // Unaligned: 8 source bytes at a time, shifted into the destination word and the
        // byte after it (which holds bits of this run, so lies inside the bitmap).
        var k = 0
        let raw = UnsafeRawPointer(src), out = UnsafeMutableRawPointer(d)
        let s64 = UInt64(shift)
        while k &+ 8 <= full {
            let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let cur = out.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            out.storeBytes(of: cur | (w << s64), toByteOffset: k, as: UInt64.self)
            d[k &+ 8] |= UInt8(truncatingIfNeeded: w >> (64 &- s64))
            set &+= w.nonzeroBitCount
            k &+= 8
        }
        for k in k..<full {
            let b = src[k]
            d[k] |= b << shift
            d[k &+ 1] |= b >> back
            set &+= b.nonzeroBitCount
        }
        if rest > 0 {
            let b = src[full] & UInt8((1 << rest) - 1)
            d[full] |= b << shift
            // Only when some of these bits land in the next byte (else it may lie past the bitmap).
            if Int(shift) &+ rest > 8 { d[full &+ 1] |= b >> back }
            set &+= b.nonzeroBitCount
        }
        return set
    }
}
