import Testing
import PFColumnar
@testable import PFWorkflow

@Suite struct DefinitionTests {
    static let yaml = """
    name: etl
    variables:
      mode: full
      n: 3
    config:
      max_parallel: 4
      stop_on_failure: false
      default_retries: 1
      default_timeout: 30
      default_pool: io
      work_dir: /tmp
    steps:
      - name: a
        type: noop
        params: {sleep_ms: "${n}"}
        output: "out/${mode}.parquet"
      - name: b
        type: command
        inputs: [a]
        params:
          args: [echo, "mode=${mode}", "$${literal}"]
        retries: 2
        backoff: {initial: 0.5, factor: 3, max: 4, jitter: 0.25}
        timeout: 1.5
        pool: cpu
        when: {var: mode, equals: full}
      - name: c
        type: noop
        depends_on: b
        when: "${mode}"
    """

    @Test func loadsEveryField() throws {
        let d = try WorkflowDefinition.load(yaml: DefinitionTests.yaml, variables: ["mode": "quick"])
        #expect(d.loadIssues.isEmpty, "\(d.loadIssues)")
        #expect(d.name == "etl")
        #expect(d.variables == ["mode": "quick", "n": "3"])
        #expect(d.config.maxParallel == 4 && d.config.stopOnFailure == false && d.config.defaultRetries == 1)
        #expect(d.config.defaultTimeout == 30 && d.config.defaultPool == .io && d.config.workDir == "/tmp")
        #expect(d.steps.map(\.name) == ["a", "b", "c"])
        #expect(d.steps[0].output == "out/quick.parquet")
        #expect(d.steps[0].params["sleep_ms"]?.stringValue == "3")
        #expect(d.steps[1].params["args"]?.items?.compactMap(\.stringValue) == ["echo", "mode=quick", "${literal}"])
        #expect(d.steps[1].inputs == ["a"] && d.steps[1].retries == 2 && d.steps[1].timeout == 1.5 && d.steps[1].pool == .cpu)
        #expect(d.steps[1].backoff == BackoffPolicy(initial: 0.5, factor: 3, max: 4, jitter: 0.25))
        #expect(d.steps[1].when == .equals(variable: "mode", value: "full"))
        #expect(d.steps[2].dependsOn == ["b"] && d.steps[2].when == .truthy("quick"))
        #expect(d.steps[1].location == SourceLocation(line: 17, column: 5))
    }

    @Test func jsonFormIsEquivalent() throws {
        let json = """
        {"name": "etl", "variables": {"mode": "full", "n": 3},
         "config": {"max_parallel": 4, "stop_on_failure": false, "default_retries": 1, "default_timeout": 30,
                    "default_pool": "io", "work_dir": "/tmp"},
         "steps": [
           {"name": "a", "type": "noop", "params": {"sleep_ms": "${n}"}, "output": "out/${mode}.parquet"},
           {"name": "b", "type": "command", "inputs": ["a"], "params": {"args": ["echo", "mode=${mode}", "$${literal}"]},
            "retries": 2, "backoff": {"initial": 0.5, "factor": 3, "max": 4, "jitter": 0.25}, "timeout": 1.5,
            "pool": "cpu", "when": {"var": "mode", "equals": "full"}},
           {"name": "c", "type": "noop", "depends_on": "b", "when": "${mode}"}]}
        """
        let a = try WorkflowDefinition.load(yaml: DefinitionTests.yaml)
        let b = try WorkflowDefinition.load(json: json)
        #expect(b.loadIssues.isEmpty)
        #expect(a.name == b.name && a.variables == b.variables && a.config == b.config)
        for (x, y) in zip(a.steps, b.steps) {
            #expect(x.name == y.name && x.type == y.type && x.inputs == y.inputs && x.output == y.output)
            #expect(x.params == y.params && x.dependsOn == y.dependsOn && x.retries == y.retries)
            #expect(x.backoff == y.backoff && x.timeout == y.timeout && x.pool == y.pool && x.when == y.when)
        }
    }

    @Test func validWorkflowHasNoIssues() throws {
        let wf = Workflow(try .load(yaml: DefinitionTests.yaml))
        #expect(wf.validate().isEmpty, "\(wf.validate())")
    }

