/// The DAG of a workflow: steps by index, with edges from `inputs` (that name steps or
/// files another step outputs) and `depends_on`. Unknown references are left out (the
/// validator reports them).
public struct WorkflowGraph: Sendable {
    /// Step names by index (file order).
    public let names: [String]
    /// Index of each step name (the first, when duplicated).
    public let index: [String: Int]
    /// Steps each step waits for (unique, ascending).
    public let dependencies: [[Int]]
    /// Steps that wait for each step (unique, ascending).
    public let dependents: [[Int]]

    /// Builds the graph of a definition.
    public init(_ def: WorkflowDefinition) {
        names = def.steps.map(\.name)
        var idx: [String: Int] = [:]
        idx.reserveCapacity(names.count)
        for (i, n) in names.enumerated() where idx[n] == nil { idx[n] = i }
        index = idx
        var producers: [String: Int] = [:]
        for (i, s) in def.steps.enumerated() {
            if let o = s.output, producers[o] == nil { producers[o] = i }
        }
        var deps = Array(repeating: [Int](), count: names.count)
        var rdeps = Array(repeating: [Int](), count: names.count)
        for (i, s) in def.steps.enumerated() {
            var d: [Int] = []
            for name in s.inputs {
                if let j = idx[name] ?? producers[name], j != i || idx[name] != nil { d.append(j) }
            }
            for name in s.dependsOn { if let j = idx[name] { d.append(j) } }
            if d.count > 1 { d = Array(Set(d)).sorted() }
            deps[i] = d
            for j in d { rdeps[j].append(i) }
        }
        dependencies = deps
        dependents = rdeps
    }

    /// Every cycle found, each as the list of step indices in order (first repeated
    /// implicitly at the end). Empty for a DAG.
    public func cycles() -> [[Int]] {
        let n = names.count
        var color = [UInt8](repeating: 0, count: n)  // 0 white, 1 on stack, 2 done
        var found: [[Int]] = []
        var seenSets = Set<[Int]>()
        var stack: [(node: Int, next: Int)] = []
        var onStackPos = [Int](repeating: -1, count: n)
        for root in 0..<n where color[root] == 0 {
            stack.append((root, 0)); color[root] = 1; onStackPos[root] = 0
            while !stack.isEmpty {
                let top = stack.count - 1
                let (v, k) = stack[top]
                let ds = dependents[v]
                if k < ds.count {
                    stack[top].next = k + 1
                    let w = ds[k]
                    if color[w] == 0 {
                        color[w] = 1; onStackPos[w] = stack.count; stack.append((w, 0))
                    } else if color[w] == 1 {
                        let cycle = stack[onStackPos[w]...].map(\.node)
                        let key = cycle.sorted()
                        if seenSets.insert(key).inserted { found.append(cycle) }
                    }
                } else {
                    color[v] = 2; onStackPos[v] = -1; stack.removeLast()
                }
            }
        }
        return found
    }

    /// A topological order (dependencies first; file order among ready steps); nil with a cycle.
    public func topologicalOrder() -> [Int]? {
        var remaining = dependencies.map(\.count)
        var order: [Int] = []
        order.reserveCapacity(names.count)
        for i in 0..<names.count where remaining[i] == 0 { order.append(i) }
        var head = 0
        while head < order.count {
            let v = order[head]; head += 1
            for w in dependents[v] {
                remaining[w] -= 1
                if remaining[w] == 0 { order.append(w) }
            }
        }
        return order.count == names.count ? order : nil
    }
}
