/// Decoder of raw snappy blocks, written from the snappy format description: a varint
/// preamble holding the uncompressed length, then elements that are either literals (bytes
/// copied from the input) or copies (of earlier output, at an offset of 1 to 2^32 - 1 bytes,
/// possibly overlapping the bytes being written).
///
/// Every length and offset is checked against the input and output; corrupt data makes
/// ``decompress(_:into:)`` return false, never read or write out of bounds. Away from the end
/// of the output, short literals and copies are moved as whole 16-byte (or 8-byte) chunks
/// that may write past the element's end (bytes the next elements overwrite) instead of a
/// `memcpy` call per element, which dominates on data with many short matches.
enum SnappyDecoder {
    /// The uncompressed length declared by the preamble and the preamble's size, or nil when
    /// the preamble is malformed (over 5 bytes, truncated, or above `UInt32.max`).
    static func preamble(_ input: UnsafeRawBufferPointer) -> (length: Int, size: Int)? {
        var value = 0, shift = 0, i = 0
        while i < input.count && i < 5 {
            let b = Int(input[i])
            i += 1
            value |= (b & 0x7F) << shift
            if b < 0x80 { return value <= Int(UInt32.max) ? (value, i) : nil }
            shift += 7
        }
        return nil
    }

    /// Decodes the elements of `input` (after the preamble) into exactly `output.count`
    /// bytes; false when the data is corrupt or does not fill the output exactly.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard let ib = input.baseAddress else { return output.count == 0 }
        guard let ob = output.baseAddress else { return input.isEmpty }
        var ip = ib
        let iend = ib + input.count
        var op = ob
        let oend = ob + output.count
        let table = tagTable
        // Elements the general path takes before the fast loop is tried again. Where short
        // copies at offsets below 16 are frequent (such as little-endian integer sequences:
        // a 2-byte literal, a 6-byte copy at offset 8, repeated), leaving and re-entering
        // the fast loop per element costs more than the general path's branches, which such
        // regular data predicts well.
        var generalRun = 0
        while ip < iend {
            if generalRun > 0 {
                generalRun &-= 1
            } else if op - ob >= 16 {
                fastElements(&ip, iend, &op, ob, oend, table)
                if ip >= iend { break }
                generalRun = 16
            }
            let tag = Int(ip.load(as: UInt8.self))
            let type = tag & 3
            if type == 0 {
                // Literal: length - 1 in the tag's upper 6 bits, or in the 1-4 bytes after it.
                var len = (tag >> 2) &+ 1
                ip += 1
                if len <= 16 && iend - ip >= 16 && oend - op >= 16 {
                    copy16(op, ip)
                    ip += len
                    op += len
                    continue
                }
                if len > 60 {
                    let extra = len &- 60
                    guard iend - ip >= extra else { return false }
                    var v = 0
                    for k in 0..<extra { v |= Int(ip.load(fromByteOffset: k, as: UInt8.self)) << (8 &* k) }
                    ip += extra
                    len = v &+ 1
                }
                guard len <= iend - ip, len <= oend - op else { return false }
                op.copyMemory(from: ip, byteCount: len)
                ip += len
                op += len
                continue
            }
            // Copy: 1, 2 or 4 offset bytes after the tag; type 1 keeps 3 more offset bits in
            // the tag. Where 4 bytes follow the tag, length and offset are computed without
            // branching on the type (mispredictions dominate on short elements).
            // Type 1 as a mask (all ones for type 1, else 0), from arithmetic only.
            let t1 = ((type ^ 1) &- 1) >> 63
            let extra = type &+ ((type >> 1) & type)
            let len = ((tag >> 2) &+ 1) ^ (((((tag >> 2) & 7) &+ 4) ^ ((tag >> 2) &+ 1)) & t1)
            let high = ((tag >> 5) << 8) & t1
            let offset: Int
            if iend - ip >= 5 {
                let next = Int(UInt32(littleEndian: (ip + 1).loadUnaligned(as: UInt32.self)))
                offset = (next & ((1 << (extra &* 8)) &- 1)) | high
            } else {
                guard iend - ip > extra else { return false }
                var v = 0
                for k in 0..<extra { v |= Int(ip.load(fromByteOffset: 1 &+ k, as: UInt8.self)) << (8 &* k) }
                offset = v | high
            }
            ip += 1 &+ extra
            guard UInt(bitPattern: offset &- 1) < UInt(bitPattern: op - ob), len <= oend - op else { return false }
            let from = UnsafeRawPointer(op - offset)
            if oend - op >= 64 {
                // len <= 64: chunks no longer than the offset, so each reads bytes already
                // final (earlier output or earlier chunks); bytes written past len are
                // overwritten by the next elements. Most copies are short: one chunk first.
                if offset >= 16 {
                    copy16(op, from)
                    if len > 16 {
                        copy16(op + 16, from + 16)
                        if len > 32 {
                            copy16(op + 32, from + 32)
                            copy16(op + 48, from + 48)
                        }
                    }
                } else if offset >= 8 {
                    copy8(op, from)
                    copy8(op + 8, from + 8)
                    var k = 16
                    while k < len {
                        copy8(op + k, from + k)
                        k &+= 8
                    }
                } else {
                    copyBytes(op, from, len)
                }
            } else if offset >= len {
                op.copyMemory(from: from, byteCount: len)
            } else {
                copyBytes(op, from, len)
            }
            op += len
        }
        return op == oend
    }

    /// Per tag byte, how a short element is decoded without branching on its kind: bits
    /// 0-7 its length, bit 16 set for a copy, bit 17 set when it can take the fast path (a
    /// literal of at most 16 bytes, a copy of at most 16 bytes with a 1- or 2-byte offset),
    /// bits 24-34 the offset's part in the tag (for a literal 16, so that the offset check
    /// passes), bits 40-55 the mask of the offset bytes after the tag.
    nonisolated(unsafe) private static let tagTable: UnsafePointer<UInt64> = {
        let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        for tag in 0..<256 { t[tag] = tagEntry(tag) }
        return UnsafePointer(t)  // lives as long as the process
    }()

    /// The ``tagTable`` entry of `tag`.
    private static func tagEntry(_ tag: Int) -> UInt64 {
        let upper = UInt64(tag >> 2)
        switch tag & 3 {
        case 0:
            let len = upper + 1
            return len | (len <= 16 ? 1 << 17 : 0) | (16 << 24)
        case 1:
            let len = (upper & 7) + 4
            return len | (1 << 16) | (1 << 17) | ((UInt64(tag >> 5) << 8) << 24) | (0xFF << 40)
        case 2:
            let len = upper + 1
            return len | (1 << 16) | (len <= 16 ? 1 << 17 : 0) | (0xFFFF << 40)
        default:
            return (upper + 1) | (1 << 16)
        }
    }

    /// Decodes short elements while the input has 24 bytes left and the output 64 (and at
    /// least 16 bytes were written): each moves one unconditional 16-byte chunk, from the
    /// input (literal) or from earlier output at an offset of at least 16 (copy), picked
    /// without a branch, so a mix of literals and copies costs no mispredictions. Stops at
    /// the first element that needs the general path (long or overlapping, offset beyond
    /// the output written so far, or 4 offset bytes), leaving `ip` on its tag.
    @inline(__always)
    private static func fastElements(_ ip: inout UnsafeRawPointer, _ iend: UnsafeRawPointer,
                                     _ op: inout UnsafeMutableRawPointer, _ ob: UnsafeMutableRawPointer,
                                     _ oend: UnsafeMutableRawPointer, _ t: UnsafePointer<UInt64>) {
        var i = ip, o = op
        while iend - i >= 24 && oend - o >= 64 {
            let tag = Int(i.load(as: UInt8.self))
            let e = t[tag]
            let next = Int(UInt32(littleEndian: (i + 1).loadUnaligned(as: UInt32.self)))
            let offset = (next & Int(truncatingIfNeeded: e >> 40)) | Int(truncatingIfNeeded: (e >> 24) & 0xFFFF)
            // Offset in 16...(bytes written); a literal's table offset is 16.
            let inRange = UInt(bitPattern: offset &- 16) <= UInt(bitPattern: (o - ob) &- 16)
            guard e & (1 << 17) != 0 && inRange else { break }
            let src = e & (1 << 16) != 0 ? UnsafeRawPointer(o - offset) : i + 1
            copy16(o, src)
            o += Int(truncatingIfNeeded: e & 0xFF)
            // The input step from the tag by arithmetic, not the table: it is the loop's
            // dependency chain (tag load, step, next tag load), and a second load would
            // lengthen it. Literal: length + 1; copy types 1 and 2: type + 1.
            let type = tag & 3
            let afterLiteral = i + ((tag >> 2) &+ 2), afterCopy = i + (type &+ 1)
            i = type == 0 ? afterLiteral : afterCopy
        }
        ip = i
        op = o
    }

    /// Copies 16 bytes (unaligned).
    @inline(__always)
    private static func copy16(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer) {
        dst.storeBytes(of: src.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
    }

    /// Copies 8 bytes (unaligned).
    @inline(__always)
    private static func copy8(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer) {
        dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    /// Copies `n` bytes one at a time, front to back (an overlapping copy repeats the pattern).
    @inline(__always)
    private static func copyBytes(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, _ n: Int) {
        for k in 0..<n { (dst + k).storeBytes(of: src.load(fromByteOffset: k, as: UInt8.self), as: UInt8.self) }
    }
}
