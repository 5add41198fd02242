/// Fast UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
public enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstInvalidOffset(bytes) == nil
    }

    /// Byte offset of the first ill-formed sequence, or nil when all is valid.
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path, 8 bytes at a time.
            while i + 8 <= n && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= n { break }
            let b0 = base.load(fromByteOffset: i, as: UInt8.self)
            if b0 < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= n { return i }  // truncated sequence
            let b1 = base.load(fromByteOffset: i + 1, as: UInt8.self)
            if b1 < lo || b1 > hi { return i }
            for k in 2...max(2, need) where k <= need {
                let b = base.load(fromByteOffset: i + k, as: UInt8.self)
                if b & 0xC0 != 0x80 { return i }
            }
            i += need + 1
        }
        return nil
    }
}
