import PFColumnar

/// Reads Parquet files into Arrow tables: projection (by name, nested paths included),
/// row-group selection, filters (row groups skipped by statistics, rows filtered exactly),
/// parallel decoding of columns and row groups, and a bounded-memory batch iterator.
///
/// ```swift
/// let reader = try ParquetReader(path: "data.parquet")
/// let table = try reader.read(columns: ["id", "name"],
///                             filter: .dnf([[("id", .ge, [.int(10)])]]))
/// ```
///
/// Malformed files throw `PFError.format` naming the row group and column; encrypted
/// files throw `PFError.unsupported`.
public final class ParquetReader: Sendable {
    /// The open file.
    public let file: ParquetFile
    /// The file's metadata.
    public var metadata: ParquetFileMetadata { file.metadata }
    /// Arrow nodes of the top-level columns as the Parquet schema implies.
    public let nodes: [ArrowColumnNode]
    /// Arrow types recorded in `ARROW:schema` for each top-level column (nil when absent).
    let recorded: [Field?]
    /// File-level key/value metadata (without `ARROW:schema`).
    let fileMetadata: KeyValueMetadata

    /// Opens `path`.
    public convenience init(path: String) throws {
        try self.init(file: ParquetFile(path: path))
    }

    /// Reads from an open file.
    public init(file: ParquetFile) throws {
        self.file = file
        let md = file.metadata
        nodes = try ParquetToArrowSchema.nodes(md.schema)
        var kv = KeyValueMetadata()
        var arrowSchema: Schema?
        for p in md.keyValueMetadata {
            if p.key == "ARROW:schema" {
                arrowSchema = try? ArrowIPCSchema.decode(p.value ?? "")
            } else {
                kv[p.key] = p.value ?? ""
            }
        }
        fileMetadata = kv
        if let s = arrowSchema, s.fields.count == nodes.count,
           zip(s.fields, nodes).allSatisfy({ $0.name == $1.field.name }) {
            recorded = s.fields.map { Optional($0) }
        } else {
            recorded = nodes.map { _ in nil }
        }
    }

    // MARK: planning

    /// One output column: the node to decode (with read types) and the output field.
    struct PlannedColumn: Sendable {
        var node: ArrowColumnNode
        var output: Field
        var name: String { node.field.name }
    }

    /// The Arrow schema of a full read with `options`.
    public func schema(options: ParquetReadOptions = ParquetReadOptions()) -> Schema {
        Schema(nodes.indices.map { plan(column: $0, keep: nil, options: options).output }, metadata: fileMetadata)
    }

    /// Retypes `node` for reading: leaves become dictionaries where asked; returns the node
    /// and the output type (the recorded Arrow type when it can be restored).
    static func retype(_ node: ArrowColumnNode, target: DataType?, dictAll: Bool) -> (ArrowColumnNode, DataType) {
        var n = node
        switch node.kind {
        case .leaf:
            let from = node.field.type
            var read = from
            if let t = target, ParquetToArrowCast.castable(ParquetToArrowCast.leafReadType(from, t), t) {
                read = ParquetToArrowCast.leafReadType(from, t)
            } else if dictAll && (from == .utf8 || from == .binary) {
                read = .dictionary(index: .int32, value: from, ordered: false)
            }
            n.field.type = read
            if let t = target, ParquetToArrowCast.castable(read, t) { return (n, t) }
            return (n, read)
        case .structure:
            var targets: [Field]? = nil
            if case .struct(let fs)? = target, fs.count == node.children.count { targets = fs }
            var outs: [Field] = []
            for (i, c) in node.children.enumerated() {
                let (rc, ot) = retype(c, target: targets?[i].type, dictAll: dictAll)
                n.children[i] = rc
                var of = rc.field
                of.type = ot
                if let t = targets?[i] { of.name = t.name; of.nullable = t.nullable || rc.field.nullable; of.metadata = t.metadata }
                outs.append(of)
            }
            n.field.type = .struct(n.children.map(\.field))
            let derived = DataType.struct(outs)
            if let t = target, ParquetToArrowCast.castable(n.field.type, t) { return (n, t) }
            return (n, derived)
        case .list:
            var childTarget: DataType?
            switch target {
            case .list(let f)?, .largeList(let f)?, .fixedSizeList(let f, _)?: childTarget = f.type
            case .map(let e, _)?: childTarget = e.type
            default: childTarget = nil
            }
            let (rc, ot) = retype(node.children[0], target: childTarget, dictAll: dictAll)
            n.children[0] = rc
            switch node.field.type {
            case .map(_, let sorted): n.field.type = .map(entries: rc.field, keysSorted: sorted)
            default: n.field.type = .list(rc.field)
            }
            if let t = target, ParquetToArrowCast.castable(n.field.type, t) { return (n, t) }
            var of = rc.field
            of.type = ot
            switch node.field.type {
            case .map(_, let sorted): return (n, .map(entries: of, keysSorted: sorted))
            default: return (n, .list(of))
            }
        }
    }

