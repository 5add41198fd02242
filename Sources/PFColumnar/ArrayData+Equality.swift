#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ArrayData {
    /// Logical equality: same type and length, and equal values slot by slot (null
    /// slots equal each other; NaN equals NaN). Offsets, chunking and the bytes behind
    /// null slots do not matter.
    public func equals(_ other: ArrayData) -> Bool {
        guard type == other.type, length == other.length, nullCount == other.nullCount else { return false }
        if length == 0 { return true }
        if let fast = fastEquals(other) { return fast }
        for i in 0..<length where scalar(at: i) != other.scalar(at: i) { return false }
        return true
    }

    /// Equality of null-free fixed-width integer data by memory comparison, or nil
    /// when the fast path does not apply.
    private func fastEquals(_ other: ArrayData) -> Bool? {
        guard nullCount == 0, case .fixedWidth(let w) = type.layout else { return nil }
        switch type {
        case .float16, .float32, .float64: return nil  // NaN semantics
        default: break
        }
        guard let a = buffers[1], let b = other.buffers[1] else { return nil }
        return memcmp(a.baseAddress + offset * w, b.baseAddress + other.offset * w, length * w) == 0
    }
}
