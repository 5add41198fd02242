import CArrowABI
import PFColumnar
import PFTestSupport
import Testing

/// A hand-made ArrowArray whose release just marks itself released.
private let noopRelease: @convention(c) (UnsafeMutablePointer<ArrowArray>?) -> Void = { a in a?.pointee.release = nil }

private func withArray(length: Int64, nullCount: Int64 = 0, offset: Int64 = 0, buffers: [UnsafeRawPointer?],
                       _ body: (UnsafeMutablePointer<ArrowArray>) throws -> Void) rethrows {
    let bp = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: max(1, buffers.count))
    defer { bp.deallocate() }
    for (i, b) in buffers.enumerated() { bp[i] = b }
    var a = ArrowArray(length: length, null_count: nullCount, offset: offset, n_buffers: Int64(buffers.count),
                       n_children: 0, buffers: bp, children: nil, dictionary: nil, release: noopRelease, private_data: nil)
    try body(&a)
}

@Suite struct CDataMalformedTests {
    let ints: [Int64] = [1, 2, 3, 4]

    @Test func negativeLengthIsRejected() {
        ints.withUnsafeBytes { p in
            withArray(length: -1, buffers: [nil, p.baseAddress]) { a in
                #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .int64) }
                #expect(a.pointee.release == nil, "moved even on failure, released exactly once")
            }
        }
    }

    @Test func missingBufferIsRejected() {
        withArray(length: 4, buffers: [nil, nil]) { a in
            #expect(throws: PFError.invalidArgument("i64 array: values buffer is NULL")) {
                try ArrayData.importFromC(a, type: .int64)
            }
        }
    }

    @Test func wrongBufferCountIsRejected() {
        ints.withUnsafeBytes { p in
            withArray(length: 4, buffers: [nil, p.baseAddress, p.baseAddress]) { a in
                #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .int64) }
            }
        }
    }

    @Test func nullsWithoutBitmapAreRejected() {
        ints.withUnsafeBytes { p in
            withArray(length: 4, nullCount: 2, buffers: [nil, p.baseAddress]) { a in
                #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .int64) }
            }
        }
    }

    @Test func decreasingOffsetsAreRejected() {
        let offsets: [Int32] = [0, 3, 1, 4]
        let data = Array("abcd".utf8)
        offsets.withUnsafeBytes { o in
            data.withUnsafeBytes { d in
                withArray(length: 3, buffers: [nil, o.baseAddress, d.baseAddress]) { a in
                    #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .utf8) }
                }
            }
        }
    }

    @Test func negativeOffsetsAreRejected() {
        let offsets: [Int32] = [-5, 1, 2]
        let data = Array("ab".utf8)
        offsets.withUnsafeBytes { o in
            data.withUnsafeBytes { d in
                withArray(length: 2, buffers: [nil, o.baseAddress, d.baseAddress]) { a in
                    #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .utf8) }
                }
            }
        }
    }

    @Test func invalidUTF8IsRejected() {
        let offsets: [Int32] = [0, 2]
        let data: [UInt8] = [0xC3, 0x28]
        offsets.withUnsafeBytes { o in
            data.withUnsafeBytes { d in
                withArray(length: 1, buffers: [nil, o.baseAddress, d.baseAddress]) { a in
                    #expect(throws: PFError.self) { try ArrayData.importFromC(a, type: .utf8) }
                }
            }
        }
        data.withUnsafeBytes { d in
            offsets.withUnsafeBytes { o in
                withArray(length: 1, buffers: [nil, o.baseAddress, d.baseAddress]) { a in
                    #expect(throws: Never.self) { try ArrayData.importFromC(a, type: .binary) }
                }
            }
        }
    }

    @Test func dictionaryIndexOutOfRangeIsRejected() throws {
        let dict = try ArrayData.make(.utf8, [.string("a"), .string("b")])
        let cd = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        defer { pf_arrow_array_release(cd); cd.deallocate() }
        dict.exportToC(cd)
        let idx: [Int8] = [0, 1, 5]
        idx.withUnsafeBytes { p in
            withArray(length: 3, buffers: [nil, p.baseAddress]) { a in
                a.pointee.dictionary = cd
                #expect(throws: PFError.self) {
                    try ArrayData.importFromC(a, type: .dictionary(index: .int8, value: .utf8, ordered: false))
                }
            }
        }
    }

    @Test func badFormatStringsAreRejected() {
        for f in ["w:-3", "d:40,2", "+w:x", "zz", "+ud:0,1", "tsx:"] {
            let fmt = strdupSwift(f)
            defer { fmt.deallocate() }
            var s = ArrowSchema(format: UnsafePointer(fmt), name: nil, metadata: nil, flags: 0, n_children: 0,
                                children: nil, dictionary: nil, release: { $0?.pointee.release = nil }, private_data: nil)
            #expect(throws: PFError.self, "format \(f)") { try Field.importFromC(&s) }
        }
    }

    @Test func decimalsBeyondTheirPrecisionAreRejected() throws {
        let ok = try ArrayData.make(.decimal128(precision: 4, scale: 2), [.decimal(9999), .decimal(-9999), .null])
        try ok.validate()
        let bad = try ArrayData.make(.decimal128(precision: 4, scale: 2), [.decimal(10000)])
        #expect(throws: PFError.self) { try bad.validate() }
    }

    @Test func validateCatchesBadNullCountsAndOffsets() throws {
        let good = try ArrayData.make(.utf8, [.string("a"), .null, .string("c")])
        let lying = try ArrayData(type: .utf8, length: 3, nullCount: 2, buffers: good.buffers)
        #expect(throws: PFError.self) { try lying.validate() }
        let offsets = Buffer.from([Int32(0), 2, 1, 3])
        let bad = try ArrayData(type: .utf8, length: 3, nullCount: 0, buffers: [nil, offsets, Buffer.from(Array("abc".utf8))])
        #expect(throws: PFError.self) { try bad.validate() }
    }
}

func strdupSwift(_ s: String) -> UnsafeMutablePointer<CChar> {
    let u = Array(s.utf8CString)
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: u.count)
    p.initialize(from: u, count: u.count)
    return p
}
