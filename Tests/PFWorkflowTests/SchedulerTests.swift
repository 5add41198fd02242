import Testing
import PFColumnar
import Synchronization
@testable import PFWorkflow
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func registry(_ counting: CountingStep) -> StepRegistry {
    let r = StepRegistry.standard()
    r.register(counting)
    return r
}

private func step(_ name: String, _ type: String = "count", inputs: [String] = [], deps: [String] = [],
                  params: ConfigValue = .emptyObject) -> StepDefinition {
    StepDefinition(name: name, type: type, inputs: inputs, params: params, dependsOn: deps)
}

@Suite struct SchedulerTests {
    @Test func backoffPolicyExactDelays() {
        let b = BackoffPolicy(initial: 0.5, factor: 3, max: 10, jitter: 0)
        #expect((1...5).map { b.delay(beforeRetry: $0, unit: 0.7) } == [0.5, 1.5, 4.5, 10, 10])
        let j = BackoffPolicy(initial: 2, factor: 2, max: 100, jitter: 0.25)
        #expect(j.delay(beforeRetry: 2, unit: 0) == 3)       // 4 * 0.75
        #expect(j.delay(beforeRetry: 2, unit: 0.5) == 4)
        #expect(j.delay(beforeRetry: 2, unit: 0.999_999) < 5)
        #expect(BackoffPolicy(initial: 8, factor: 2, max: 10, jitter: 0.5).delay(beforeRetry: 3, unit: 0.99) == 10)
    }

    /// A step failing twice then succeeding: exact sleeps requested from the injected clock.
    @Test func retriesWithInjectedClock() throws {
        var d = WorkflowDefinition(name: "r", steps: [
            step("flaky", "noop", params: .object([("fail_times", ConfigValue(.int(3)))])),
        ])
        d.steps[0].retries = 4
        d.steps[0].backoff = BackoffPolicy(initial: 1, factor: 2, max: 3, jitter: 0)
        let clock = FakeClock()
        let log = EventLog()
        let r = try Workflow(d).run(options: options { $0.clock = clock; $0.onEvent = log.callback })
        #expect(r.status == .succeeded)
        #expect(r.step("flaky")?.attempts == 4)
        #expect(clock.recorded == [1, 2, 3])
        #expect(log.kinds("flaky") == [.started, .retrying, .started, .retrying, .started, .retrying, .started, .completed])
        #expect(log.all.filter { $0.kind == .retrying }.map(\.delay) == [1, 2, 3])
    }

    @Test func jitterStaysInBounds() throws {
        var d = WorkflowDefinition(name: "j", steps: [step("f", "noop", params: .object([("fail_times", ConfigValue(.int(5)))]))])
        d.steps[0].retries = 5
        d.steps[0].backoff = BackoffPolicy(initial: 1, factor: 2, max: 100, jitter: 0.5)
        let clock = FakeClock()
        let r = try Workflow(d).run(options: options { $0.clock = clock })
        #expect(r.status == .succeeded)
        let sleeps = clock.recorded
        #expect(sleeps.count == 5)
        for (k, s) in sleeps.enumerated() {
            let base = Double(1 << k)
            #expect(s >= base * 0.5 && s <= base * 1.5, "retry \(k + 1): \(s)")
        }
        #expect(Set(sleeps.map { $0 / Double(1 << sleeps.firstIndex(of: $0)!) }).count > 1, "jitter varies")
    }

    @Test func failsAfterRetriesAreExhausted() throws {
        var d = WorkflowDefinition(name: "x", steps: [step("f", "noop", params: .object([("fail_times", ConfigValue(.int(9)))])),
                                                      step("after", "noop", deps: ["f"])])
        d.steps[0].retries = 2
        let r = try Workflow(d).run(options: options { $0.clock = FakeClock() })
        #expect(r.status == .failed)
        #expect(r.step("f")?.status == .failed && r.step("f")?.attempts == 3)
        #expect(r.step("f")?.error?.contains("planned failure 3 of 9") == true)
        #expect(r.step("after")?.status == .skipped)
    }

    /// A hanging step is cancelled by its timeout on each attempt.
    @Test func hangingStepTimesOut() throws {
        var d = WorkflowDefinition(name: "t", steps: [step("h", "noop", params: .object([("hang", ConfigValue(.bool(true)))]))])
        d.steps[0].timeout = 0.1
        d.steps[0].retries = 1
        let t0 = monotonicSeconds()
        let r = try Workflow(d).run(options: options { $0.clock = FakeClock() })
        let dt = monotonicSeconds() - t0
        #expect(r.status == .failed)
        #expect(r.step("h")?.attempts == 2)
        #expect(r.step("h")?.error?.contains("timed out after 0.1s") == true, "\(r.step("h")?.error ?? "")")
        #expect(dt >= 0.2 && dt < 5)
    }

