import ArgumentParser
import ParquetFrame
#if canImport(Glibc)
import Glibc
#endif

/// `pframe demo`: the guided tour of what works today.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a table in Swift, show it, and hand it to Python (pyarrow) without copying.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Rows of the generated table.")
    var rows: Int = 1_000_000

    @Option(name: .long, help: "Python interpreter with parquetframe installed (default: $PARQUETFRAME_PYTHON).")
    var python: String?

    func run() throws {
        try global.apply()
        guard rows >= 0 else { throw ValidationError("--rows must be >= 0") }
        print("== 1. A table generated natively in Swift ==")
        let clock = ContinuousClock()
        var table: Table? = nil
        let elapsed = try clock.measure { table = try DemoTable.make(rows: rows, batchRows: 0) }
        guard let table else { return }
        print(TablePreview.render(table, maxRows: 8))
        print("generated \(table.numRows) rows × \(table.numColumns) columns in \(elapsed)\n")

        print("== 2. Through the Arrow C Stream interface (zero-copy) ==")
        let stream = ArrowArrayStreamBox()
        table.exportToC(stream.pointer)
        let back = try Table.importFromC(stream.pointer)
        let same = zip(table.batches[0].columns, back.batches[0].columns).allSatisfy {
            $0.buffers.last??.baseAddress == $1.buffers.last??.baseAddress
        }
        print("exported and re-imported: equal=\(back.equals(table)), same buffer addresses=\(same)\n")
        stream.free()

        print("== 3. Handed to Python ==")
        let py = python ?? Environment.get("PARQUETFRAME_PYTHON")
        guard let py else {
            print("(set PARQUETFRAME_PYTHON or --python to run the Python part; `make demo` does this)")
            return
        }
        let status = try Subprocess.run([py, "-m", "parquetframe.demo", "--rows", String(rows)])
        if status != 0 { throw CLIFailure("the Python demo exited with status \(status)") }
    }
}
