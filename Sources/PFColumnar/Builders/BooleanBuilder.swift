/// Appends booleans (and nulls) and produces a bool array.
public final class BooleanBuilder {
    private var bits: BitmapBuilder
    private var validity: BitmapBuilder
    private var nulls = 0
    public private(set) var count = 0

    public init(capacity: Int = 0) {
        bits = BitmapBuilder(capacity: capacity)
        validity = BitmapBuilder(capacity: capacity)
    }

    public func append(_ v: Bool) { bits.append(v); validity.append(true); count += 1 }
    public func appendNull() { bits.append(false); validity.append(false); nulls += 1; count += 1 }
    public func append(_ v: Bool?) { if let v { append(v) } else { appendNull() } }

    /// Produces the array; the builder is empty afterwards.
    public func finish() throws(PFError) -> ArrayData {
        let data = swapOut(&bits, BitmapBuilder()).finish()
        let valid = swapOut(&validity, BitmapBuilder()).finish()
        let n = count, nc = nulls
        count = 0; nulls = 0
        return try ArrayData(type: .boolean, length: n, nullCount: nc, buffers: [nc > 0 ? valid : nil, data])
    }
}
