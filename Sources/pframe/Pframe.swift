import ArgumentParser
import ParquetFrame

/// The root `pframe` command.
struct Pframe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pframe",
        abstract: "ParquetFrame: a columnar data engine with a Swift core.",
        discussion: """
        Examples:
          pframe demo
          pframe info data.parquet --json
          pframe head data.csv -n 5 --columns a,b
          pframe convert data.avro data.parquet --compression zstd
          pframe graph pagerank edges.parquet --src src --dst dst --top 10
          pframe workflow run examples/pipeline.yaml -V work=/tmp/pf
          pframe bench handoff --rows 1000000
        """,
        version: ParquetFrameInfo.version,
        subcommands: [DemoCommand.self, InfoCommand.self, HeadCommand.self, ConvertCommand.self,
                      GraphCommand.self, WorkflowCommand.self, BenchCommand.self])
}

/// Options every subcommand accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Worker threads (0 = one per core).")
    var threads: Int = 0

    @Option(name: .customLong("log-level"), help: "Log level: off, error, warn, info, debug.")
    var logLevel: String = "warn"

    /// Applies the options to the process-wide settings.
    func apply() throws {
        guard let level = Log.Level(name: logLevel) else {
            throw ValidationError("unknown log level '\(logLevel)'; use off, error, warn, info or debug")
        }
        guard threads >= 0 else { throw ValidationError("--threads must be >= 0") }
        Log.level = level
        try ThreadPool.shared.resize(to: threads)
        Log.debug("threads=\(ThreadPool.shared.threadCount) log-level=\(level)")
    }
}

/// A runtime failure with a message for the user (exit code 1).
struct CLIFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