    func plan(column i: Int, keep: Set<Int>?, options: ParquetReadOptions) -> PlannedColumn {
        var node = nodes[i]
        var target = options.useArrowSchema ? recorded[i]?.type : nil
        if let keep, let pruned = node.pruned(keep), pruned.leaves.count != node.leaves.count {
            node = pruned
            target = nil
        }
        var (n, t) = Self.retype(node, target: target, dictAll: options.dictionaryAsArrow)
        // A flat string or binary column restored as its large form decodes straight into
        // 64-bit offsets instead of being widened into a second buffer afterwards.
        if case .leaf(let c) = n.kind, metadata.columns[c].maxRepetitionLevel == 0,
           (n.field.type == .utf8 && t == .largeUtf8) || (n.field.type == .binary && t == .largeBinary) {
            n.field.type = t
        }
        var f = n.field
        f.type = t
        if let r = recorded[i], target != nil { f.metadata = r.metadata; f.nullable = r.nullable || f.nullable }
        return PlannedColumn(node: n, output: f)
    }

    /// Resolves column names (top-level names or dotted paths) to planned columns.
    func plan(columns: [String]?, options: ParquetReadOptions) throws -> [PlannedColumn] {
        guard let columns else { return nodes.indices.map { plan(column: $0, keep: nil, options: options) } }
        var order: [Int] = []
        var keep: [Int: Set<Int>?] = [:]
        for name in columns {
            if let i = nodes.firstIndex(where: { $0.field.name == name }) {
                if keep[i] == nil { order.append(i) }
                keep[i] = .some(nil)
                continue
            }
            // Dotted path: Parquet leaf paths by prefix, else Arrow field names.
            let leaves = metadata.columns.filter { $0.dotPath == name || $0.dotPath.hasPrefix(name + ".") }.map(\.leafIndex)
            var found: (Int, [Int])?
            if let first = leaves.first, let i = nodes.firstIndex(where: { $0.leaves.contains(first) }) {
                found = (i, leaves)
            } else {
                let parts = name.split(separator: ".").map(String.init)
                if let i = nodes.firstIndex(where: { $0.field.name == parts[0] }),
                   let r = nodes[i].restricted(to: parts.dropFirst()[...]) {
                    found = (i, r.leaves)
                }
            }
            guard let (i, ls) = found else {
                throw PFError.invalidArgument("no column named '\(name)'; columns are: "
                                              + nodes.map(\.field.name).joined(separator: ", "))
            }
            if keep[i] == nil { order.append(i); keep[i] = .some(Set(ls)) }
            else if case .some(let cur?) = keep[i] { keep[i] = .some(cur.union(ls)) }
        }
        return order.map { plan(column: $0, keep: keep[$0] ?? nil, options: options) }
    }

    // MARK: reading

