import PFColumnar
import Synchronization
@testable import PFWorkflow

/// Counts executions per step name; produces a one-row table `v` = sum of input values + 1.
final class CountingStep: WorkflowStep, @unchecked Sendable {
    let counts = Mutex<[String: Int]>([:])
    let active = Atomic<Int>(0)
    let maxActive = Atomic<Int>(0)
    let name: String
    let sleepMs: Int
    init(name: String = "count", sleepMs: Int = 0) { self.name = name; self.sleepMs = sleepMs }
    var typeName: String { name }

    func run(_ context: StepContext) throws(PFError) -> StepOutput {
        counts.withLock { $0[context.stepName, default: 0] += 1 }
        let now = active.wrappingAdd(1, ordering: .relaxed).newValue
        var m = maxActive.load(ordering: .relaxed)
        while now > m, !maxActive.compareExchange(expected: m, desired: now, ordering: .relaxed).exchanged {
            m = maxActive.load(ordering: .relaxed)
        }
        defer { active.wrappingSubtract(1, ordering: .relaxed) }
        if sleepMs > 0 { sleepSeconds(Double(sleepMs) / 1000) }
        if context.params["fail"]?.boolValue == true { throw .io("planned failure of \(context.stepName)") }
        var sum: Int64 = 1
        for name in context.definition.inputs {
            guard let t = context.inputs[name] else { throw .internalError("missing input \(name)") }
            let col = t.column(0)[0]
            if case .int(let v) = col.scalar(at: 0) { sum += v }
        }
        let table = Table(try RecordBatch([("v", try ArrayData.make(.int64, [.int(sum)]))]))
        return StepOutput(table: table)
    }

    func count(_ step: String) -> Int { counts.withLock { $0[step] ?? 0 } }
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}

/// Records requested sleeps; never sleeps; `now` is real time.
final class FakeClock: WorkflowClock, @unchecked Sendable {
    let sleeps = Mutex<[Double]>([])
    func now() -> Double { monotonicSeconds() }
    func sleep(seconds: Double, token: CancellationToken) -> Bool {
        sleeps.withLock { $0.append(seconds) }
        return !token.isCancelled
    }
    var recorded: [Double] { sleeps.withLock { $0 } }
}

/// Collects progress events.
final class EventLog: @unchecked Sendable {
    let events = Mutex<[ProgressEvent]>([])
    var callback: @Sendable (ProgressEvent) -> Void { { [self] e in events.withLock { $0.append(e) } } }
    func kinds(_ step: String) -> [ProgressEvent.Kind] { events.withLock { $0.filter { $0.step == step }.map(\.kind) } }
    var all: [ProgressEvent] { events.withLock { $0 } }
}

func tempDir(_ tag: String) -> String {
    let path = "/tmp/pfwf-test-\(tag)-\(UInt32.random(in: 0...UInt32.max))"
    try? makeDirectories(path)
    return path
}

func options(_ configure: (inout RunOptions) -> Void = { _ in }) -> RunOptions {
    var o = RunOptions()
    o.writeHistory = false
    configure(&o)
    return o
}
