import ArgumentParser
import ParquetFrame

/// `pframe bench ...`: in-process micro-benchmarks of the Swift core.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time core operations in-process (see benchmarks/ for peer comparisons).",
        subcommands: [HandoffBench.self])
}

/// `pframe bench handoff`: cost of exporting and importing a table through the C Stream interface.
struct HandoffBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff", abstract: "Time the zero-copy C Stream hand-off at several table sizes.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, parsing: .upToNextOption, help: "Row counts to measure.")
    var rows: [Int] = [1_000_000, 10_000_000]
    @Option(name: .long, help: "Repetitions per size (the median is reported).")
    var repeats: Int = 5

    func run() throws {
        try global.apply()
        guard repeats > 0 else { throw ValidationError("--repeats must be > 0") }
        print("rows        generate     export+import (median)")
        let clock = ContinuousClock()
        for n in rows {
            var table: Table? = nil
            let gen = try clock.measure { table = try DemoTable.make(rows: n) }
            guard let table else { continue }
            var times: [Duration] = []
            for _ in 0..<repeats {
                let box = ArrowArrayStreamBox()
                let t = try clock.measure {
                    table.exportToC(box.pointer)
                    _ = try Table.importFromC(box.pointer)
                }
                box.free()
                times.append(t)
            }
            times.sort()
            print("\(String(n).padding(12))\(String(describing: gen).padding(13))\(times[times.count / 2])")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