    /// Reads the file (or the chosen columns, row groups and rows) into a table.
    /// - Parameters:
    ///   - columns: top-level names or dotted nested paths (`"a.b"`); nil for all.
    ///   - rowGroups: row-group indices; nil for all.
    ///   - filter: rows to keep; row groups whose statistics exclude every row are skipped.
    public func read(columns: [String]? = nil, rowGroups: [Int]? = nil, filter: ParquetFilter? = nil,
                     options: ParquetReadOptions = ParquetReadOptions()) throws -> Table {
        let job = try ReadJob(reader: self, columns: columns, rowGroups: rowGroups, filter: filter, options: options)
        let batches = try job.read(job.rowGroups)
        return try Table(schema: job.outputSchema, batches: batches)
    }

    /// A batch iterator: flat columns are decoded page by page, so memory follows the batch
    /// size; nested columns are decoded one row group at a time.
    public func batches(columns: [String]? = nil, rowGroups: [Int]? = nil, filter: ParquetFilter? = nil,
                        batchSize: Int = 65536, options: ParquetReadOptions = ParquetReadOptions()) throws -> ParquetBatchReader {
        let job = try ReadJob(reader: self, columns: columns, rowGroups: rowGroups, filter: filter, options: options)
        return try ParquetBatchReader(job: job, batchSize: batchSize)
    }

    /// Decodes one leaf chunk, naming the row group and column in errors.
    func decodeLeaf(rowGroup: Int, column: Int, type: DataType, keepDefinitionLevels: Bool,
                    options: ParquetReadOptions) throws -> LeafChunk {
        let desc = metadata.columns[column]
        return try withColumnContext(desc, rowGroup: rowGroup) {
            let dec = try LeafChunkDecoder(column: desc, type: type, keepDefinitionLevels: keepDefinitionLevels)
            let chunk = try metadata.columnChunk(rowGroup: rowGroup, column: column)
            // A chunk of no values has nothing to decode (writers leave odd offsets there).
            if chunk.isEncrypted || chunk.metaData?.numValues != 0 {
                var pages = try file.pageReader(rowGroup: rowGroup, column: column,
                                                options: PageReaderOptions(verifyChecksums: options.verifyChecksums))
                dec.reserve(levels: Int(chunk.metaData?.numValues ?? 0),
                            dataBytes: Int(chunk.metaData?.totalUncompressedSize ?? 0))
                while let p = try pages.next() { try dec.consume(p) }
                MappedRelease.release(file.file, pages.extent)
            }
            return try dec.finish()
        }
    }
}

extension ArrowColumnNode {
    /// The node keeping only the leaves in `keep` (nil when none remains).
    func pruned(_ keep: Set<Int>) -> ArrowColumnNode? {
        switch kind {
        case .leaf(let c): return keep.contains(c) ? self : nil
        case .structure:
            let cs = children.compactMap { $0.pruned(keep) }
            if cs.isEmpty { return nil }
            var n = self
            n.children = cs
            n.leaves = cs.flatMap(\.leaves)
            n.field.type = .struct(cs.map(\.field))
            return n
        case .list:
            guard let c = children[0].pruned(keep) else { return nil }
            var n = self
            n.children = [c]
            n.leaves = c.leaves
            switch field.type {
            case .map(_, let s) where c.children.count == 2: n.field.type = .map(entries: c.field, keysSorted: s)
            default: n.field.type = .list(c.field)
            }
            return n
        }
    }
}

/// One planned read: columns, row groups after statistics pruning, filter.
struct ReadJob: Sendable {
    let reader: ParquetReader
    let planned: [ParquetReader.PlannedColumn]
    /// Columns read only to evaluate the filter (dropped afterwards).
    let extra: Int
    let rowGroups: [Int]
    let filter: ParquetFilter?
    let options: ParquetReadOptions
    let outputSchema: Schema