    /// Every validation error, each with its line; all collected in one pass.
    @Test func validationErrorsWithLines() throws {
        let yaml = """
        name: bad
        variables: {x: 1}
        confg: {}
        steps:
          - name: a
            type: noop
            dependson: [b]
          - name: a
            type: nope
          - name: b
            type: noop
            depends_on: [zzz]
            inputs: [missing_step, /nonexistent/file.parquet]
          - name: c
            type: noop
            params: {sleep_ms: "${nope}"}
          - name: d
            type: python
          - name: e
            type: command
            params: {argz: [x]}
        """
        let wf = Workflow(try .load(yaml: yaml))
        let issues = wf.validate()
        let text = issues.map(\.description)
        func has(_ line: Int, _ fragment: String) -> Bool {
            text.contains { $0.hasPrefix("line \(line):") && $0.contains(fragment) }
        }
        #expect(has(3, "unknown key 'confg' in workflow (did you mean 'config'?)"), "\(text)")
        #expect(has(7, "unknown key 'dependson'") && has(7, "did you mean 'depends_on'?"), "\(text)")
        #expect(has(8, "duplicate step name 'a' (first defined at line 5)"), "\(text)")
        #expect(has(9, "unknown type 'nope'") && has(9, "registered types: command, noop"), "\(text)")
        #expect(has(12, "depends on unknown step 'zzz'"), "\(text)")
        #expect(has(13, "unknown input 'missing_step'"), "\(text)")
        #expect(has(13, "input file '/nonexistent/file.parquet' does not exist"), "\(text)")
        #expect(has(16, "unknown variable '${nope}'"), "\(text)")
        #expect(has(18, "python steps need the Python driver (pf.Workflow.run)"), "\(text)")
        #expect(has(21, "unknown command parameter 'argz'") && has(21, "did you mean 'args'?"), "\(text)")
        #expect(has(21, "needs 'args'"), "\(text)")
        #expect(has(16, "'sleep_ms' must be an integer"), "\(text)")
        #expect(issues.count == 12, "\(text)")
        // Running refuses and lists them all.
        #expect(throws: PFError.self) { _ = try wf.run(options: options()) }
    }

    @Test func cyclesAreNamed() throws {
        let yaml = """
        name: cyc
        steps:
          - {name: a, type: noop, depends_on: [c]}
          - {name: b, type: noop, inputs: [a]}
          - {name: c, type: noop, depends_on: [b]}
          - {name: d, type: noop, depends_on: [d]}
          - {name: e, type: noop}
        """
        let issues = Workflow(try .load(yaml: yaml)).validate().map(\.description)
        #expect(issues.contains("line 3: cycle: a -> b -> c -> a"), "\(issues)")
        #expect(issues.contains("line 6: cycle: d -> d"), "\(issues)")
        #expect(issues.count == 2, "\(issues)")
    }

    @Test func badTypesAreReported() throws {
        let yaml = """
        name: t
        config: {max_parallel: 0, stop_on_failure: maybe, default_pool: gpu}
        steps:
          - {name: a, type: noop, retries: -1, timeout: soon, backoff: {factor: 0.5, jitter: 2}}
          - just a string
        """
        let issues = Workflow(try .load(yaml: yaml)).validate().map(\.description)
        for fragment in ["'max_parallel' must be an integer >= 1", "'stop_on_failure' must be true or false",
                         "'default_pool' must be 'cpu' or 'io'", "'retries' must be an integer >= 0",
                         "'timeout' must be a number >= 0", "'factor' must be >= 1", "'jitter' must be between 0 and 1",
                         "a step must be a mapping"] {
            #expect(issues.contains { $0.contains(fragment) }, "\(fragment) not in \(issues)")
        }
    }

    @Test func variableSubstitution() {
        let vars = ["a": "1", "b.c": "x"]
        #expect(VariableSubstitution.substitute("${a}-${b.c}-$${a}", vars).0 == "1-x-${a}")
        #expect(VariableSubstitution.substitute("${zz}", vars).1.count == 1)
        #expect(VariableSubstitution.substitute("${a", vars).1.first?.contains("unterminated") == true)
        #expect(VariableSubstitution.substitute("no refs $ here", vars) == ("no refs $ here", []))
    }

    @Test func conditions() {
        #expect(StepCondition.truthy("yes").evaluate([:]))
        for f in ["", "false", "0", "No", "OFF", "null", "none"] { #expect(!StepCondition.truthy(f).evaluate([:])) }
        #expect(StepCondition.equals(variable: "m", value: "x").evaluate(["m": "x"]))
        #expect(!StepCondition.notEquals(variable: "m", value: "x").evaluate(["m": "x"]))
    }

    @Test func rendering() throws {
        let d = try WorkflowDefinition.load(yaml: "name: r\nsteps:\n  - {name: a, type: noop}\n  - {name: b, type: noop, inputs: [a]}\n  - {name: c, type: noop, depends_on: [a, b]}\n")
        #expect(d.toMermaid() == """
        flowchart TD
            s0["a<br/>(noop)"]
            s1["b<br/>(noop)"]
            s2["c<br/>(noop)"]
            s0 --> s1
            s0 --> s2
            s1 --> s2

        """)
        #expect(d.toDot() == """
        digraph "r" {
            rankdir=TB;
            node [shape=box];
            "a" [label="a\\n(noop)"];
            "b" [label="b\\n(noop)"];
            "c" [label="c\\n(noop)"];
            "a" -> "b";
            "a" -> "c";
            "b" -> "c";
        }

        """)
    }
}
