import PFColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a validated workflow: a ready queue per pool (a step becomes ready the moment its
/// last dependency completes), persistent pthread workers per pool (CPU: the thread
/// setting; IO: a larger fixed count), at most `max_parallel` steps at once, retries with
/// backoff, per-attempt timeouts, cancellation and progress events.
///
/// Hot path: one mutex; per step two short critical sections, no thread creation and only
/// the step's context object allocated.
final class Scheduler: @unchecked Sendable {
    // Immutable inputs.
    let def: WorkflowDefinition
    let graph: WorkflowGraph
    let impls: [any WorkflowStep]
    let options: RunOptions
    let runToken: CancellationToken
    let maxParallel: Int
    /// Pool index of each step: 0 cpu, 1 io, 2 dedicated (``RunOptions/dedicatedStepTypes``).
    let pools: [Int]
    /// When the scheduler's setup started (for ``RunMetrics``).
    let createdAt: Double
    let writer: (any OutputWriter)?
    let reader: (any InputReader)?
    let watchdog: Watchdog?

    // Per-step state, each slot written by one thread at a time (handed over via `lock`).
    let records: UnsafeMutableBufferPointer<StepRecord>
    let outputs: UnsafeMutableBufferPointer<Table?>

    // Guarded by `lock`.
    let lock = PthreadMutex()
    let workCond = [PthreadCondition(), PthreadCondition(), PthreadCondition()]  // by pool: cpu, io, dedicated
    let doneCond = PthreadCondition()
    var remaining: [Int32]
    var finalized: [Bool]
    var ready: [[Int32]] = [[], [], []]
    var readyHead = [0, 0, 0]
    var waiting = [0, 0, 0]
    var running = 0
    var finishedCount = 0
    var stopScheduling = false
    var stopReason: String?
    var anyFailed = false

    init(def: WorkflowDefinition, graph: WorkflowGraph, impls: [any WorkflowStep], options: RunOptions,
         token: CancellationToken, reused: [Int: StepRecord]) {
        createdAt = monotonicSeconds()
        self.def = def
        self.graph = graph
        self.impls = impls
        self.options = options
        self.runToken = token
        let n = def.steps.count
        maxParallel = max(1, options.maxParallel ?? def.config.maxParallel ?? ThreadPool.shared.threadCount)
        let dedicated = options.dedicatedStepTypes
        pools = def.steps.map { s in
            if !dedicated.isEmpty && dedicated.contains(s.type) { return 2 }
            return (s.pool ?? def.config.defaultPool) == .cpu ? 0 : 1
        }
        writer = options.outputWriter ?? WorkflowIO.defaultWriter
        reader = options.inputReader ?? WorkflowIO.defaultReader
        watchdog = def.steps.contains { ($0.timeout ?? def.config.defaultTimeout) != nil } ? Watchdog(clock: options.clock) : nil
        records = .allocate(capacity: n)
        outputs = .allocate(capacity: n)
        for i in 0..<n {
            var r = StepRecord(name: def.steps[i].name, type: def.steps[i].type)
            r.outputPath = def.steps[i].output.map { joinPath(def.config.workDir, $0) }
            records.baseAddress!.advanced(by: i).initialize(to: r)
        }
        outputs.initialize(repeating: nil)
        remaining = graph.dependencies.map { Int32($0.count) }
        finalized = Array(repeating: false, count: n)
        // Steps reused from a resumed run count as completed before anything starts.
        for (i, r) in reused.sorted(by: { $0.key < $1.key }) {
            records[i] = r
            records[i].status = .reused
            finalized[i] = true
            finishedCount += 1
            if let path = records[i].outputPath, let reader, fileExists(path) {
                outputs[i] = try? reader.read(path: path)
            }
            for d in graph.dependents[i] { remaining[d] -= 1 }
        }
        for i in 0..<n where !finalized[i] && remaining[i] == 0 {
            ready[pools[i]].append(Int32(i))
        }
    }

    deinit {
        records.deinitialize()
        records.deallocate()
        outputs.deinitialize()
        outputs.deallocate()
    }

    /// Runs everything; returns when no step is running and nothing more will start.
    func run() {
        let n = def.steps.count
        let cpuThreads = min(maxParallel, max(1, options.cpuThreads ?? ThreadPool.shared.threadCount))
        let ioThreads = min(maxParallel, max(1, options.ioThreads))
        let dedicatedThreads = min(maxParallel, max(1, options.dedicatedThreads))
        var threads: [pthread_t] = []
        var need = [false, false, false]
        for p in pools { need[p] = true }
        lock.lock()
        if finishedCount == n {
            lock.unlock()
            options.metrics?.record(engineSeconds: monotonicSeconds() - createdAt, workerThreads: 0)
            return
        }
        lock.unlock()
        // The calling thread is the dedicated pool's first worker: a foreign caller (the
        // Python driver) then runs its step callbacks on its own thread, which is much
        // cheaper than entering the interpreter from a thread it does not know.
        let callerPool = need[2] ? 2 : -1
        for (p, count) in [(0, cpuThreads), (1, ioThreads), (2, dedicatedThreads)] where need[p] {
            for _ in 0..<(p == callerPool ? count - 1 : count) {
                if let t = startThread({ [self] in workerLoop(pool: p) }) { threads.append(t) }
            }
        }
        if threads.isEmpty {
            // No thread needed beyond the caller, or none could start: the caller runs the
            // pools one at a time.
            for p in 0..<3 where need[p] { workerLoop(pool: p) }
        } else if callerPool >= 0 {
            workerLoop(pool: callerPool)
        }
        lock.lock()
        while !isDone { doneCond.wait(lock) }
        // Wake the idle workers so they exit.
        for c in workCond { c.broadcast() }
        lock.unlock()
        for t in threads { pthread_join(t, nil) }
        watchdog?.stop()
        finishUnstarted()
        options.metrics?.record(engineSeconds: monotonicSeconds() - createdAt, workerThreads: threads.count)
    }

    /// Guarded by `lock`.
    var isDone: Bool { finishedCount == def.steps.count || (stopScheduling && running == 0) }

    /// Marks every step that never ran (after a stop) as cancelled or skipped.
    private func finishUnstarted() {
        var events: [ProgressEvent] = []
        let cancelled = runToken.isCancelled
        for i in 0..<def.steps.count where !finalized[i] {
            finalized[i] = true
            records[i].status = cancelled ? .cancelled : .skipped
            records[i].error = cancelled ? "not started: \(runToken.reason ?? "run cancelled")" : "not started: \(stopReason ?? "scheduling stopped")"
            events.append(ProgressEvent(kind: cancelled ? .cancelled : .skipped, step: def.steps[i].name, attempt: 0, message: records[i].error))
        }
        if let cb = options.onEvent { for e in events { cb(e) } }
    }

    private func workerLoop(pool: Int) {
        lock.lock()
        while true {
            if isDone { break }
            if !stopScheduling && runToken.isCancelled {
                stopScheduling = true
                stopReason = runToken.reason ?? "run cancelled"
                if isDone { doneCond.broadcast(); break }
            }
            if stopScheduling || readyHead[pool] == ready[pool].count || running >= maxParallel {
                waiting[pool] += 1
                workCond[pool].wait(lock)
                waiting[pool] -= 1
                continue
            }
            let i = Int(ready[pool][readyHead[pool]])
            readyHead[pool] += 1
            if readyHead[pool] == ready[pool].count { ready[pool].removeAll(keepingCapacity: true); readyHead[pool] = 0 }
            running += 1
            lock.unlock()
            let outcome = execute(i)
            lock.lock()
            complete(i, outcome)
        }
        lock.unlock()
    }

    enum Outcome { case completed, failed, cancelled, skipped(String) }

    /// Runs all attempts of step `i` (outside the lock).
    private func execute(_ i: Int) -> Outcome {
        let s = def.steps[i]
        let cb = options.onEvent
        if let cond = s.when, !cond.evaluate(def.variables) {
            return .skipped("condition is false")
        }
        let impl = impls[i]
        let maxAttempts = 1 + (s.retries ?? def.config.defaultRetries)
        let timeout = s.timeout ?? def.config.defaultTimeout
        let backoff = s.backoff ?? def.config.defaultBackoff
        // Inputs: outputs of the steps named in `inputs`, else files via the reader.
        var inputs: [String: Table] = [:]
        var inputError: String?
        for name in s.inputs {
            if let j = graph.index[name] {
                if let t = outputs[j] { inputs[name] = t }
            } else if let reader {
                let path = joinPath(def.config.workDir, name)
                if let j = graph.dependencies[i].first(where: { records[$0].outputPath == path }), let t = outputs[j] {
                    inputs[name] = t
                } else {
                    do { inputs[name] = try reader.read(path: path) } catch { inputError = "cannot read input '\(name)': \(error)"; break }
                }
            }
        }
        var rng = SplitMix(seed: options.seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
        var attempt = 0
        var lastError = inputError ?? ""
        while attempt < maxAttempts && inputError == nil {
            attempt += 1
            let token = timeout != nil ? CancellationToken(parent: runToken) : runToken
            let armed = timeout.map { watchdog?.arm(seconds: $0, token: token) } ?? nil
            let stepName = s.name
            let thisAttempt = attempt
            var progress: (@Sendable (Int) -> Void)?
            if let cb {
                progress = { rows in cb(ProgressEvent(kind: .progress, step: stepName, attempt: thisAttempt, rows: rows)) }
            }
            let ctx = StepContext(stepName: stepName, definition: s, stepIndex: i, inputs: inputs, cancellation: token, attempt: attempt,
                                  workDir: def.config.workDir, variables: def.variables, onProgress: progress)
            if records[i].startedAt == nil { records[i].startedAt = wallClockSeconds() }
            cb?(ProgressEvent(kind: .started, step: s.name, attempt: attempt))
            let t0 = monotonicSeconds()
            var result: StepOutput?
            var failure: PFError?
            do throws(PFError) { result = try impl.run(ctx) } catch { failure = error }
            if let armed { watchdog?.disarm(armed) }
            // Write the file output (atomically, by the writer) before declaring success.
            if failure == nil, let table = result?.table, let path = records[i].outputPath, let writer {
                do throws(PFError) {
                    try writer.write(table, to: path, step: s)
                    records[i].outputWritten = true
                } catch { failure = error }
            }
            let dt = monotonicSeconds() - t0
            records[i].attempts = attempt
            records[i].attemptDurations.append(dt)
            records[i].endedAt = wallClockSeconds()
            if ctx.capturedStdout != nil || ctx.capturedStderr != nil {
                records[i].stdout = ctx.capturedStdout
                records[i].stderr = ctx.capturedStderr
            }
            if let e = ctx.exitDescription { records[i].exit = e }
            if failure == nil, let result {
                if options.keepOutputs || !graph.dependents[i].isEmpty { outputs[i] = result.table }
                records[i].rows = result.rows
                records[i].producedTable = result.table != nil
                records[i].error = nil
                cb?(ProgressEvent(kind: .completed, step: s.name, attempt: attempt, duration: dt, rows: result.rows))
                return .completed
            }
            if runToken.isCancelled {
                records[i].error = "cancelled: \(runToken.reason ?? "run cancelled")"
                cb?(ProgressEvent(kind: .cancelled, step: s.name, attempt: attempt, duration: dt, message: records[i].error))
                return .cancelled
            }
            if token !== runToken, token.isCancelledLocally {
                lastError = "attempt \(attempt) \(token.reason ?? "timed out")"
            } else {
                lastError = failure.map { "\($0)" } ?? "failed"
            }
            records[i].error = lastError
            if attempt < maxAttempts {
                let delay = backoff.delay(beforeRetry: attempt, unit: rng.nextUnit())
                cb?(ProgressEvent(kind: .retrying, step: s.name, attempt: attempt, duration: dt, message: lastError, delay: delay))
                if !options.clock.sleep(seconds: delay, token: runToken) {
                    records[i].error = "cancelled while waiting to retry: \(runToken.reason ?? "run cancelled")"
                    cb?(ProgressEvent(kind: .cancelled, step: s.name, attempt: attempt, message: records[i].error))
                    return .cancelled
                }
            }
        }
        records[i].error = lastError
        cb?(ProgressEvent(kind: .failed, step: s.name, attempt: attempt, duration: records[i].attemptDurations.last, message: lastError))
        return .failed
    }

    /// Records the outcome of step `i` and releases its dependents. Called with `lock` held.
    private func complete(_ i: Int, _ outcome: Outcome) {
        running -= 1
        finalized[i] = true
        finishedCount += 1
        var events: [ProgressEvent] = []
        switch outcome {
        case .completed:
            records[i].status = .completed
            for d in graph.dependents[i] {
                remaining[d] -= 1
                if remaining[d] == 0 && !finalized[d] {
                    ready[pools[d]].append(Int32(d))
                }
            }
        case .failed, .cancelled, .skipped:
            let reason: String
            switch outcome {
            case .failed:
                records[i].status = .failed
                anyFailed = true
                reason = "dependency '\(def.steps[i].name)' failed"
                if def.config.stopOnFailure && !stopScheduling {
                    stopScheduling = true
                    stopReason = "step '\(def.steps[i].name)' failed and stop_on_failure is set"
                }
            case .cancelled:
                records[i].status = .cancelled
                reason = "dependency '\(def.steps[i].name)' was cancelled"
                if !stopScheduling { stopScheduling = true; stopReason = runToken.reason ?? "run cancelled" }
            case .skipped(let why):
                records[i].status = .skipped
                records[i].error = why
                events.append(ProgressEvent(kind: .skipped, step: def.steps[i].name, attempt: 0, message: why))
                reason = "dependency '\(def.steps[i].name)' was skipped"
            default:
                reason = ""
            }
            // Cascade: every dependent that has not run is skipped.
            var stack = graph.dependents[i]
            while let d = stack.popLast() {
                if finalized[d] { continue }
                finalized[d] = true
                finishedCount += 1
                records[d].status = .skipped
                records[d].error = reason
                events.append(ProgressEvent(kind: .skipped, step: def.steps[d].name, attempt: 0, message: reason))
                stack.append(contentsOf: graph.dependents[d])
            }
        }
        if isDone {
            doneCond.signal()
            for c in workCond { c.broadcast() }
        } else if !stopScheduling && running < maxParallel {
            // Wake idle workers for the ready steps (the current worker takes one itself).
            for p in 0..<3 {
                let avail = ready[p].count - readyHead[p]
                var wake = min(avail - (p == pools[i] ? 1 : 0), waiting[p], maxParallel - running)
                while wake > 0 { workCond[p].signal(); wake -= 1 }
            }
        }
        if !events.isEmpty, let cb = options.onEvent {
            lock.unlock()
            for e in events { cb(e) }
            lock.lock()
        }
    }

    /// Snapshot of the records (after ``run()``).
    var finalRecords: [StepRecord] { Array(records) }
    /// Outputs by step name (after ``run()``).
    var finalOutputs: [String: Table] {
        var out: [String: Table] = [:]
        for i in 0..<def.steps.count { if let t = outputs[i] { out[def.steps[i].name] = t } }
        return out
    }
}

/// SplitMix64, for backoff jitter.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<1.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