    /// Cancelling a wide run: running steps see the token, nothing new starts.
    @Test func cancellationInTheMiddle() throws {
        let counting = CountingStep()
        var steps: [StepDefinition] = []
        for i in 0..<200 { steps.append(step("s\(i)", "noop", params: .object([("hang", ConfigValue(.bool(true)))]))) }
        var d = WorkflowDefinition(name: "c", steps: steps)
        d.config.maxParallel = 4
        let token = CancellationToken()
        let started = Atomic<Int>(0)
        let log = EventLog()
        let r = try Workflow(d, registry: registry(counting)).run(options: options {
            $0.cpuThreads = 4
            $0.onEvent = { e in
                log.callback(e)
                if e.kind == .started, started.wrappingAdd(1, ordering: .relaxed).newValue == 4 { token.cancel(reason: "user pressed ^C") }
            }
        }, token: token)
        #expect(r.status == .cancelled)
        let ran = r.steps.filter { $0.attempts > 0 }
        #expect(ran.count == 4)
        #expect(ran.allSatisfy { $0.status == .cancelled })
        #expect(r.steps.filter { $0.status == .cancelled }.count == 200)
        #expect(r.steps.filter { $0.attempts == 0 }.allSatisfy { $0.error?.contains("user pressed ^C") == true })
        #expect(log.all.filter { $0.kind == .started }.count == 4)
    }

    @Test func commandStepExitCodeAndOutputInHistory() throws {
        let dir = tempDir("cmd")
        let yaml = """
        name: cmd
        config: {work_dir: \(dir), stop_on_failure: false}
        steps:
          - name: ok
            type: command
            params: {args: [sh, -c, "echo hello; echo warn >&2"]}
          - name: three
            type: command
            pool: io
            params: {shell: "echo before-exit; echo oops >&2; exit 3"}
          - name: segv
            type: command
            params: {args: [sh, -c, "echo crashing; kill -SEGV $$"]}
          - name: env_cwd
            type: command
            params: {shell: "echo $FOO; pwd", env: {FOO: bar}, cwd: sub}
        """
        try makeDirectories(dir + "/sub")
        let r = try Workflow(try .load(yaml: yaml)).run(options: options { $0.writeHistory = true })
        #expect(r.status == .failed)
        #expect(r.step("ok")?.status == .completed)
        #expect(r.step("ok")?.stdout == "hello\n" && r.step("ok")?.stderr == "warn\n")
        #expect(r.step("three")?.status == .failed)
        #expect(r.step("three")?.error?.contains("exited with status 3") == true)
        #expect(r.step("three")?.stdout == "before-exit\n" && r.step("three")?.stderr == "oops\n")
        #expect(r.step("segv")?.status == .failed)
        #expect(r.step("segv")?.error?.contains("signal 11 (SIGSEGV)") == true, "\(r.step("segv")?.error ?? "")")
        #expect(r.step("segv")?.stdout == "crashing\n")
        #expect(r.step("env_cwd")?.stdout == "bar\n\(dir)/sub\n")
        // The history record holds the captured output.
        let path = try #require(r.historyPath)
        let rec = try JSONParser.parse(try readTextFile(path))
        let three = try #require(rec["steps"]?.items?.first { $0["name"]?.stringValue == "three" })
        #expect(three["stderr"]?.stringValue == "oops\n")
        #expect(three["status"]?.stringValue == "failed")
        #expect(rec["status"]?.stringValue == "failed")
    }

    @Test func commandTimeoutKillsProcess() throws {
        var d = WorkflowDefinition(name: "ct", steps: [step("sleepy", "command", params: .object([
            ("args", .array([.string("sh"), .string("-c"), .string("trap '' TERM; echo started; sleep 30")])),
            ("grace_period", ConfigValue(.double(0.2))),
        ]))])
        d.steps[0].timeout = 0.3
        let t0 = monotonicSeconds()
        let r = try Workflow(d).run(options: options())
        #expect(r.status == .failed)
        #expect(monotonicSeconds() - t0 < 10)
        #expect(r.step("sleepy")?.error?.contains("timed out") == true, "\(r.step("sleepy")?.error ?? "")")
        #expect(r.step("sleepy")?.stdout == "started\n")
    }

