import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

/// A byte-based progress bar on standard error for long conversions.
///
/// Drawn only when stderr is a terminal and the input is at least ``threshold`` bytes;
/// redrawn in place with `\r` at most ``minInterval`` apart. Progress is the bytes the
/// process has read from the input (Linux `/proc/self/io` `rchar`, for the `read`/`pread`
/// based CSV and Avro readers) or, when the total row count is known (Parquet, memory
/// mapped), the fraction of rows done; whichever is larger.
final class ProgressBar {
    /// Inputs smaller than this get no bar.
    static let threshold: Int64 = 64 << 20
    static let minInterval = 0.1

    let totalBytes: Int64
    let totalRows: Int64?
    let enabled: Bool
    private let start = monotonicSeconds()
    private let startRead: Int64?
    private var lastDraw = -1.0
    private var lastWidth = 0

    /// `readBaseline`: ``bytesReadByProcess()`` taken before the input was opened.
    init(totalBytes: Int64, totalRows: Int64?, readBaseline: Int64?, force: Bool? = nil) {
        self.totalBytes = totalBytes
        self.totalRows = totalRows
        enabled = force ?? (isatty(2) != 0 && totalBytes >= Self.threshold)
        startRead = readBaseline
    }

    /// The size of the file at `path` (0 when it cannot be read).
    static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// `rchar` of `/proc/self/io` (bytes read through read/pread), or nil.
    static func bytesReadByProcess() -> Int64? {
        let fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 512)
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, 512) }
        guard n > 0 else { return nil }
        let text = String(decoding: buf[0..<n], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int64(line.dropFirst(6).trimmingPrefix(" "))
        }
        return nil
    }

    /// Estimated input bytes consumed after `rows` rows.
    private func bytesDone(rows: Int64) -> Int64 {
        var done: Int64 = 0
        if let s = startRead, let now = Self.bytesReadByProcess() { done = now - s }
        if let t = totalRows, t > 0 {
            done = max(done, Int64(Double(totalBytes) * Double(rows) / Double(t)))
        }
        return min(max(0, done), totalBytes)
    }

    /// Redraws the bar (throttled) after `rows` rows have been converted.
    func update(rows: Int64) {
        guard enabled else { return }
        let now = monotonicSeconds()
        guard now - lastDraw >= Self.minInterval else { return }
        lastDraw = now
        draw(done: bytesDone(rows: rows), rows: rows, elapsed: now - start)
    }

    private func draw(done: Int64, rows: Int64, elapsed: Double) {
        let frac = totalBytes > 0 ? Double(done) / Double(totalBytes) : 0
        let width = 30
        let filled = min(width, Int(frac * Double(width)))
        var bar = String(repeating: "=", count: filled)
        if filled < width { bar += ">" + String(repeating: " ", count: width - filled - 1) }
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 && done > 0 ? Double(totalBytes - done) / rate : -1
        var line = "[\(bar)] \(Self.percent(frac)) \(Self.mb(done))/\(Self.mb(totalBytes)) MB"
        line += "  \(Self.mb(Int64(rate))) MB/s  ETA \(eta < 0 ? "--" : Self.duration(eta))  \(rows) rows"
        let pad = max(0, lastWidth - line.count)
        lastWidth = line.count
        CLIOutput.writeErr("\r" + line + String(repeating: " ", count: pad))
    }

    /// Clears the bar and prints the summary line (on a terminal), or logs it at info level.
    func finish(rows: Int64) {
        let elapsed = monotonicSeconds() - start
        let summary = "converted \(rows) rows in \(Self.seconds(elapsed)) s"
        if enabled {
            draw(done: totalBytes, rows: rows, elapsed: elapsed)
            CLIOutput.writeErr("\r" + String(repeating: " ", count: lastWidth) + "\r" + summary + "\n")
        } else {
            Log.info(summary)
        }
    }

    /// Clears the bar line (before an error message).
    func clear() {
        guard enabled, lastWidth > 0 else { return }
        CLIOutput.writeErr("\r" + String(repeating: " ", count: lastWidth) + "\r")
        lastWidth = 0
    }

    static func percent(_ f: Double) -> String {
        let p = Int((f * 100).rounded(.down))
        return (p < 10 ? "  " : p < 100 ? " " : "") + "\(p)%"
    }

    static func mb(_ b: Int64) -> String { seconds(Double(b) / 1_048_576) }

    /// One decimal place.
    static func seconds(_ s: Double) -> String {
        let tenths = Int64((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        if t < 60 { return "\(t)s" }
        if t < 3600 { return "\(t / 60)m\(t % 60 < 10 ? "0" : "")\(t % 60)s" }
        return "\(t / 3600)h\(t / 60 % 60)m"
    }
}
