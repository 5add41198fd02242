import ArgumentParser
import ParquetFrame
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT/SIGTERM handler of `pframe convert`.
private let convertInterrupted = Atomic<Int32>(0)

/// `pframe convert IN OUT`: format conversion, streamed batch by batch.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert between Parquet, CSV and Avro.",
        discussion: "The input format (.parquet, .csv, .tsv, .avro) and the output format (.parquet, .csv, .tsv) "
            + "follow the file extensions. Data is streamed in batches; the output is written atomically "
            + "(an error or Ctrl-C leaves no partial file). On a terminal, inputs over 64 MB show a progress bar "
            + "on stderr.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Input file.") var input: String
    @Argument(help: "Output file (.parquet, .csv or .tsv).") var output: String
    @Option(name: .long, help: "Parquet compression codec: zstd, snappy, gzip, lz4_raw, brotli or none.")
    var compression: String = "zstd"
    @Option(name: .customLong("row-group-size"), help: "Rows per Parquet row group.") var rowGroupSize: Int?

    func validate() throws {
        if let n = rowGroupSize, n <= 0 { throw ValidationError("--row-group-size must be > 0") }
        do { _ = try ParquetWriteOptions.codec(named: compression) } catch {
            throw ValidationError("unknown --compression '\(compression)' (expected zstd, snappy, gzip, lz4_raw, brotli or none)")
        }
    }

    func run() throws {
        try global.apply()
        _ = try DataFiles.kind(of: input)
        if try DataFiles.kind(of: output) == .avro {
            throw PFError.unsupported("writing .avro files is not supported ('\(output)')")
        }
        let size = ProgressBar.fileSize(input)
        let isCSV = [.csv, .tsv].contains(try DataFiles.kind(of: input))
        if isCSV && size < ProgressBar.threshold {
            // Small CSV: infer the types over the whole file (as CSVReader does).
            let start = monotonicSeconds()
            let table = try DataFiles.read(input)
            try DataFiles.write(table, to: output, compression: compression, rowGroupSize: rowGroupSize)
            Log.info("converted \(table.numRows) rows in \(ProgressBar.seconds(monotonicSeconds() - start)) s")
            return
        }
        installInterruptHandler()
        defer { signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL) }
        do {
            try stream(size: size)
        } catch let e as PFError where isCSV && e.description.contains("from the first batch") {
            // A later CSV value did not fit the type inferred from the first batch:
            // fall back to whole-file inference.
            Log.warn("\(e.description); reading the whole file to infer the types")
            let table = try DataFiles.read(input)
            try DataFiles.write(table, to: output, compression: compression, rowGroupSize: rowGroupSize)
        }
    }

    private func stream(size: Int64) throws {
        let baseline = ProgressBar.bytesReadByProcess()
        let source = try DataFiles.openBatches(input)
        let bar = ProgressBar(totalBytes: size, totalRows: source.totalRows, readBaseline: baseline)
        var rows: Int64 = 0
        var sink: DataFiles.BatchSink?
        do {
            let first = try source.next()
            sink = try DataFiles.openWriter(output, schema: first?.schema ?? source.schema ?? Schema([]),
                                            compression: compression, rowGroupSize: rowGroupSize)
            var batch = first
            while let b = batch {
                try checkInterrupt(sink, bar)
                try sink!.write(b)
                rows += Int64(b.numRows)
                bar.update(rows: rows)
                batch = try source.next()
            }
            try checkInterrupt(sink, bar)
            try sink!.close()
        } catch {
            sink?.abort()
            bar.clear()
            throw error
        }
        bar.finish(rows: rows)
    }

    private func checkInterrupt(_ sink: DataFiles.BatchSink?, _ bar: ProgressBar) throws {
        let sig = convertInterrupted.load(ordering: .relaxed)
        guard sig != 0 else { return }
        sink?.abort()
        bar.clear()
        CLIOutput.error("interrupted; '\(output)' was not written")
        Glibc.exit(128 + sig)
    }

    private func installInterruptHandler() {
        convertInterrupted.store(0, ordering: .relaxed)
        for s in [SIGINT, SIGTERM] {
            signal(s) { sig in
                convertInterrupted.store(sig, ordering: .relaxed)
                signal(sig, SIG_DFL)
            }
        }
    }
}
