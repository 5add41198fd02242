import Testing
import PFColumnar
@testable import PFWorkflow
#if canImport(Glibc)
import Glibc
#endif

/// Scheduling overhead per no-op step for 10,000 steps in three shapes. Enabled with
/// `PF_WF_BENCH=1` (run in release: `PF_WF_BENCH=1 swift test -c release --filter SchedulingOverhead`);
/// prints µs/step. Timings are reported, never asserted; the test asserts the runs are complete.
@Suite(.serialized, .enabled(if: getenv("PF_WF_BENCH") != nil))
struct SchedulingOverheadBenchmark {
    static func shape(_ name: String) -> [StepDefinition] {
        let n = 10_000
        var steps: [StepDefinition] = []
        steps.reserveCapacity(n)
        switch name {
        case "independent":
            for i in 0..<n { steps.append(StepDefinition(name: "s\(i)", type: "noop")) }
        case "chains":
            for c in 0..<10 {
                for k in 0..<1000 {
                    steps.append(StepDefinition(name: "c\(c)_\(k)", type: "noop", dependsOn: k == 0 ? [] : ["c\(c)_\(k - 1)"]))
                }
            }
        default:  // fan-in tree: leaves first, each inner node waits for its two children
            var level = (0..<5000).map { "l0_\($0)" }
            for name in level { steps.append(StepDefinition(name: name, type: "noop")) }
            var depth = 1
            while level.count > 1 && steps.count < n {
                var next: [String] = []
                var k = 0
                while k < level.count {
                    let name = "l\(depth)_\(k / 2)"
                    steps.append(StepDefinition(name: name, type: "noop", dependsOn: Array(level[k..<min(k + 2, level.count)])))
                    next.append(name)
                    k += 2
                }
                level = next
                depth += 1
            }
            while steps.count < n { steps.append(StepDefinition(name: "pad\(steps.count)", type: "noop")) }
        }
        return steps
    }

    @Test(arguments: ["independent", "chains", "fan-in tree"], [1, 2, 4])
    func overhead(shape: String, maxParallel: Int) throws {
        let steps = SchedulingOverheadBenchmark.shape(shape)
        var d = WorkflowDefinition(name: shape, steps: steps)
        d.config.maxParallel = maxParallel
        let wf = Workflow(d)
        var o = RunOptions()
        o.writeHistory = false
        o.keepOutputs = false
        var best = Double.infinity
        var validation = Double.infinity
        for _ in 0..<5 {
            let t0 = monotonicSeconds()
            let r = try wf.run(options: o)
            let dt = monotonicSeconds() - t0
            #expect(r.status == .succeeded && r.steps.count == steps.count)
            #expect(r.steps.allSatisfy { $0.status == .completed && $0.attempts == 1 })
            best = min(best, dt)
            // Validation + graph building alone (part of every run), reported separately.
            let v0 = monotonicSeconds()
            _ = wf.validate()
            _ = WorkflowGraph(d)
            validation = min(validation, monotonicSeconds() - v0)
        }
        let n = Double(steps.count)
        print("SCHED-BENCH shape=\(shape) max_parallel=\(maxParallel) steps=\(steps.count) total_us_per_step=\(String(best * 1e6 / n)) of_which_validation_us_per_step=\(String(validation * 1e6 / n))")
    }
}
