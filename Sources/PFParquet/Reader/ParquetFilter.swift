import PFColumnar

/// A row filter in pyarrow's disjunctive normal form: `[[("col", op, value), ...], ...]`
/// is an OR of ANDs of predicates. Used first to skip row groups by their statistics
/// (min/max/null count) and then applied exactly to the decoded rows.
///
/// Comparisons with a null slot are false (the row is dropped), as in pyarrow; `not in`
/// keeps nulls (it negates `in`, which is false for nulls).
public indirect enum ParquetFilter: Sendable, Hashable {
    /// All of the filters.
    case and([ParquetFilter])
    /// Any of the filters.
    case or([ParquetFilter])
    /// One predicate on a top-level column.
    case predicate(column: String, op: Op, values: [Scalar])

    /// Predicate operators.
    public enum Op: String, Sendable, Hashable, CaseIterable {
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
        case isIn = "in", notIn = "not in", isNull = "is_null", isNotNull = "is_not_null"

        /// Parses an operator as pyarrow spells it (`=` and `==`, `in`, `not in`...).
        public init?(name: String) {
            switch name.lowercased() {
            case "=", "==": self = .eq
            case "!=": self = .ne
            case "<": self = .lt
            case "<=": self = .le
            case ">": self = .gt
            case ">=": self = .ge
            case "in": self = .isIn
            case "not in", "not_in": self = .notIn
            case "is_null", "is null": self = .isNull
            case "is_not_null", "is not null": self = .isNotNull
            default: return nil
            }
        }
    }

    /// Builds the DNF filter: an OR of ANDs.
    public static func dnf(_ conjunctions: [[(String, Op, [Scalar])]]) -> ParquetFilter {
        .or(conjunctions.map { .and($0.map { .predicate(column: $0.0, op: $0.1, values: $0.2) }) })
    }

    /// Names of the columns the filter reads.
    public var columns: [String] {
        switch self {
        case .and(let fs), .or(let fs):
            var out: [String] = []
            for f in fs { for c in f.columns where !out.contains(c) { out.append(c) } }
            return out
        case .predicate(let c, _, _): return [c]
        }
    }

    // MARK: statistics

    /// False when the statistics prove no row can match; `stats(column)` returns the
    /// column's (min, max, nullCount, valueCount) in the Arrow value domain, or nil.
    func mayMatch(_ stats: (String) -> (min: Scalar?, max: Scalar?, nulls: Int64?, count: Int64)?) -> Bool {
        switch self {
        case .and(let fs): return fs.allSatisfy { $0.mayMatch(stats) }
        case .or(let fs): return fs.isEmpty || fs.contains { $0.mayMatch(stats) }
        case .predicate(let c, let op, let values):
            guard let s = stats(c) else { return true }
            let allNull = s.nulls.map { $0 >= s.count } ?? false
            switch op {
            case .isNull: return s.nulls.map { $0 > 0 } ?? true
            case .isNotNull: return !allNull
            default: break
            }
            if allNull { return false }
            guard let lo = s.min, let hi = s.max else { return true }
            func cmp(_ a: Scalar, _ b: Scalar) -> Int? { ParquetFilter.compare(a, b) }
            switch op {
            case .eq:
                guard let v = values.first, let a = cmp(v, lo), let b = cmp(v, hi) else { return true }
                return a >= 0 && b <= 0
            case .ne:
                guard let v = values.first, let a = cmp(v, lo), let b = cmp(v, hi) else { return true }
                return !(a == 0 && b == 0)
            case .lt:
                guard let v = values.first, let a = cmp(lo, v) else { return true }
                return a < 0
            case .le:
                guard let v = values.first, let a = cmp(lo, v) else { return true }
                return a <= 0
            case .gt:
                guard let v = values.first, let a = cmp(hi, v) else { return true }
                return a > 0
            case .ge:
                guard let v = values.first, let a = cmp(hi, v) else { return true }
                return a >= 0
            case .isIn:
                return values.contains { v in
                    guard let a = cmp(v, lo), let b = cmp(v, hi) else { return true }
                    return a >= 0 && b <= 0
                }
            case .notIn, .isNull, .isNotNull:
                return true
            }
        }
    }

    // MARK: rows

    /// The row selection of the filter over `columns` (top-level arrays by name): typed
    /// kernels per predicate, combined with bitwise and/or.
    func selection(_ column: (String) throws -> ArrayData, rows: Int) throws -> RowSelection {
        switch self {
        case .and(let fs):
            var m = RowSelection(count: rows, all: true)
            for f in fs {
                m.formAnd(try f.selection(column, rows: rows))
                if m.words.allSatisfy({ $0 == 0 }) { break }
            }
            return m
        case .or(let fs):
            if fs.isEmpty { return RowSelection(count: rows, all: true) }
            var m = RowSelection(count: rows, all: false)
            for f in fs { m.formOr(try f.selection(column, rows: rows)) }
            return m
        case .predicate(let c, let op, let values):
            let a = try column(c)
            guard a.length == rows else { throw PFError.internalError("filter column length") }
            return ParquetFilterKernels.evaluate(a, op: op, values: values)
        }
    }

    /// The row mask of the filter over `columns` (top-level arrays by name).
    func mask(_ column: (String) throws -> ArrayData, rows: Int) throws -> [Bool] {
        let s = try selection(column, rows: rows)
        return (0..<rows).map { s.get($0) }
    }

    /// Orders two scalars of compatible kinds (numbers across int/uint/float/decimal units
    /// are compared numerically); nil when not comparable.
    public static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        func c<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case let (.int(x), .int(y)): return c(x, y)
        case let (.uint(x), .uint(y)): return c(x, y)
        case let (.int(x), .uint(y)): return x < 0 ? -1 : c(UInt64(x), y)
        case let (.uint(x), .int(y)): return y < 0 ? 1 : c(x, UInt64(y))
        case let (.float(x), .float(y)): return x.isNaN || y.isNaN ? nil : c(x, y)
        case let (.int(x), .float(y)): return y.isNaN ? nil : c(Double(x), y)
        case let (.float(x), .int(y)): return x.isNaN ? nil : c(x, Double(y))
        case let (.uint(x), .float(y)): return y.isNaN ? nil : c(Double(x), y)
        case let (.float(x), .uint(y)): return x.isNaN ? nil : c(x, Double(y))
        case let (.decimal(x), .decimal(y)): return c(x, y)
        case let (.decimal(x), .int(y)): return c(x, Int128(y))
        case let (.int(x), .decimal(y)): return c(Int128(x), y)
        case let (.decimal256(x), .decimal256(y)): return c(x, y)
        case let (.decimal256(x), .decimal(y)): return c(x, Int256(y))
        case let (.decimal(x), .decimal256(y)): return c(Int256(x), y)
        case let (.decimal256(x), .int(y)): return c(x, Int256(y))
        case let (.int(x), .decimal256(y)): return c(Int256(x), y)
        case let (.string(x), .string(y)): return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
        case let (.binary(x), .binary(y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case let (.string(x), .binary(y)): return compare(.binary(Array(x.utf8)), .binary(y))
        case let (.binary(x), .string(y)): return compare(.binary(x), .binary(Array(y.utf8)))
        case let (.bool(x), .bool(y)): return c(x ? 1 : 0, y ? 1 : 0)
        default: return nil
        }
    }
}
