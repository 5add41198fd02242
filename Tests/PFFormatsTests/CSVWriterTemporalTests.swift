import Testing
import PFColumnar
import PFFormats
import PFTestSupport

/// The writer formats dates, times and timestamps byte by byte; the text must equal
/// ``CivilTime``'s String formatters for every unit, including negative instants and
/// years outside 0...9999.
@Suite struct CSVWriterTemporalTests {
    @Test(arguments: [TimeUnit.second, .millisecond, .microsecond, .nanosecond])
    func matchesCivilTime(unit: TimeUnit) throws {
        var rng = SplitMix64(seed: 99)
        var values: [Int64] = [0, -1, 1, Int64.max / 4, Int64.min / 4, 86_400 * unit.perSecond - 1]
        for _ in 0..<500 {
            let limit = unit == .nanosecond ? Int64.max / 2 : 100_000 * 365 * 86_400 * (unit.perSecond)
            values.append(Int64(bitPattern: rng.next()) % limit)
        }
        let ts = PrimitiveBuilder<Int64>(type: .timestamp(unit, timezone: nil))
        let tm = PrimitiveBuilder<Int64>(type: .time64(unit == .second || unit == .millisecond ? .microsecond : unit))
        let dt = PrimitiveBuilder<Int32>(type: .date32)
        for v in values {
            ts.append(v)
            tm.append(abs(v % (86_400 * 1_000_000)))
            dt.append(Int32(truncatingIfNeeded: v % 4_000_000))
        }
        let batch = try RecordBatch([("t", try ts.finish()), ("m", try tm.finish()), ("d", try dt.finish())])
        var o = CSVWriteOptions()
        o.header = false
        let text = String(decoding: try CSVWriter.encode(Table(batch), options: o), as: UTF8.self)
        let mu: TimeUnit = unit == .second || unit == .millisecond ? .microsecond : unit
        let want = values.map { v in
            CivilTime.formatTimestamp(v, unit: unit) + "," + CivilTime.formatTime(abs(v % (86_400 * 1_000_000)), unit: mu)
                + "," + CivilTime.formatDate(days: Int64(Int32(truncatingIfNeeded: v % 4_000_000))) + "\n"
        }.joined()
        #expect(text == want)
    }
}
