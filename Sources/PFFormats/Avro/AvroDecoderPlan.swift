import PFColumnar

/// The decoder plan of a file: the writer schema compiled, once, into a tree of column
/// decoders for the selected top-level fields and skippers for the others.
///
/// The plan is immutable and `Sendable`; ``makeDecoder()`` instantiates fresh builders,
/// so threads can decode blocks independently.
public struct AvroDecoderPlan: Sendable {
    /// The writer schema.
    public let writerSchema: AvroSchema
    /// The Arrow schema of the decoded batches (selected columns, in the requested order).
    public let outputSchema: Schema
    /// Top-level writer fields (a non-record schema is one field named `value`).
    let topFields: [AvroFieldSchema]
    /// Output position of each writer field, nil when it is skipped.
    let outputIndex: [Int?]
    /// The least number of bytes one record occupies.
    public let minRecordSize: Int

    /// Compiles a plan. `columns` selects top-level fields by name (nil: all, in file
    /// order); unknown names are ``PFError/invalidArgument(_:)``. Fields that map to an
    /// unsupported Arrow type raise ``PFError/unsupported(_:)`` only when selected.
    public init(schema: AvroSchema, columns: [String]? = nil) throws(PFError) {
        writerSchema = schema
        if case .record(let r) = schema {
            topFields = r.fields
        } else {
            topFields = [AvroFieldSchema(name: AvroSchema.valueColumnName, type: schema)]
        }
        var index = [Int?](repeating: nil, count: topFields.count)
        var fields: [Field] = []
        if let columns {
            for (k, name) in columns.enumerated() {
                guard let i = topFields.firstIndex(where: { $0.name == name }) else {
                    throw .invalidArgument("no Avro field named '\(name)'; fields are: \(topFields.map(\.name).joined(separator: ", "))")
                }
                guard index[i] == nil else { throw .invalidArgument("column '\(name)' selected twice") }
                index[i] = k
                fields.append(try topFields[i].type.arrowField(name))
            }
        } else {
            for (i, f) in topFields.enumerated() {
                index[i] = i
                fields.append(try f.type.arrowField(f.name))
            }
        }
        outputIndex = index
        outputSchema = Schema(fields)
        minRecordSize = topFields.reduce(0) { $0 &+ $1.type.minEncodedSize }
    }

    /// Fresh decoders for one batch (or one sequence of batches).
    func makeDecoder() throws(PFError) -> AvroRecordDecoder {
        var steps: [AvroColumnDecoder] = []
        var outputs = [AvroColumnDecoder?](repeating: nil, count: outputSchema.fields.count)
        for (i, f) in topFields.enumerated() {
            if let k = outputIndex[i] {
                let d = try AvroDecoderPlan.build(f.type, nullable: outputSchema.fields[k].nullable, path: f.name)
                steps.append(d)
                outputs[k] = d
            } else {
                steps.append(AvroSkipDecoder(f.type))
            }
        }
        return AvroRecordDecoder(schema: outputSchema, steps: steps, outputs: outputs.compactMap { $0 })
    }

