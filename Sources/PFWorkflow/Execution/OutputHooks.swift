import PFColumnar
import Synchronization

/// Writes a step's output table to its `output` path. The writer must write atomically
/// (temporary file in the target directory, then rename). The file format usually follows
/// the extension (`.parquet`, `.csv`).
public protocol OutputWriter: Sendable {
    /// Writes `table` to `path` (already resolved against `work_dir`).
    func write(_ table: Table, to path: String, step: StepDefinition) throws(PFError)
}

/// Reads a file named in a step's `inputs` as a table.
public protocol InputReader: Sendable {
    /// Reads `path` (already resolved against `work_dir`).
    func read(path: String) throws(PFError) -> Table
}

/// Process-wide default hooks, installed by the umbrella module once the Parquet/CSV
/// readers and writers exist. ``RunOptions`` can override them per run. Without a writer a
/// step's `output` path is recorded but nothing is written; without a reader file inputs
/// reach steps only as paths (``StepContext/definition``).
public enum WorkflowIO {
    private static let hooks = Mutex<((any OutputWriter)?, (any InputReader)?)>((nil, nil))

    /// The default output writer.
    public static var defaultWriter: (any OutputWriter)? {
        get { hooks.withLock { $0.0 } }
        set { hooks.withLock { $0.0 = newValue } }
    }

    /// The default input reader.
    public static var defaultReader: (any InputReader)? {
        get { hooks.withLock { $0.1 } }
        set { hooks.withLock { $0.1 = newValue } }
    }
}
