#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Locates the shared conformance corpora (`../shared/corpora` beside the repository).
public enum Corpus {
    /// The repository root, derived from this source file's location.
    public static var repositoryRoot: String {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Sources/PFTestSupport/Corpus.swift
        return parts.joined(separator: "/")
    }

    /// `../shared/corpora` relative to the repository root (or `PF_CORPUS_DIR`), if it exists.
    public static var root: String? {
        if let env = getenv("PF_CORPUS_DIR") { return String(cString: env) }
        let candidate = repositoryRoot + "/../shared/corpora"
        return access(candidate, F_OK) == 0 ? candidate : nil
    }
}
