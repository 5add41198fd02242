/// The value of an ASCII hex digit, nil otherwise.
func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
}

/// Appends the UTF-8 encoding of a code point (invalid ones become U+FFFD).
func appendUTF8(_ cp: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(cp) ?? "\u{FFFD}"
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
}