    init(reader: ParquetReader, columns: [String]?, rowGroups: [Int]?, filter: ParquetFilter?,
         options: ParquetReadOptions) throws {
        self.reader = reader
        self.options = options
        self.filter = filter
        let md = reader.metadata
        if md.hasEncryptedColumns {
            throw PFError.unsupported("encrypted Parquet file (Parquet modular encryption): decryption is not supported")
        }
        var planned = try reader.plan(columns: columns, options: options)
        let outputCount = planned.count
        if let filter {
            for c in filter.columns where !planned.contains(where: { $0.name == c }) {
                guard let i = reader.nodes.firstIndex(where: { $0.field.name == c }) else {
                    throw PFError.invalidArgument("filter on unknown column '\(c)'; columns are: "
                                                  + reader.nodes.map(\.field.name).joined(separator: ", "))
                }
                planned.append(reader.plan(column: i, keep: nil, options: options))
            }
        }
        self.planned = planned
        self.extra = planned.count - outputCount
        self.outputSchema = Schema(planned.prefix(outputCount).map(\.output), metadata: reader.fileMetadata)
        var groups = rowGroups ?? Array(0..<md.numRowGroups)
        for g in groups where g < 0 || g >= md.numRowGroups {
            throw PFError.invalidArgument("row group \(g) out of range 0..<\(md.numRowGroups)")
        }
        if let filter {
            groups = groups.filter { g in filter.mayMatch { name in ReadJob.stats(reader, rowGroup: g, column: name) } }
        }
        self.rowGroups = groups
    }

    /// Statistics of a flat top-level column in the Arrow value domain.
    static func stats(_ r: ParquetReader, rowGroup: Int, column name: String)
        -> (min: Scalar?, max: Scalar?, nulls: Int64?, count: Int64)? {
        guard let node = r.nodes.first(where: { $0.field.name == name }), case .leaf(let leaf) = node.kind else { return nil }
        let desc = r.metadata.columns[leaf]
        guard desc.maxRepetitionLevel == 0,
              let chunk = try? r.metadata.columnChunk(rowGroup: rowGroup, column: leaf),
              let md = chunk.metaData else { return nil }
        return scalars(r, column: name, statistics: r.metadata.statistics(rowGroup: rowGroup, column: leaf),
                       count: md.numValues)
    }

    /// Statistics `s` of `count` values of flat top-level column `name` (of a chunk or a
    /// page) in the Arrow value domain.
    static func scalars(_ r: ParquetReader, column name: String, statistics s: ColumnStatistics?, count: Int64)
        -> (min: Scalar?, max: Scalar?, nulls: Int64?, count: Int64)? {
        guard let node = r.nodes.first(where: { $0.field.name == name }), case .leaf(let leaf) = node.kind else { return nil }
        let desc = r.metadata.columns[leaf]
        func conv(_ v: StatisticsValue?) -> Scalar? {
            guard let v else { return nil }
            switch v.logical(for: desc) {
            case .boolean(let b): return .bool(b)
            case .integer(let i): return .int(i)
            case .unsignedInteger(let u): return .uint(u)
            case .floatingPoint(let d): return .float(d)
            case .string(let s): return .string(s)
            case .decimal(let text):
                var digits = text.filter { $0 != "." }
                let neg = digits.hasPrefix("-")
                if neg { digits.removeFirst() }
                guard let m = Int128(digits) else { return nil }
                return .decimal(neg ? -m : m)
            case .date(let d): return .int(Int64(d))
            case .time(let v, _): return .int(v)
            case .timestamp(let v, _, _): return .int(v)
            case .int96Timestamp: return nil
            case .uuid(let b), .bytes(let b): return .binary(b)
            }
        }
        // Bounds only in the type the Parquet schema implies (restored types may change units).
        let restored = r.recorded[r.nodes.firstIndex(where: { $0.field.name == name }) ?? 0]?.type
        let sameDomain = restored == nil || restored == node.field.type
        return (sameDomain ? conv(s?.min) : nil, sameDomain ? conv(s?.max) : nil, s?.nullCount, count)
    }

