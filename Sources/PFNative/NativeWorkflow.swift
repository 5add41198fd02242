import ParquetFrame
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Workflow functions of the C ABI. See the Workflow section of include/parquetframe.h.

/// `pf_progress_cb`: one event as JSON, the caller's user data.
public typealias ProgressCallback = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void

/// `pf_step_cb`: runs one attempt of a python step.
public typealias StepCallback = @convention(c) (
    Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<OpaquePointer?>?, Int32,
    UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeMutableRawPointer?
) -> Int32

/// The object behind an opaque `pf_workflow*`.
final class WorkflowHandle: @unchecked Sendable {
    let workflow: Workflow
    /// Output tables of the last run, by step.
    let outputs = Mutex<[String: Table]>([:])
    /// The NUL-terminated name and params JSON of each step, by step index (empty for
    /// steps that are not `python`): fixed by the definition, encoded once.
    let pythonStepArgs: [(name: [CChar], params: [CChar])]

    init(_ definition: WorkflowDefinition) {
        workflow = Workflow(definition, registry: WorkflowSteps.standardRegistry())
        pythonStepArgs = definition.steps.map { s in
            s.type == "python" ? (Array(s.name.utf8CString), Array(JSONWriter.encode(s.params).utf8CString)) : ([], [])
        }
    }

    static func get(_ p: OpaquePointer?) throws(PFError) -> WorkflowHandle {
        let p = try require(p, "workflow")
        return Unmanaged<WorkflowHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

/// The object behind an opaque `pf_cancel_token*`.
final class TokenHandle {
    let token = CancellationToken()
    static func get(_ p: OpaquePointer?) -> CancellationToken? {
        guard let p else { return nil }
        return Unmanaged<TokenHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue().token
    }
}

/// A `python` step type that calls back into the Python driver.
struct CallbackStep: WorkflowStep, @unchecked Sendable {
    let callback: StepCallback
    let userData: UnsafeMutableRawPointer?
    /// Name and params JSON of each step, by step index (see ``WorkflowHandle/pythonStepArgs``).
    let stepArgs: [(name: [CChar], params: [CChar])]

    var typeName: String { "python" }

    func run(_ context: StepContext) throws(PFError) -> StepOutput {
        try context.cancellation.check()
        let index = context.stepIndex
        guard stepArgs.indices.contains(index), !stepArgs[index].name.isEmpty else {
            throw .invalidArgument("python step '\(context.stepName)' is not a python step of this workflow")
        }
        let names = context.definition.inputs
        var handles: [OpaquePointer?] = names.isEmpty ? [] : names.map { name in context.inputs[name].map { TableHandle.make($0) } }
        defer { for h in handles { pf_table_free(h) } }
        var out: OpaquePointer?
        var error: UnsafeMutablePointer<CChar>?
        let rc = stepArgs[index].name.withUnsafeBufferPointer { name in
            stepArgs[index].params.withUnsafeBufferPointer { params in
                handles.withUnsafeMutableBufferPointer { buf in
                    callback(Int32(index), name.baseAddress, params.baseAddress, UnsafePointer(buf.baseAddress), Int32(buf.count),
                             &out, &error, userData)
                }
            }
        }
        let message = error.map { String(cString: $0) }
        free(error)
        guard rc == 0 else {
            pf_table_free(out)
            let m = message ?? "python step returned status \(rc)"
            if rc == 5 { throw .cancelled(m) }
            throw .io(m)
        }
        guard let out else { return .none }
        let table = try TableHandle.get(out)
        pf_table_free(out)
        return StepOutput(table: table)
    }
}

/// Parses `{"name": value, ...}` (values as text) from an optional JSON string.
private func parseVariables(_ json: UnsafePointer<CChar>?) throws(PFError) -> [String: String] {
    guard let json else { return [:] }
    let text = String(cString: json)
    if text.isEmpty { return [:] }
    let v = try JSONParser.parse(text)
    if v.isNull { return [:] }
    guard let entries = v.entries else { throw .invalidArgument("variables_json must be a JSON object") }
    var out: [String: String] = [:]
    for e in entries {
        guard let t = e.value.scalarText else { throw .invalidArgument("variable '\(e.key)' must be a scalar") }
        out[e.key] = t
    }
    return out
}

@_cdecl("pf_workflow_from_yaml")
public func pf_workflow_from_yaml(_ path: UnsafePointer<CChar>?, _ variablesJSON: UnsafePointer<CChar>?,
                                  _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_workflow_from_yaml") { () throws(PFError) in
        let path = String(cString: try require(path, "path"))
        let out = try require(out, "out")
        let def = try WorkflowDefinition.load(path: path, variables: try parseVariables(variablesJSON))
        out.pointee = OpaquePointer(Unmanaged.passRetained(WorkflowHandle(def)).toOpaque())
    }
}

@_cdecl("pf_workflow_from_json")
public func pf_workflow_from_json(_ json: UnsafePointer<CChar>?, _ variablesJSON: UnsafePointer<CChar>?,
                                  _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_workflow_from_json") { () throws(PFError) in
        let json = String(cString: try require(json, "json"))
        let out = try require(out, "out")
        let def = try WorkflowDefinition.load(json: json, variables: try parseVariables(variablesJSON))
        out.pointee = OpaquePointer(Unmanaged.passRetained(WorkflowHandle(def)).toOpaque())
    }
}

