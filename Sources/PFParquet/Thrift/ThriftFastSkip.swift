/// An allocation-free walk over Thrift compact structs that only says whether the bytes are
/// well formed, for skipping the bulk of a footer quickly.
///
/// It applies the checks of ``ThriftCompactReader`` (bounds, varint length, field-id range,
/// type codes, binary and list lengths, nesting depth, element budget) but keeps its state
/// in locals and reports failure as `false`, without a message: the caller then walks the
/// same bytes with the reader, which throws the descriptive error. Maps and lists of doubles
/// or of containers are left to the reader (reported as `false`).
struct ThriftFastSkip {
    let base: UnsafeRawPointer
    let count: Int
    /// Current position; after a successful walk, just past the struct's stop byte.
    var position: Int
    /// Container elements still allowed.
    var elementsLeft: Int
    let maxDepth: Int
    let maxBinaryLength: Int

    init(base: UnsafeRawPointer, count: Int, position: Int, elementsLeft: Int, limits: ThriftLimits) {
        self.base = base
        self.count = count
        self.position = position
        self.elementsLeft = elementsLeft
        self.maxDepth = limits.maxDepth
        self.maxBinaryLength = limits.maxBinaryLength
    }

    @inline(__always)
    func byte(_ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }

    @inline(__always)
    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let end = Swift.min(count, position &+ 10)
        while position < end {
            let b = byte(position)
            position &+= 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift &+= 7
        }
        return nil
    }

    @inline(__always)
    mutating func skipVarint() -> Bool {
        let end = Swift.min(count, position &+ 10)
        while position < end {
            let b = byte(position)
            position &+= 1
            if b & 0x80 == 0 { return true }
        }
        return false
    }

    @inline(__always)
    mutating func skipBinary() -> Bool {
        guard let len = varint(), len <= UInt64(count &- position), len <= UInt64(maxBinaryLength) else {
            return false
        }
        position &+= Int(len)
        return true
    }

    /// Walks the fields of a struct at nesting `depth` through its stop byte.
    mutating func structBody(depth: Int) -> Bool {
        guard depth <= maxDepth else { return false }
        while position < count {
            let b = byte(position)
            position &+= 1
            if b == 0 { return true }
            if b < 0x10 {
                // Long-form field id: a zigzag varint that must fit an i16.
                guard let raw = varint() else { return false }
                let id = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
                guard id >= Int64(Int16.min), id <= Int64(Int16.max) else { return false }
            }
            switch b & 0x0F {
            case 1, 2: continue
            case 4, 5, 6: guard skipVarint() else { return false }
            case 8: guard skipBinary() else { return false }
            case 12: guard structBody(depth: depth &+ 1) else { return false }
            case 9, 10: guard list(depth: depth &+ 1) else { return false }
            case 3:
                guard position < count else { return false }
                position &+= 1
            case 7:
                guard count &- position >= 8 else { return false }
                position &+= 8
            default: return false
            }
        }
        return false
    }

    /// Walks a list or set (header and elements) at nesting `depth`.
    mutating func list(depth: Int) -> Bool {
        guard depth <= maxDepth, position < count else { return false }
        let header = byte(position)
        position &+= 1
        let elementType = header & 0x0F
        var n = UInt64(header >> 4)
        if n == 15 {
            guard let v = varint() else { return false }
            n = v
        }
        // Every element takes at least one byte; the budget is shared with the reader.
        guard elementType != 0, elementType <= 12, n <= UInt64(count &- position),
              n <= UInt64(elementsLeft) else { return false }
        let k = Int(n)
        elementsLeft &-= k
        switch elementType {
        case 1, 2, 3: position &+= k
        case 4, 5, 6: for _ in 0..<k { guard skipVarint() else { return false } }
        case 8: for _ in 0..<k { guard skipBinary() else { return false } }
        case 12: for _ in 0..<k { guard structBody(depth: depth &+ 1) else { return false } }
        default: return false
        }
        return true
    }
}
