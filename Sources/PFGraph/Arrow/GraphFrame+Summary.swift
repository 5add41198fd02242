import PFColumnar

extension GraphFrame {
    /// Summary statistics as one JSON object: `vertices, edges, directed, weighted,
    /// weight_column, id_type ("dense" | "int64" | "string"), self_loops, multi_edges,
    /// isolated, min_degree, max_degree, mean_degree, degree_kind, bytes,
    /// degree_histogram [[degree, count], ...]`.
    public func summaryJSON(pool: ThreadPool = .shared) -> String {
        let s = graph.summary(pool: pool)
        let idType = hasStringIds ? "string" : (graph.idMap == nil ? "dense" : "int64")
        let hist = s.degreeHistogram.map { "[\($0.degree),\($0.count)]" }.joined(separator: ",")
        var fields: [String] = [
            "\"vertices\":\(s.vertexCount)",
            "\"edges\":\(s.edgeCount)",
            "\"directed\":\(s.isDirected)",
            "\"weighted\":\(graph.isWeighted)",
            "\"weight_column\":\(weightColumn.map(Self.jsonString) ?? "null")",
            "\"id_type\":\"\(idType)\"",
            "\"self_loops\":\(s.selfLoopCount)",
            "\"multi_edges\":\(s.multiEdgeCount)",
            "\"isolated\":\(s.isolatedCount)",
            "\"min_degree\":\(s.minDegree)",
            "\"max_degree\":\(s.maxDegree)",
            "\"mean_degree\":\(s.meanDegree.isFinite ? String(s.meanDegree) : "0")",
            "\"degree_kind\":\"\(s.isDirected ? "out" : "total")\"",
            "\"bytes\":\(graph.byteCount)",
        ]
        fields.append("\"degree_histogram\":[\(hist)]")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `s` as a JSON string literal.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