    /// The decoder of one schema node; `path` names it in error messages (`a.b.item`).
    static func build(_ s: AvroSchema, nullable: Bool, path: String) throws(PFError) -> AvroColumnDecoder {
        switch s {
        case .null: return AvroNullDecoder()
        case .boolean: return AvroBooleanDecoder(nullable: nullable)
        case .int: return AvroIntDecoder(type: .int32, nullable: nullable)
        case .long: return AvroLongDecoder(type: .int64, nullable: nullable)
        case .float: return AvroFloatDecoder(nullable: nullable)
        case .double: return AvroDoubleDecoder(nullable: nullable)
        case .bytes: return AvroBinaryDecoder(utf8: false, nullable: nullable)
        case .string: return AvroBinaryDecoder(utf8: true, nullable: nullable)
        case .enumeration(let e): return AvroEnumDecoder(symbols: e.symbols, nullable: nullable)
        case .fixed(let f): return AvroFixedDecoder(size: f.size, nullable: nullable)
        case .record(let r):
            let t = try s.arrowType().type
            var children: [AvroColumnDecoder] = []
            for f in r.fields {
                children.append(try build(f.type, nullable: try f.type.arrowType().nullable, path: path + "." + f.name))
            }
            return AvroStructDecoder(type: t, children: children, nullable: nullable)
        case .array(let items):
            let t = try s.arrowType().type
            let item = try build(items, nullable: try items.arrowType().nullable, path: path + ".item")
            return AvroListDecoder(type: t, item: item, minItemSize: items.minEncodedSize, nullable: nullable)
        case .map(let values):
            let t = try s.arrowType().type
            let v = try build(values, nullable: try values.arrowType().nullable, path: path + ".value")
            return AvroMapDecoder(type: t, value: v, minValueSize: values.minEncodedSize, nullable: nullable)
        case .union(let branches):
            let t = try s.arrowType().type
            if case .union = t {
                var children: [AvroColumnDecoder] = []
                for b in branches { children.append(try build(b, nullable: false, path: path + "." + b.unionBranchName)) }
                return AvroDenseUnionDecoder(type: t, branches: children, nullIndex: branches.firstIndex(of: .null))
            }
            let nullIndex = branches.firstIndex(of: .null)
            let nonNull = branches.filter { $0 != .null }
            let inner: AvroColumnDecoder = nonNull.isEmpty
                ? AvroNullDecoder()
                : try build(nonNull[0], nullable: nullable || nullIndex != nil, path: path)
            return AvroNullableUnionDecoder(inner: inner, nullIndex: nullIndex, branchCount: branches.count)
        case .logical(let l, let base):
            let t = try s.arrowType().type
            switch l {
            case .decimal:
                var size: Int? = nil
                if case .fixed(let f) = base { size = f.size }
                return AvroDecimalDecoder(type: t, fixedSize: size, nullable: nullable, field: path)
            case .uuid: return try build(base, nullable: nullable, path: path)
            case .date, .timeMillis: return AvroIntDecoder(type: t, nullable: nullable)
            case .timeMicros, .timestampMillis, .timestampMicros, .timestampNanos,
                 .localTimestampMillis, .localTimestampMicros, .localTimestampNanos:
                return AvroLongDecoder(type: t, nullable: nullable)
            case .duration: return AvroDurationDecoder(nullable: nullable)
            }
        }
    }
}

/// Decodes records into the columns of one batch.
final class AvroRecordDecoder {
    let schema: Schema
    /// One decoder per writer field, in writer order (skippers for unselected fields).
    let steps: [AvroColumnDecoder]
    /// The selected columns, in output order.
    let outputs: [AvroColumnDecoder]
    /// Records decoded since the last ``finish()``.
    @exclusivity(unchecked) private(set) var rows = 0

    /// `steps` without reference counting in the inner loop (`steps` keeps them alive).
    private let unretainedSteps: [Unmanaged<AvroColumnDecoder>]

    init(schema: Schema, steps: [AvroColumnDecoder], outputs: [AvroColumnDecoder]) {
        self.schema = schema
        self.steps = steps
        self.outputs = outputs
        unretainedSteps = steps.map { Unmanaged.passUnretained($0) }
    }

    /// Decodes `count` records from `c`.
    func decode(_ c: inout AvroCursor, count: Int) throws(PFError) {
        let steps = unretainedSteps
        var failure: PFError? = nil
        outer: for _ in 0..<count {
            for s in steps {
                s._withUnsafeGuaranteedRef { d in
                    do throws(PFError) { try d.decode(&c) } catch { failure = error }
                }
                if failure != nil { break outer }
            }
        }
        if let failure { throw failure }
        rows += count
    }

    /// The batch of the records decoded so far; the decoder is empty afterwards.
    func finish() throws(PFError) -> RecordBatch {
        let n = rows
        rows = 0
        let cols = try outputs.map { d throws(PFError) in try d.finish() }
        return try RecordBatch(schema: schema, columns: cols, numRows: n)
    }
}
