import Synchronization

/// How a graph flows between workflow steps.
///
/// A graph travels as its **edge table**: `graph.build` outputs the edge columns it used
/// (`src`, `dst`[, `weight`]) and records its settings in the table's schema metadata
/// (`pframe.graph.src`, `pframe.graph.dst`, `pframe.graph.weight`, `pframe.graph.directed`).
/// The algorithm steps (`graph.pagerank`, `graph.bfs`, `graph.sssp`, `graph.components`)
/// take exactly one input — normally a `graph.build` step, but any edge table works — and
/// read the settings from that metadata, falling back to their own `src`, `dst`, `weight`,
/// `directed` params. The CSR graph itself is not rebuilt for every algorithm: built graphs
/// are cached by the identity of the edge table's buffers (the cache keeps the table alive,
/// so identities cannot be reused) plus the settings, so several algorithm steps on the
/// same `graph.build` output share one graph. The cache holds the last few graphs
/// (``GraphStepCache/capacity``) of the process.
public enum GraphStepCache {
    /// Graphs kept.
    public static let capacity = 4

    struct Key: Hashable {
        var addresses: [UInt]
        var rows: Int
        var src: String, dst: String, weight: String?
        var directed: Bool
    }

    struct Entry {
        var key: Key
        var table: Table  // keeps the buffers (and so the key's addresses) alive
        var graph: GraphFrame
    }

    private static let entries = Mutex<[Entry]>([])

    static func key(_ table: Table, _ s: GraphSettings) -> Key {
        var addresses: [UInt] = []
        for name in [s.src, s.dst] + (s.weight.map { [$0] } ?? []) {
            if let chunks = try? table.column(named: name) {
                for c in chunks {
                    for b in c.buffers { addresses.append(b.map { UInt(bitPattern: $0.baseAddress) } ?? 0) }
                    addresses.append(UInt(c.offset))
                }
            }
        }
        return Key(addresses: addresses, rows: table.numRows, src: s.src, dst: s.dst, weight: s.weight, directed: s.directed)
    }

    /// The graph of `table` with settings `s`, built on first use.
    static func graph(_ table: Table, _ s: GraphSettings) throws(PFError) -> GraphFrame {
        let k = key(table, s)
        if let hit = entries.withLock({ e -> GraphFrame? in
            guard let i = e.firstIndex(where: { $0.key == k }) else { return nil }
            let entry = e.remove(at: i)
            e.append(entry)
            return entry.graph
        }) {
            return hit
        }
        let g = try GraphFrame.from(table: table, src: s.src, dst: s.dst, weight: s.weight, directed: s.directed)
        entries.withLock { e in
            e.append(Entry(key: k, table: table, graph: g))
            if e.count > capacity { e.removeFirst(e.count - capacity) }
        }
        return g
    }

    /// Empties the cache.
    public static func clear() { entries.withLock { $0.removeAll() } }
}

/// The columns and direction a graph is built with.
struct GraphSettings: Sendable {
    var src = "src"
    var dst = "dst"
    var weight: String?
    var directed = true

    static let paramKeys = ["src", "dst", "weight", "directed"]
    static let metaPrefix = "pframe.graph."

    /// Settings from explicit params over the table's metadata over defaults.
    static func parse(_ p: inout StepParameters, table: Table?) -> GraphSettings {
        var s = GraphSettings()
        if let m = table?.schema.metadata {
            if let v = m[metaPrefix + "src"] { s.src = v }
            if let v = m[metaPrefix + "dst"] { s.dst = v }
            if let v = m[metaPrefix + "weight"], !v.isEmpty { s.weight = v }
            if let v = m[metaPrefix + "directed"] { s.directed = v != "false" }
        }
        if let v = p.string("src") { s.src = v }
        if let v = p.string("dst") { s.dst = v }
        if p.has("weight") { s.weight = p.string("weight").flatMap { $0.isEmpty ? nil : $0 } }
        if let v = p.bool("directed") { s.directed = v }
        return s
    }

    /// The edge table with only the graph's columns and the settings in its metadata.
    func annotate(_ table: Table) throws(PFError) -> Table {
        let t = try table.select([src, dst] + (weight.map { [$0] } ?? []))
        var meta = t.schema.metadata
        var pairs = Array(meta.pairs.filter { !$0.key.hasPrefix(GraphSettings.metaPrefix) }.map { ($0.key, $0.value) })
        pairs += [(GraphSettings.metaPrefix + "src", src), (GraphSettings.metaPrefix + "dst", dst),
                  (GraphSettings.metaPrefix + "weight", weight ?? ""),
                  (GraphSettings.metaPrefix + "directed", directed ? "true" : "false")]
        meta = KeyValueMetadata(pairs)
        let schema = Schema(t.schema.fields, metadata: meta)
        var batches: [RecordBatch] = []
        for b in t.batches { batches.append(try RecordBatch(schema: schema, columns: b.columns, numRows: b.numRows)) }
        return try Table(schema: schema, batches: batches)
    }
}

/// Shared parts of the graph algorithm steps.
enum GraphStepSupport {
    /// Checks the single edge-table input.
    static func checkInputs(_ p: inout StepParameters) {
        if p.step.inputs.count != 1 {
            p.fail("needs exactly one input: the edge table (normally a graph.build step), got \(p.step.inputs.count)", key: nil)
        }
    }

    /// The input edge table of a running step.
    static func edges(_ context: StepContext) throws(PFError) -> Table {
        guard let name = context.definition.inputs.first, let t = context.inputs[name] else {
            throw .invalidArgument("step '\(context.stepName)': input '\(context.definition.inputs.first ?? "")' produced no edge table")
        }
        return t
    }

    /// Vertex ids from params, typed like the graph's ids.
    static func vertexIDs(_ values: [ConfigValue], graph: GraphFrame) -> [VertexID] {
        values.map { v in
            if graph.hasStringIds { return .string(v.scalarText ?? "") }
            if let i = v.intValue { return .int(i) }
            if let s = v.stringValue, let i = Int64(s) { return .int(i) }
            return .string(v.scalarText ?? "")
        }
    }

    /// Runs `body` with the graph of the step's input; reports its vertex count as rows.
    static func run(_ context: StepContext, _ p: inout StepParameters,
                    _ body: (GraphFrame) throws(PFError) -> Table) throws(PFError) -> StepOutput {
        let edges = try edges(context)
        let settings = GraphSettings.parse(&p, table: edges)
        try p.check()
        try context.cancellation.check()
        let g = try GraphStepCache.graph(edges, settings)
        try context.cancellation.check()
        let t = try body(g)
        context.reportProgress(rows: t.numRows)
        return StepOutput(table: t)
    }
}
