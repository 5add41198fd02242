import ArgumentParser
import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

/// `pframe workflow history`: the last runs recorded in a history directory, or one run.
struct WorkflowHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List recorded runs (newest last), or show one run's steps.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A run id: show its steps.") var runID: String?
    @Option(name: .long, help: "Runs to list.") var last: Int = 10
    @Option(name: .long, help: "History directory.") var dir: String = ".pframe-history"

    func validate() throws {
        if last < 1 { throw ValidationError("--last must be >= 1") }
    }

    func run() throws {
        try global.apply()
        if let runID {
            let r = try RunHistory.load(runID: runID, from: dir)
            print("run \(r.runID) of '\(r.workflow)': \(r.status)")
            for s in r.steps.values.sorted(by: { ($0.startedAt ?? .infinity, $0.name) < ($1.startedAt ?? .infinity, $1.name) }) {
                print("  \(s.name.padded(16)) \(s.type.padded(16)) \(s.status.rawValue.padded(9)) attempts=\(s.attempts)"
                      + (s.error.map { "  (\($0))" } ?? ""))
            }
            return
        }
        guard let d = opendir(dir) else { throw CLIFailure("no history directory '\(dir)'") }
        var ids: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasSuffix(".json") && !name.hasPrefix(".") { ids.append(String(name.dropLast(5))) }
        }
        closedir(d)
        var rows: [(Double, String)] = []
        for id in ids {
            guard let text = try? readTextFile(dir + "/" + id + ".json"), let v = try? JSONParser.parse(text) else { continue }
            let steps = v["steps"]?.items ?? []
            let ok = steps.filter { ["completed", "reused"].contains($0["status"]?.stringValue ?? "") }.count
            let started = v["started_at"]?.doubleValue ?? 0
            let secs = (v["ended_at"]?.doubleValue ?? started) - started
            let line = "\(id)  \((v["workflow"]?.stringValue ?? "?").padded(20)) \((v["status"]?.stringValue ?? "?").padded(9)) "
                + "\(ok)/\(steps.count) steps  \(fmt(secs))s" + (v["resumed_from"]?.stringValue.map { "  resumed from \($0)" } ?? "")
            rows.append((started, line))
        }
        if rows.isEmpty { print("no runs recorded in '\(dir)'"); return }
        rows.sort { $0.0 < $1.0 }
        for r in rows.suffix(last) { print(r.1) }
    }
}
