/// Recognizes the configured null tokens with a length filter and byte compares.
struct CSVNullMatcher: Sendable {
    private let values: [[UInt8]]
    /// Bit `n` set when some null value has `n` bytes (n < 64).
    private let lengthMask: UInt64
    private let hasLong: Bool
    let emptyIsNull: Bool

    init(_ tokens: [String]) {
        values = tokens.map { Array($0.utf8) }
        var m: UInt64 = 0
        var long = false
        for v in values { if v.count < 64 { m |= 1 << UInt64(v.count) } else { long = true } }
        lengthMask = m
        hasLong = long
        emptyIsNull = values.contains { $0.isEmpty }
    }

    /// True when the field text is one of the null tokens.
    @inline(__always)
    func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n < 64 {
            if lengthMask & (1 << UInt64(n)) == 0 { return false }
        } else if !hasLong { return false }
        if n == 0 { return true }
        return slowMatch(p, n)
    }

    private func slowMatch(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for v in values where v.count == n {
            var eq = true
            for i in 0..<n where v[i] != p[i] { eq = false; break }
            if eq { return true }
        }
        return false
    }
}