    /// 10,000 steps: every step runs exactly once and values flow along edges.
    @Test func tenThousandStepDAG() throws {
        let counting = CountingStep()
        var steps: [StepDefinition] = []
        for i in 0..<10_000 {
            var inputs: [String] = []
            if i >= 1 { inputs.append("s\((i - 1) / 2)") }  // a binary tree fanning out
            steps.append(step("s\(i)", inputs: inputs))
        }
        let t0 = monotonicSeconds()
        let r = try Workflow(WorkflowDefinition(name: "big", steps: steps), registry: registry(counting)).run(options: options { $0.maxParallel = 4 })
        #expect(monotonicSeconds() - t0 < 30)
        #expect(r.status == .succeeded)
        #expect(counting.total == 10_000)
        #expect((0..<10_000).allSatisfy { counting.count("s\($0)") == 1 })
        // depth of node i in the tree is floor(log2(i+1)); value = depth + 1
        if case .int(let v) = r.outputs["s9999"]?.column(0)[0].scalar(at: 0) { #expect(v == 14) } else { Issue.record("no output") }
    }

    /// Same results and same execution counts for max_parallel 1, 4, 16; the limit holds.
    @Test(arguments: [1, 4, 16])
    func resultsDoNotDependOnParallelism(maxParallel: Int) throws {
        let counting = CountingStep(sleepMs: 1)
        var steps: [StepDefinition] = []
        for i in 0..<60 {
            let inputs = i < 10 ? [] : ["s\(i - 10)", "s\((i * 7) % 10 + (i / 10 - 1) * 10)"]
            steps.append(step("s\(i)", inputs: Array(Set(inputs)).sorted()))
        }
        var d = WorkflowDefinition(name: "p", steps: steps)
        d.config.maxParallel = maxParallel
        let r = try Workflow(d, registry: registry(counting)).run(options: options { $0.cpuThreads = 16 })
        #expect(r.status == .succeeded)
        #expect(counting.total == 60)
        #expect(counting.maxActive.load(ordering: .relaxed) <= maxParallel)
        var values: [Int64] = []
        for i in 0..<60 { if case .int(let v) = r.outputs["s\(i)"]!.column(0)[0].scalar(at: 0) { values.append(v) } }
        // Reference computed serially.
        var expected = [Int64](repeating: 0, count: 60)
        for i in 0..<60 { expected[i] = 1 + steps[i].inputs.map { expected[Int($0.dropFirst())!] }.reduce(0, +) }
        #expect(values == expected)
    }

    /// With stop_on_failure false, independent branches continue, dependents are skipped,
    /// and completed outputs are kept.
    @Test func failureSkipsDependentsOnly() throws {
        let counting = CountingStep()
        var d = WorkflowDefinition(name: "f", steps: [
            step("a"), step("bad", inputs: ["a"], params: .object([("fail", ConfigValue(.bool(true)))])),
            step("child", inputs: ["bad"]), step("grandchild", deps: ["child"]),
            step("other", inputs: ["a"]), step("other2", inputs: ["other"]),
        ])
        d.config.stopOnFailure = false
        let log = EventLog()
        let r = try Workflow(d, registry: registry(counting)).run(options: options { $0.onEvent = log.callback })
        #expect(r.status == .failed)
        #expect(r.step("bad")?.status == .failed)
        #expect(r.step("child")?.status == .skipped && r.step("grandchild")?.status == .skipped)
        #expect(r.step("child")?.error == "dependency 'bad' failed")
        #expect(r.step("other2")?.status == .completed)
        #expect(r.outputs["a"] != nil && r.outputs["other2"] != nil && r.outputs["bad"] == nil)
        #expect(counting.count("child") == 0 && counting.count("a") == 1)
        #expect(log.kinds("grandchild") == [.skipped])
    }

    @Test func stopOnFailureStopsScheduling() throws {
        let counting = CountingStep()
        var d = WorkflowDefinition(name: "s", steps: [step("bad", params: .object([("fail", ConfigValue(.bool(true)))])),
                                                      step("later", deps: ["gate"]), step("gate", deps: ["bad2"]),
                                                      step("bad2", deps: ["bad"])])
        d.config.maxParallel = 1
        let r = try Workflow(d, registry: registry(counting)).run(options: options())
        #expect(r.status == .failed)
        #expect(counting.total == 1)
        #expect(r.steps.filter { $0.status == .skipped }.count == 3)
    }

    @Test func whenConditionSkipsStepAndDependents() throws {
        let counting = CountingStep()
        var d = WorkflowDefinition(name: "w", steps: [step("g"), step("after", inputs: ["g"]), step("free")])
        d.variables = ["run_graph": "false"]
        d.steps[0].when = .truthy("false")
        let r = try Workflow(d, registry: registry(counting)).run(options: options())
        #expect(r.status == .succeeded)
        #expect(r.step("g")?.status == .skipped && r.step("after")?.status == .skipped && r.step("free")?.status == .completed)
        #expect(counting.total == 1)
    }

    /// History is written; resume re-runs only what did not complete (and in-memory-only outputs).
    @Test func historyAndResume() throws {
        let dir = tempDir("resume")
        let marker = dir + "/fixed"
        let yaml = """
        name: resumable
        config: {work_dir: \(dir)}
        steps:
          - {name: produce, type: command, output: made.txt, params: {shell: "echo x > made.txt"}}
          - {name: side, type: command, params: {shell: "echo side >> side.log"}}
          - {name: flaky, type: command, depends_on: [produce, side], params: {shell: "test -f \(marker)"}}
          - {name: last, type: command, depends_on: [flaky], params: {shell: "echo done >> last.log"}}
        """
        let wf = Workflow(try .load(yaml: yaml))
        let first = try wf.run(options: RunOptions())
        #expect(first.status == .failed)
        #expect(first.step("last")?.status == .skipped)
        let hist = try #require(first.historyPath)
        #expect(hist.hasPrefix(dir + "/.pframe-history/"))
        try writeTextFileAtomically(marker, "ok")
        var o = RunOptions()
        o.resumeRunID = first.runID
        let second = try wf.run(options: o)
        #expect(second.status == .succeeded)
        #expect(second.resumedFrom == first.runID)
        #expect(second.step("produce")?.status == .reused && second.step("side")?.status == .reused)
        #expect(second.step("flaky")?.status == .completed && second.step("last")?.status == .completed)
        #expect(try readTextFile(dir + "/side.log") == "side\n")  // not run twice
        #expect(try readTextFile(dir + "/last.log") == "done\n")
        // Unknown run id is a clear error.
        o.resumeRunID = "nope"
        #expect(throws: PFError.self) { _ = try wf.run(options: o) }
    }

    @Test func outputWriterHookIsCalled() throws {
        final class Recorder: OutputWriter, @unchecked Sendable {
            let paths = Mutex<[String]>([])
            func write(_ table: Table, to path: String, step: StepDefinition) throws(PFError) {
                try writeTextFileAtomically(path, "rows=\(table.numRows)")
                paths.withLock { $0.append(path) }
            }
        }
        let dir = tempDir("writer")
        let counting = CountingStep()
        var d = WorkflowDefinition(name: "o", steps: [StepDefinition(name: "a", type: "count", output: "a.out")])
        d.config.workDir = dir
        let rec = Recorder()
        let r = try Workflow(d, registry: registry(counting)).run(options: options { $0.outputWriter = rec })
        #expect(r.status == .succeeded)
        #expect(rec.paths.withLock { $0 } == [dir + "/a.out"])
        #expect(r.step("a")?.outputWritten == true)
        #expect(try readTextFile(dir + "/a.out") == "rows=1")
    }

    /// Steps of a dedicated type run on the thread that called `run` (one dedicated thread),
    /// see their definition-order index, and mix with pooled steps in any shape.
    @Test func dedicatedStepsRunOnTheCallingThread() throws {
        final class ThreadStep: WorkflowStep, @unchecked Sendable {
            let seen = Mutex<[(index: Int, name: String, onCaller: Bool)]>([])
            let caller = Mutex<pthread_t?>(nil)
            var typeName: String { "onthread" }
            func run(_ context: StepContext) throws(PFError) -> StepOutput {
                let me = pthread_self()
                let onCaller = caller.withLock { $0.map { pthread_equal($0, me) != 0 } ?? false }
                seen.withLock { $0.append((context.stepIndex, context.stepName, onCaller)) }
                return .none
            }
        }
        let t = ThreadStep()
        let r = StepRegistry.standard()
        r.register(t)
        // a -> x -> b -> y, plus an independent z: dedicated and pooled steps interleave.
        let d = WorkflowDefinition(name: "dedicated", steps: [
            step("a", "noop"), step("x", "onthread", deps: ["a"]), step("b", "noop", deps: ["x"]),
            step("y", "onthread", deps: ["b"]), step("z", "onthread"),
        ])
        t.caller.withLock { $0 = pthread_self() }
        let metrics = RunMetrics()
        let result = try Workflow(d, registry: r).run(options: options {
            $0.dedicatedStepTypes = ["onthread"]
            $0.metrics = metrics
        })
        #expect(result.status == .succeeded)
        let seen = t.seen.withLock { $0 }.sorted { $0.index < $1.index }
        let indices = seen.map { $0.index }, names = seen.map { $0.name }, onCaller = seen.map { $0.onCaller }
        #expect(indices == [1, 3, 4])
        #expect(names == ["x", "y", "z"])
        #expect(onCaller == [true, true, true])
        // Only the noop steps' pool started threads (the caller is the dedicated worker).
        #expect(metrics.workerThreads >= 1)
        // Dedicated steps alone start no thread at all.
        let only = WorkflowDefinition(name: "only", steps: [step("p", "onthread"), step("q", "onthread", deps: ["p"])])
        let m2 = RunMetrics()
        #expect(try Workflow(only, registry: r).run(options: options { $0.dedicatedStepTypes = ["onthread"]; $0.metrics = m2 }).status
                == .succeeded)
        #expect(m2.workerThreads == 0)
    }
}
