import PFColumnar

/// The values of a flat column chunk that come from one Arrow array, gathered when needed
/// instead of copied as a whole: each page (and each block of the dictionary build)
/// converts only its own slots. This saves a chunk-sized copy, and its page faults.
///
/// Level `l` of the chunk is slot `slots.lowerBound + l` of `array`; a slot holds a value
/// when it is valid.
struct LazyLeafValues: Sendable {
    let array: ArrayData
    let slots: Range<Int>
    let conversion: LeafConversion
    /// Byte width of the physical values (0: byte arrays).
    let width: Int

    /// Rows per block of ``forEachBlock(_:)``.
    static let blockRows = 1 << 16

    /// The values of levels `levels`.
    func values(levels: Range<Int>) throws -> PhysicalValues {
        var v = PhysicalValues(width: width)
        try v.append(array, .valid((slots.lowerBound + levels.lowerBound)..<(slots.lowerBound + levels.upperBound)),
                     conversion)
        return v
    }

    /// Calls `body` with the values of consecutive blocks of levels, in order, until it
    /// returns false.
    func forEachBlock(_ body: (PhysicalValues) -> Bool) throws {
        var l = 0
        while l < slots.count {
            let e = min(slots.count, l + LazyLeafValues.blockRows)
            if !body(try values(levels: l..<e)) { return }
            l = e
        }
    }

    /// Byte-array lengths: calls `body` with a function giving the byte length of the value
    /// at level `l` (valid slots only).
    /// - Throws: when the offsets buffer is too short for the slots.
    func withLengths<R>(_ body: ((Int) -> Int) throws -> R) throws -> R {
        guard case .byteArray(let ow) = conversion, array.buffers.count > 1, let ob = array.buffers[1] else {
            throw PFError.internalError("byte-array lengths of a \(array.type.shortName) column")
        }
        let first = array.offset + slots.lowerBound
        guard first >= 0, (array.offset + slots.upperBound + 1) * ow <= ob.byteCount else {
            throw PFError.invalidArgument("\(array.type.shortName) array with a short offsets buffer")
        }
        let base = ob.baseAddress
        if ow == 4 {
            return try body { l in
                let p = base + (first + l) * 4
                return Int(p.loadUnaligned(fromByteOffset: 4, as: Int32.self)) - Int(p.loadUnaligned(as: Int32.self))
            }
        }
        return try body { l in
            let p = base + (first + l) * 8
            return Int(p.loadUnaligned(fromByteOffset: 8, as: Int64.self)) &- Int(p.loadUnaligned(as: Int64.self))
        }
    }
}
