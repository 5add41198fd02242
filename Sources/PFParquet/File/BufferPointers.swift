/// Typed base pointers of possibly empty buffers (never nil).
extension UnsafeRawBufferPointer {
    var bytePointer: UnsafePointer<UInt8> {
        guard let b = baseAddress else { return UnsafePointer(EmptyBufferBase.byte) }
        return b.assumingMemoryBound(to: UInt8.self)
    }
}

extension UnsafeMutableRawBufferPointer {
    var bytePointer: UnsafeMutablePointer<UInt8> {
        guard let b = baseAddress else { return EmptyBufferBase.byte }
        return b.assumingMemoryBound(to: UInt8.self)
    }
}

/// A one-byte scratch area used as the base of empty buffers handed to C codecs.
enum EmptyBufferBase {
    nonisolated(unsafe) static let byte: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        p.initialize(repeating: 0, count: 16)
        return p
    }()
}
