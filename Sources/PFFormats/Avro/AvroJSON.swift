import PFColumnar

/// The JSON tree of Avro schemas and rows: the core's ``JSONValue`` (kept as a name for
/// existing callers and tests).
public typealias AvroJSON = JSONValue

/// One member of an ``AvroJSON`` object.
public typealias AvroJSONMember = JSONMember
