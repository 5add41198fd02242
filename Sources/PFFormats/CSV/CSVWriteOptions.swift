/// Options of ``CSVWriter``.
public struct CSVWriteOptions: Sendable, Hashable {
    /// Field separator (default `,`).
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Quote byte used where quoting is needed (default `"`; embedded quotes are doubled).
    public var quoteChar: UInt8 = UInt8(ascii: "\"")
    /// Write the column names first (default true).
    public var header: Bool = true
    /// Text written for nulls (default empty).
    public var nullToken: String = ""
    /// Record terminator (default `\n`).
    public var lineTerminator: String = "\n"

    /// Default options.
    public init() {}
}
