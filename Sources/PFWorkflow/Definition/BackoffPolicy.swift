/// How long to wait before each retry of a failed step.
///
/// The wait before retry `n` (n = 1 for the first retry) is
/// `base = min(max, initial * factor^(n-1))`; with `jitter = j > 0` it is then spread
/// uniformly over `[base * (1 - j), base * (1 + j)]` and capped again by `max`.
/// YAML: `backoff: {initial: 1, factor: 2, max: 60, jitter: 0.1}` (seconds).
public struct BackoffPolicy: Sendable, Equatable {
    /// First wait, in seconds (default 1).
    public var initial: Double
    /// Growth factor between waits (default 2).
    public var factor: Double
    /// Upper bound of a wait, in seconds (default 60).
    public var max: Double
    /// Relative random spread in `0...1` (default 0).
    public var jitter: Double

    /// Creates a policy.
    public init(initial: Double = 1, factor: Double = 2, max: Double = 60, jitter: Double = 0) {
        self.initial = initial
        self.factor = factor
        self.max = max
        self.jitter = jitter
    }

    /// The wait before retry `retry` (1-based); `unit` is a uniform random number in `0..<1`.
    public func delay(beforeRetry retry: Int, unit: Double) -> Double {
        var base = initial
        var k = 1
        while k < retry && base < self.max { base *= factor; k += 1 }
        base = Swift.min(base, self.max)
        if jitter > 0 {
            base *= 1 - jitter + 2 * jitter * unit
        }
        return Swift.max(0, Swift.min(base, self.max))
    }
}