    /// Leaves of `columns` with their read types and whether definition levels are kept.
    func leafTypes(_ columns: [ParquetReader.PlannedColumn]) -> [Int: (DataType, Bool)] {
        var leafTypes: [Int: (DataType, Bool)] = [:]
        func collect(_ n: ArrowColumnNode, structAbove: Bool) {
            switch n.kind {
            case .leaf(let c):
                let desc = reader.metadata.columns[c]
                let own = n.field.nullable ? 1 : 0
                leafTypes[c] = (n.field.type, desc.maxDefinitionLevel > own || structAbove)
            case .structure, .list:
                for ch in n.children { collect(ch, structAbove: true) }
            }
        }
        for p in columns { collect(p.node, structAbove: false) }
        return leafTypes
    }

    /// Decodes the leaves `types` of row groups `groups` (in parallel): one map per group.
    func decode(_ groups: [Int], _ types: [Int: (DataType, Bool)]) throws -> [[Int: LeafChunk]] {
        let leaves = types.keys.sorted()
        if leaves.isEmpty { return groups.map { _ in [:] } }
        let tasks = groups.flatMap { g in leaves.map { (g, $0) } }
        let opts = options
        let r = reader
        let decoded: [Result<LeafChunk, PFError>] = Self.map(tasks.count, parallel: options.parallel) { t in
            let (g, c) = tasks[t]
            do {
                guard let (type, keep) = types[c] else { throw PFError.internalError("leaf type") }
                return .success(try r.decodeLeaf(rowGroup: g, column: c, type: type, keepDefinitionLevels: keep, options: opts))
            } catch let e as PFError {
                return .failure(e)
            } catch {
                return .failure(.format("\(error)"))
            }
        }
        var perGroup: [[Int: LeafChunk]] = Array(repeating: [:], count: groups.count)
        for (t, res) in decoded.enumerated() {
            switch res {
            case .success(let chunk): perGroup[t / leaves.count][tasks[t].1] = chunk
            case .failure(let e): throw e
            }
        }
        return perGroup
    }

    /// Assembles and casts planned column `p` of row group `g`.
    func assemble(_ p: ParquetReader.PlannedColumn, _ chunks: [Int: LeafChunk], group g: Int) throws -> ArrayData {
        do {
            let a = try ParquetToArrowAssembly.build(p.node, leaves: chunks)
            let out = try ParquetToArrowCast.cast(a, to: p.output.type)
            // Corrupt pages can decode to structurally valid but semantically invalid
            // values (ill-formed UTF-8, decimals beyond their precision): never hand
            // those on as Arrow data.
            do { try Self.validate(out, node: p.node, chunks: chunks) } catch {
                throw PFError.format("row group \(g), column '\(p.name)': \(error.message)")
            }
            return out
        } catch let e as PFError {
            if case .format(let m, let off) = e { throw PFError.format("row group \(g): \(m)", offset: off) }
            throw e
        }
    }

    /// Fully validates the assembled column `out`. A flat string column whose decoder already
    /// checked its UTF-8 (page by page, dictionary page once) is validated as binary,
    /// skipping a second UTF-8 pass over every string.
    static func validate(_ out: ArrayData, node: ArrowColumnNode, chunks: [Int: LeafChunk]) throws(PFError) {
        if case .leaf = node.kind, node.leaves.count == 1, chunks[node.leaves[0]]?.utf8Validated == true {
            switch out.type {
            case .utf8: return try out.withType(.binary).validate()
            case .largeUtf8: return try out.withType(.largeBinary).validate()
            default: break
            }
        }
        try out.validate()
    }

