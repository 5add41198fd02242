import PFColumnar

/// Location of the shared conformance corpora (`../shared/corpora` from the package root),
/// or nil when they are not present.
public enum Corpus {
    public static var root: String? { nil }
}
