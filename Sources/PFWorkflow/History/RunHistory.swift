import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Run records: one JSON file per run, `<history_dir>/<run_id>.json`, written atomically
/// at the end of the run.
///
/// ```json
/// {"run_id": "...", "workflow": "etl", "status": "failed", "started_at": 1.7e9, "ended_at": ...,
///  "resumed_from": null, "steps": [{"name": "load", "type": "noop", "status": "completed",
///  "attempts": 1, "started_at": ..., "ended_at": ..., "attempt_durations_s": [0.01],
///  "error": null, "stdout": null, "stderr": null, "exit": null, "output_path": null,
///  "output_written": false, "rows": 10, "produced_table": true}]}
/// ```
public enum RunHistory {
    /// The default directory: `<work_dir>/.pframe-history`.
    public static func defaultDirectory(workDir: String) -> String { joinPath(workDir, ".pframe-history") }

    /// Encodes a run as JSON.
    public static func encode(_ r: RunResult) -> String { encodeStepsLast(r) }

    /// Encodes a run with the header fields first, then `extra` (key, JSON text) pairs,
    /// then `steps` as the last key: `{"run_id": ..., ..., "steps": [...]}`. Same fields as
    /// ``encode(_:)``; a reader can take the header without decoding every step.
    public static func encodeStepsLast(_ r: RunResult, extra: [(String, String)] = []) -> String {
        encodeStepsLast(r, extra: extra, into: { $0.text })
    }

    /// ``encodeStepsLast(_:extra:)`` handing the finished writer (its UTF-8 ``JSONWriter/bytes``)
    /// to `body`, without building a String.
    public static func encodeStepsLast<T>(_ r: RunResult, extra: [(String, String)] = [],
                                          into body: (JSONWriter) -> T) -> T {
        var w = JSONWriter()
        w.reserveCapacity(256 + 320 * r.steps.count)
        w.beginObject()
        w.key("run_id"); w.string(r.runID)
        w.key("workflow"); w.string(r.workflowName)
        w.key("status"); w.string(r.status.rawValue)
        w.key("started_at"); w.double(r.startedAt)
        w.key("ended_at"); w.double(r.endedAt)
        w.key("resumed_from"); w.string(r.resumedFrom)
        for (k, v) in extra { w.key(k); w.raw(v) }
        w.key("steps")
        w.beginArray()
        for s in r.steps { encodeStep(s, into: &w) }
        w.endArray()
        w.endObject()
        return body(w)
    }

    static func encodeStep(_ s: StepRecord, into w: inout JSONWriter) {
            w.beginObject()
            w.key("name"); w.string(s.name)
            w.key("type"); w.string(s.type)
            w.key("status"); w.string(s.status.rawValue)
            w.key("attempts"); w.int(s.attempts)
            w.key("started_at"); if let v = s.startedAt { w.double(v) } else { w.null() }
            w.key("ended_at"); if let v = s.endedAt { w.double(v) } else { w.null() }
            w.key("attempt_durations_s"); w.beginArray(); for d in s.attemptDurations { w.double(d) }; w.endArray()
            w.key("error"); w.string(s.error)
            w.key("stdout"); w.string(s.stdout)
            w.key("stderr"); w.string(s.stderr)
            w.key("exit"); w.string(s.exit)
            w.key("output_path"); w.string(s.outputPath)
            w.key("output_written"); w.bool(s.outputWritten)
            w.key("rows"); if let v = s.rows { w.int(v) } else { w.null() }
            w.key("produced_table"); w.bool(s.producedTable)
            w.endObject()
    }

    /// Writes the record of `r` under `dir` (created if needed); returns its path.
    @discardableResult
    public static func write(_ r: RunResult, to dir: String) throws(PFError) -> String {
        try makeDirectories(dir)
        let path = joinPath(dir, r.runID + ".json")
        try writeTextFileAtomically(path, encode(r) + "\n")
        return path
    }

    /// A run record read back.
    public struct Record: Sendable {
        /// Run id.
        public var runID: String
        /// Workflow name.
        public var workflow: String
        /// Run status.
        public var status: String
        /// Step records by name.
        public var steps: [String: StepRecord]
    }

    /// Loads the record of run `runID` from `dir`.
    public static func load(runID: String, from dir: String) throws(PFError) -> Record {
        guard !runID.isEmpty, !runID.contains("/") else { throw .invalidArgument("invalid run id '\(runID)'") }
        let path = joinPath(dir, runID + ".json")
        guard fileExists(path) else { throw .invalidArgument("no run '\(runID)' in history directory '\(dir)'") }
        let v = try JSONParser.parse(try readTextFile(path))
        var steps: [String: StepRecord] = [:]
        for s in v["steps"]?.items ?? [] {
            guard let name = s["name"]?.stringValue else { continue }
            var r = StepRecord(name: name, type: s["type"]?.stringValue ?? "")
            r.status = StepStatus(rawValue: s["status"]?.stringValue ?? "") ?? .pending
            r.attempts = Int(s["attempts"]?.intValue ?? 0)
            r.startedAt = s["started_at"]?.doubleValue
            r.endedAt = s["ended_at"]?.doubleValue
            r.attemptDurations = (s["attempt_durations_s"]?.items ?? []).compactMap(\.doubleValue)
            r.error = s["error"]?.stringValue
            r.stdout = s["stdout"]?.stringValue
            r.stderr = s["stderr"]?.stringValue
            r.exit = s["exit"]?.stringValue
            r.outputPath = s["output_path"]?.stringValue
            r.outputWritten = s["output_written"]?.boolValue ?? false
            r.rows = s["rows"]?.intValue.map { Int($0) }
            r.producedTable = s["produced_table"]?.boolValue ?? false
            steps[name] = r
        }
        return Record(runID: v["run_id"]?.stringValue ?? runID, workflow: v["workflow"]?.stringValue ?? "",
                      status: v["status"]?.stringValue ?? "", steps: steps)
    }

    /// A new run id: UTC time plus random hex, e.g. `20250102T030405Z-1a2b3c`.
    public static func newRunID() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func pad(_ v: Int32, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        let stamp = pad(tm.tm_year + 1900, 4) + pad(tm.tm_mon + 1, 2) + pad(tm.tm_mday, 2) + "T"
            + pad(tm.tm_hour, 2) + pad(tm.tm_min, 2) + pad(tm.tm_sec, 2) + "Z"
        let rnd = String(UInt32.random(in: 0..<0x100_0000), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 6 - rnd.count) + rnd
    }
}