    /// Reads row groups `groups` (in parallel) into batches, filtered. With a filter, the
    /// filter columns are decoded first; the other columns are decoded only for row groups
    /// where some row survives (row groups with none give no batch).
    func read(_ groups: [Int]) throws -> [RecordBatch] {
        let keep = planned.count - extra
        guard let filter else {
            let perGroup = try decode(groups, leafTypes(planned))
            var out: [RecordBatch] = []
            for (gi, g) in groups.enumerated() {
                let arrays = try planned.map { try assemble($0, perGroup[gi], group: g) }
                let rows = try checkRows(arrays, group: g)
                out.append(try RecordBatch(schema: outputSchema, columns: Array(arrays.prefix(keep)), numRows: rows))
            }
            return out
        }
        // Phase 1: the filter columns. The page statistics of flat filter columns may first
        // exclude pages: the filter columns are then decoded only over the rows left ("kept")
        // and the filter evaluated there. `sel` is the selection over the row group's rows,
        // `fsel` over the rows of the decoded filter arrays (nil: all).
        let fnames = Set(filter.columns)
        let fidx = planned.indices.filter { fnames.contains(planned[$0].name) }
        let groupRows = groups.map { Int(reader.metadata.rowGroups[$0].numRows) }
        let keeps: [RowSelection?] = Self.map(groups.count, parallel: options.parallel) { gi in
            pageStatisticsKeep(group: groups[gi], rows: groupRows[gi], filter: filter, columns: fidx)
        }
        let full = groups.indices.filter { keeps[$0] == nil }
        let fchunks = try decode(full.map { groups[$0] }, leafTypes(fidx.map { planned[$0] }))
        let pruned = groups.indices.filter { keeps[$0].map { $0.selectedCount > 0 } ?? false }
        let ptasks = pruned.flatMap { gi in fidx.map { (gi, $0) } }
        let pres: [Result<ArrayData, PFError>] = Self.map(ptasks.count, parallel: options.parallel) { t in
            let (gi, i) = ptasks[t]
            guard let keep = keeps[gi] else { return .failure(.internalError("page selection")) }
            return Self.catching { try readRows(planned[i], group: groups[gi], selection: keep) }
        }
        let fullAt = Dictionary(uniqueKeysWithValues: full.enumerated().map { ($1, $0) })
        let prunedAt = Dictionary(uniqueKeysWithValues: pruned.enumerated().map { ($1, $0) })
        var survivors: [(gi: Int, g: Int, sel: RowSelection?, fsel: RowSelection?, selected: Int,
                         farrays: [Int: ArrayData])] = []
        for (gi, g) in groups.enumerated() {
            var farrays: [Int: ArrayData] = [:]
            var rows: Int
            if let keep = keeps[gi] {
                rows = keep.selectedCount
                guard rows > 0, let at = prunedAt[gi] else { continue }
                for (k, i) in fidx.enumerated() { farrays[i] = try pres[at * fidx.count + k].get() }
            } else {
                guard let at = fullAt[gi] else { throw PFError.internalError("filter columns") }
                for i in fidx { farrays[i] = try assemble(planned[i], fchunks[at], group: g) }
                rows = groupRows[gi]
                if let first = fidx.first, let a = farrays[first] { rows = a.length }
            }
            for i in fidx where farrays[i]?.length != rows {
                throw PFError.format("row group \(g): column '\(planned[i].name)' has \(farrays[i]?.length ?? 0) rows, "
                                     + "column '\(planned[fidx[0]].name)' has \(rows)")
            }
            let fsel = try filter.selection({ name in
                guard let i = planned.firstIndex(where: { $0.name == name }), let a = farrays[i] else {
                    throw PFError.invalidArgument("filter on unknown column '\(name)'")
                }
                return a
            }, rows: rows)
            let selected = fsel.selectedCount
            if selected == 0 { continue }
            let sel: RowSelection? = keeps[gi].map { fsel.expanded(into: $0) } ?? (selected == rows ? nil : fsel)
            survivors.append((gi, g, sel, selected == rows ? nil : fsel, selected, farrays))
        }
        // Phase 2: the other columns, only where rows survive. Under a partial selection,
        // flat columns skip the pages without a selected row and keep only the selected
        // rows of the others (late materialization); nested columns are decoded whole and
        // then filtered.
        let rest = planned.indices.filter { !fnames.contains(planned[$0].name) }
        let kept = survivors
        let tasks = kept.indices.flatMap { si in rest.map { (si, $0) } }
        let res: [Result<ArrayData, PFError>] = Self.map(tasks.count, parallel: options.parallel) { t in
            let (si, i) = tasks[t]
            let s = kept[si], p = planned[i]
            return Self.catching { try readRows(p, group: s.g, selection: s.sel) }
        }
        var out: [RecordBatch] = []
        for (si, s) in survivors.enumerated() {
            var arrays: [ArrayData] = []
            for i in planned.indices.prefix(keep) {
                if let a = s.farrays[i] {
                    arrays.append(try s.fsel.map { try ArrayTake.take(a, $0.indices) } ?? a)
                } else {
                    guard let ri = rest.firstIndex(of: i) else { throw PFError.internalError("planned column") }
                    arrays.append(try res[si * rest.count + ri].get())
                }
            }
            for (a, p) in zip(arrays, planned) where a.length != s.selected {
                throw PFError.format("row group \(s.g): column '\(p.name)' has \(a.length) selected rows, "
                                     + "the filter keeps \(s.selected)")
            }
            out.append(try RecordBatch(schema: outputSchema, columns: arrays, numRows: s.selected))
        }
        return out
    }

