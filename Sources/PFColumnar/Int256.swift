/// A 256-bit two's complement signed integer: the unscaled value of a decimal256.
///
/// Four 64-bit words, least significant first, so the memory image of a value is the
/// 32-byte little-endian layout of Arrow decimal256 slots (on the little-endian hosts
/// the core supports). Only what decimals need is provided: conversion from smaller
/// integers, big-endian bytes and decimal text, comparison, negation, the digit bound of
/// a precision, and decimal text.
public struct Int256: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
    /// Bits 0...63.
    public var w0: UInt64
    /// Bits 64...127.
    public var w1: UInt64
    /// Bits 128...191.
    public var w2: UInt64
    /// Bits 192...255 (the sign is the top bit).
    public var w3: UInt64

    /// The value with the given words, least significant first.
    public init(words w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// `v`, sign-extended.
    public init(_ v: Int128) {
        let u = UInt128(bitPattern: v)
        let fill: UInt64 = v < 0 ? ~0 : 0
        self.init(words: UInt64(truncatingIfNeeded: u), UInt64(truncatingIfNeeded: u >> 64), fill, fill)
    }

    /// `v`, sign-extended.
    public init(_ v: Int64) { self.init(Int128(v)) }

    /// Zero.
    public static let zero = Int256(words: 0, 0, 0, 0)

    /// The value of big-endian two's complement bytes (Avro and Parquet decimals), or nil
    /// when it does not fit 256 bits. An empty input is zero.
    public init?(bigEndianTwosComplement b: UnsafeRawBufferPointer) {
        guard let first = b.first else { self = .zero; return }
        let negative = first & 0x80 != 0
        let fill: UInt8 = negative ? 0xFF : 0x00
        var start = 0
        // Bytes beyond 32 must be sign extension.
        while b.count - start > 32 {
            guard b[start] == fill else { return nil }
            start += 1
        }
        if b.count - start == 32 && (b[start] & 0x80 != 0) != negative { return nil }
        var r = negative ? Int256(words: ~0, ~0, ~0, ~0) : .zero
        withUnsafeMutableBytes(of: &r) { out in
            let n = b.count - start
            for j in 0..<n { out[j] = b[b.count - 1 - j] }
        }
        self = r
    }

    /// Parses optional `-` followed by decimal digits; nil when malformed or out of range.
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var mag = Int256.zero
        for ch in digits.utf8 {
            guard ch >= 48, ch <= 57 else { return nil }
            guard !mag.multiplyAddUnsigned(10, UInt64(ch - 48)) else { return nil }
        }
        // The magnitude fits 255 bits, or is exactly 2^255 for the most negative value.
        if mag.w3 >> 63 != 0 {
            guard negative, mag == Int256(words: 0, 0, 0, 1 << 63) else { return nil }
            self = mag
            return
        }
        self = negative ? mag.negatedWrapping : mag
    }

    /// True below zero.
    public var isNegative: Bool { w3 >> 63 != 0 }

    /// `-self` modulo 2^256 (the most negative value stays itself).
    public var negatedWrapping: Int256 {
        let (r0, c0) = (~w0).addingReportingOverflow(1)
        let (r1, c1) = (~w1).addingReportingOverflow(c0 ? 1 : 0)
        let (r2, c2) = (~w2).addingReportingOverflow(c1 ? 1 : 0)
        let r3 = (~w3) &+ (c2 ? 1 : 0)
        return Int256(words: r0, r1, r2, r3)
    }

    /// The absolute value as an unsigned 256-bit pattern (2^255 for the most negative value).
    public var magnitudeBits: Int256 { isNegative ? negatedWrapping : self }

    /// 10^n for n in 0...76 (the digit bound of decimal256 precisions).
    public static func powerOfTen(_ n: Int) -> Int256 {
        precondition(n >= 0 && n <= 76, "10^\(n) does not fit Int256")
        var r = Int256(words: 1, 0, 0, 0)
        for _ in 0..<n { _ = r.multiplyAddUnsigned(10, 0) }
        return r
    }

    /// True when the value has at most `digits` decimal digits, given `bound` = 10^digits
    /// (from ``powerOfTen(_:)``).
    public func fitsDigits(bound: Int256) -> Bool {
        Int256.unsignedLess(magnitudeBits, bound)
    }

    /// Unsigned comparison of the 256-bit patterns.
    static func unsignedLess(_ a: Int256, _ b: Int256) -> Bool {
        if a.w3 != b.w3 { return a.w3 < b.w3 }
        if a.w2 != b.w2 { return a.w2 < b.w2 }
        if a.w1 != b.w1 { return a.w1 < b.w1 }
        return a.w0 < b.w0
    }

    public static func < (a: Int256, b: Int256) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        return unsignedLess(a, b)
    }

    /// self = self × m + a as unsigned 256-bit; returns true on overflow.
    mutating func multiplyAddUnsigned(_ m: UInt64, _ a: UInt64) -> Bool {
        var carry = a
        func step(_ w: inout UInt64) {
            let (hi, lo) = w.multipliedFullWidth(by: m)
            let (s, o) = lo.addingReportingOverflow(carry)
            w = s
            carry = hi &+ (o ? 1 : 0)
        }
        step(&w0); step(&w1); step(&w2); step(&w3)
        return carry != 0
    }

    /// self = self / d as unsigned 256-bit; returns the remainder.
    mutating func divideUnsigned(_ d: UInt64) -> UInt64 {
        var rem: UInt64 = 0
        func step(_ w: inout UInt64) {
            let (q, r) = d.dividingFullWidth((high: rem, low: w))
            w = q
            rem = r
        }
        step(&w3); step(&w2); step(&w1); step(&w0)
        return rem
    }

    /// The decimal digits of the magnitude (no sign).
    public var magnitudeDigits: String {
        var m = magnitudeBits
        var chunks: [UInt64] = []
        let base: UInt64 = 10_000_000_000_000_000_000  // 10^19
        repeat {
            chunks.append(m.divideUnsigned(base))
        } while m != .zero
        var s = String(chunks.removeLast())
        for c in chunks.reversed() { s += String(c).leftPad(19) }
        return s
    }

    /// Decimal text, e.g. "-12345".
    public var description: String { (isNegative ? "-" : "") + magnitudeDigits }
}