@_cdecl("pf_workflow_free")
public func pf_workflow_free(_ wf: OpaquePointer?) {
    guard let wf else { return }
    Unmanaged<WorkflowHandle>.fromOpaque(UnsafeRawPointer(wf)).release()
}

@_cdecl("pf_workflow_validate")
public func pf_workflow_validate(_ wf: OpaquePointer?, _ errorsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_workflow_validate") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        let out = try require(errorsJSON, "errors_json")
        var w = JSONWriter()
        w.beginArray()
        for issue in h.workflow.validate() {
            w.beginObject()
            w.key("message"); w.string(issue.message)
            w.key("line"); if let l = issue.location { w.int(l.line) } else { w.null() }
            w.key("column"); if let l = issue.location { w.int(l.column) } else { w.null() }
            w.key("step"); w.string(issue.step)
            w.key("text"); w.string(issue.description)
            w.endObject()
        }
        w.endArray()
        out.pointee = strdup(w.text)
    }
}

@_cdecl("pf_workflow_to_mermaid")
public func pf_workflow_to_mermaid(_ wf: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_workflow_to_mermaid") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        try require(out, "out").pointee = strdup(h.workflow.toMermaid())
    }
}

@_cdecl("pf_workflow_to_dot")
public func pf_workflow_to_dot(_ wf: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_workflow_to_dot") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        try require(out, "out").pointee = strdup(h.workflow.toDot())
    }
}

@_cdecl("pf_workflow_set_python_handler")
public func pf_workflow_set_python_handler(_ wf: OpaquePointer?, _ cb: StepCallback?, _ userData: UnsafeMutableRawPointer?) -> Int32 {
    guarded("pf_workflow_set_python_handler") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        if let cb {
            h.workflow.registry.register(CallbackStep(callback: cb, userData: userData, stepArgs: h.pythonStepArgs))
        } else {
            h.workflow.registry.unregister("python")
        }
    }
}

