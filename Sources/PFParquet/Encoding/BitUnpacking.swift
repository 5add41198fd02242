/// Little-endian (LSB-first) bit unpacking and packing, eight values at a time, as used by
/// the RLE/bit-packed hybrid and DELTA_BINARY_PACKED encodings.
///
/// Callers check that the source holds `count * bitWidth / 8` bytes; reads never go past
/// `available` bytes (the last group is assembled byte by byte).
enum BitUnpacking {
    @inline(__always)
    static func load64(_ p: UnsafePointer<UInt8>, _ byte: Int, _ available: Int) -> UInt64 {
        if byte &+ 8 <= available {
            return UInt64(littleEndian: UnsafeRawPointer(p + byte).loadUnaligned(as: UInt64.self))
        }
        var v: UInt64 = 0
        var i = 0
        while byte &+ i < available && i < 8 {
            v |= UInt64(p[byte &+ i]) << UInt64(i &* 8)
            i &+= 1
        }
        return v
    }

    /// Unpacks `groups * 8` values of `bitWidth` (0...32) bits from `src` into `dst`.
    /// `src` must hold at least `groups * bitWidth` bytes, of which `available` may be read.
    static func unpack32(_ src: UnsafePointer<UInt8>, available: Int, bitWidth w: Int, groups: Int,
                         into dst: UnsafeMutablePointer<UInt32>) {
        if w == 0 {
            dst.update(repeating: 0, count: groups &* 8)
            return
        }
        let mask: UInt64 = (1 << UInt64(w)) &- 1
        var out = dst
        var groupByte = 0
        switch w {
        case 1, 2, 4, 8:
            // Widths dividing 8: every group is aligned and values never straddle words.
            for _ in 0..<groups {
                let word = load64(src, groupByte, available)
                for i in 0..<8 {
                    out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(i &* w)) & mask)
                }
                out += 8
                groupByte &+= w
            }
        default:
            for _ in 0..<groups {
                if groupByte &+ w &+ 8 <= available {
                    let base = UnsafeRawPointer(src + groupByte)
                    for i in 0..<8 {
                        let bit = i &* w
                        let word = UInt64(littleEndian: (base + (bit >> 3)).loadUnaligned(as: UInt64.self))
                        out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                    }
                } else {
                    for i in 0..<8 {
                        let bit = i &* w
                        let word = load64(src, groupByte &+ (bit >> 3), available)
                        out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                    }
                }
                out += 8
                groupByte &+= w
            }
        }
    }

    /// Unpacks `groups * 8` values of `bitWidth` (0...64) bits into `dst`.
    static func unpack64(_ src: UnsafePointer<UInt8>, available: Int, bitWidth w: Int, groups: Int,
                         into dst: UnsafeMutablePointer<UInt64>) {
        if w == 0 {
            dst.update(repeating: 0, count: groups &* 8)
            return
        }
        let mask: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) &- 1
        var out = dst
        var groupByte = 0
        for _ in 0..<groups {
            for i in 0..<8 {
                let bit = i &* w
                let byte = groupByte &+ (bit >> 3)
                let shift = UInt64(bit & 7)
                var v = load64(src, byte, available) >> shift
                if w &+ Int(shift) > 64 {
                    v |= load64(src, byte &+ 8, available) << (64 &- shift)
                }
                out[i] = v & mask
            }
            out += 8
            groupByte &+= w
        }
    }

    /// Appends `values` (padded with zeros to a multiple of 8) packed LSB-first in `bitWidth` bits.
    static func pack<C: Collection>(_ values: C, bitWidth w: Int, into out: inout [UInt8])
    where C.Element == UInt64 {
        if w == 0 { return }
        var acc: UInt64 = 0   // pending bits
        var nbits = 0
        var n = 0
        func push(_ v: UInt64) {
            let masked = w == 64 ? v : v & ((1 << UInt64(w)) &- 1)
            acc |= masked << UInt64(nbits)
            let room = 64 - nbits
            if w >= room {
                // flush 64 bits
                for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: acc >> UInt64(k * 8))) }
                acc = room == 64 ? 0 : masked >> UInt64(room)
                nbits = w - room
            } else {
                nbits += w
            }
        }
        for v in values { push(v); n += 1 }
        while n % 8 != 0 { push(0); n += 1 }
        var k = 0
        while nbits > 0 {
            out.append(UInt8(truncatingIfNeeded: acc >> UInt64(k * 8)))
            k += 1
            nbits -= 8
        }
    }

    /// Number of bits needed for `v` (0 for 0).
    static func bitWidth(of v: UInt64) -> Int { 64 - v.leadingZeroBitCount }
}