    /// The rows `sel` keeps (all when nil) of planned column `p` of row group `g`: flat
    /// columns skip the pages without a selected row, nested ones are decoded whole and
    /// then filtered.
    func readRows(_ p: ParquetReader.PlannedColumn, group g: Int, selection sel: RowSelection?) throws -> ArrayData {
        if let sel, let leaf = ParquetBatchReader.streamable(p, reader) {
            return try readSelected(p, leaf: leaf, group: g, selection: sel)
        }
        var chunks: [Int: LeafChunk] = [:]
        for (leaf, (type, keepDef)) in leafTypes([p]) {
            chunks[leaf] = try reader.decodeLeaf(rowGroup: g, column: leaf, type: type,
                                                 keepDefinitionLevels: keepDef, options: options)
        }
        let a = try assemble(p, chunks, group: g)
        guard let sel else { return a }
        guard a.length == sel.count else {
            throw PFError.format("row group \(g): column '\(p.name)' has \(a.length) rows, "
                                 + "the filter columns \(sel.count)")
        }
        return try ArrayTake.take(a, sel.indices)
    }

    /// The common length of `arrays` (the row group's row count when there is none).
    func checkRows(_ arrays: [ArrayData], group g: Int) throws -> Int {
        guard let first = arrays.first else { return Int(reader.metadata.rowGroups[g].numRows) }
        let rows = first.length
        for (p, a) in zip(planned, arrays) where a.length != rows {
            throw PFError.format("row group \(g): column '\(p.name)' has \(a.length) rows, "
                                 + "column '\(planned[0].name)' has \(rows)")
        }
        return rows
    }

    /// The result of `body`, with errors as `PFError`s.
    static func catching<T>(_ body: () throws -> T) -> Result<T, PFError> {
        do { return .success(try body()) } catch let e as PFError { return .failure(e) } catch {
            return .failure(.format("\(error)"))
        }
    }

    /// `body(i)` for i in 0..<n, in parallel on the shared pool when asked; results in order.
    static func map<T: Sendable>(_ n: Int, parallel: Bool, _ body: @Sendable (Int) -> T) -> [T] {
        if !parallel || n <= 1 { return (0..<n).map(body) }
        return ThreadPool.shared.parallelMap(0..<n, grain: 1) { r in r.map(body) }.flatMap { $0 }
    }
}