@_cdecl("pf_workflow_run")
public func pf_workflow_run(_ wf: OpaquePointer?, _ optionsJSON: UnsafePointer<CChar>?, _ token: OpaquePointer?,
                            _ cb: ProgressCallback?, _ userData: UnsafeMutableRawPointer?,
                            _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded("pf_workflow_run") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        let out = try require(resultJSON, "result_json")
        var o = RunOptions()
        if let optionsJSON, case let text = String(cString: optionsJSON), !text.isEmpty {
            let v = try JSONParser.parse(text)
            guard v.entries != nil || v.isNull else { throw .invalidArgument("options_json must be a JSON object") }
            let known = ["max_parallel", "history_dir", "resume_run_id", "write_history", "cpu_threads", "io_threads", "keep_outputs",
                         "python_threads"]
            for e in v.entries ?? [] where !known.contains(e.key) {
                throw .invalidArgument("unknown run option '\(e.key)'; valid: " + known.joined(separator: ", "))
            }
            if let x = v["max_parallel"], !x.isNull {
                guard let n = x.intValue, n >= 1 else { throw .invalidArgument("max_parallel must be an integer >= 1") }
                o.maxParallel = Int(clamping: n)
            }
            if let x = v["cpu_threads"], !x.isNull {
                guard let n = x.intValue, n >= 1 else { throw .invalidArgument("cpu_threads must be an integer >= 1") }
                o.cpuThreads = Int(clamping: min(n, 1024))
            }
            if let x = v["io_threads"], !x.isNull {
                guard let n = x.intValue, n >= 1 else { throw .invalidArgument("io_threads must be an integer >= 1") }
                o.ioThreads = Int(clamping: min(n, 1024))
            }
            if let x = v["python_threads"], !x.isNull {
                guard let n = x.intValue, n >= 1 else { throw .invalidArgument("python_threads must be an integer >= 1") }
                o.dedicatedStepTypes = ["python"]
                o.dedicatedThreads = Int(clamping: min(n, 1024))
            }
            if let x = v["history_dir"], !x.isNull {
                guard let s = x.stringValue else { throw .invalidArgument("history_dir must be a string") }
                o.historyDir = s
            }
            if let x = v["resume_run_id"], !x.isNull {
                guard let s = x.stringValue else { throw .invalidArgument("resume_run_id must be a string") }
                o.resumeRunID = s
            }
            if let x = v["write_history"], !x.isNull {
                guard let b = x.boolValue else { throw .invalidArgument("write_history must be a boolean") }
                o.writeHistory = b
            }
            if let x = v["keep_outputs"], !x.isNull {
                guard let b = x.boolValue else { throw .invalidArgument("keep_outputs must be a boolean") }
                o.keepOutputs = b
            }
        }
        if let cb {
            let ud = UnsafeSendable(userData)
            o.onEvent = { event in event.json.withCString { cb($0, ud.value) } }
        }
        let metrics = RunMetrics()
        o.metrics = metrics
        let result = try h.workflow.run(options: o, token: TokenHandle.get(token))
        h.outputs.withLock { $0 = result.outputs }
        // The run record with `steps` last (the reader can decode the header alone), plus the
        // history path and the scheduler's own wall time (see RunMetrics: it excludes
        // parsing, validation and this encoding).
        var hp = JSONWriter(); hp.string(result.historyPath)
        var es = JSONWriter(); es.double(metrics.engineSeconds)
        // The steps with an output table (definition order): the reader fetches those
        // tables without decoding every step record.
        var ow = JSONWriter()
        ow.beginArray()
        for s in h.workflow.definition.steps where result.outputs[s.name] != nil { ow.string(s.name) }
        ow.endArray()
        let extra = [("history_path", hp.text), ("engine_seconds", es.text), ("worker_threads", String(metrics.workerThreads)),
                     ("output_steps", ow.text)]
        // Straight from the writer's bytes into the malloc'ed result (megabytes for 10,000 steps).
        out.pointee = RunHistory.encodeStepsLast(result, extra: extra) { w in
            w.bytes.withUnsafeBufferPointer { b -> UnsafeMutablePointer<CChar>? in
                guard let p = malloc(b.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
                if let base = b.baseAddress { memcpy(p, base, b.count) }
                p[b.count] = 0
                return p
            }
        }
        if out.pointee == nil { throw .internalError("out of memory encoding the run record") }
    }
}

@_cdecl("pf_workflow_output")
public func pf_workflow_output(_ wf: OpaquePointer?, _ step: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_workflow_output") { () throws(PFError) in
        let h = try WorkflowHandle.get(wf)
        let name = String(cString: try require(step, "step"))
        let out = try require(out, "out")
        guard let table = h.outputs.withLock({ $0[name] }) else {
            guard h.workflow.definition.steps.contains(where: { $0.name == name }) else {
                throw .invalidArgument("workflow '\(h.workflow.definition.name)' has no step '\(name)'")
            }
            throw .invalidArgument("step '\(name)' has no output table (not run yet, not completed, or it produces none)")
        }
        out.pointee = TableHandle.make(table)
    }
}

@_cdecl("pf_cancel_token_new")
public func pf_cancel_token_new(_ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guarded("pf_cancel_token_new") { () throws(PFError) in
        try require(out, "out").pointee = OpaquePointer(Unmanaged.passRetained(TokenHandle()).toOpaque())
    }
}

@_cdecl("pf_cancel_token_cancel")
public func pf_cancel_token_cancel(_ token: OpaquePointer?) -> Int32 {
    guarded("pf_cancel_token_cancel") { () throws(PFError) in
        let t = try require(TokenHandle.get(token), "token")
        t.cancel(reason: "cancelled by the caller")
    }
}

@_cdecl("pf_cancel_token_free")
public func pf_cancel_token_free(_ token: OpaquePointer?) {
    guard let token else { return }
    Unmanaged<TokenHandle>.fromOpaque(UnsafeRawPointer(token)).release()
}
