/// `${name}` substitution in workflow strings.
///
/// A reference is `${` + a name of letters, digits, `_`, `-` or `.` + `}`; it is replaced by
/// the variable's value. `$${` writes a literal `${`. Variables are not expanded
/// recursively. Unknown names and unterminated references are reported, not replaced.
public enum VariableSubstitution {
    /// The substituted text and the problems found (empty when all references resolved).
    public static func substitute(_ text: String, _ variables: [String: String]) -> (String, [String]) {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return (text, []) }
        let u = Array(text.utf8)
        var out: [UInt8] = []
        var problems: [String] = []
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "$"), i + 2 < u.count, u[i + 1] == UInt8(ascii: "$"), u[i + 2] == UInt8(ascii: "{") {
                out.append(contentsOf: Array("${".utf8)); i += 3; continue
            }
            if u[i] == UInt8(ascii: "$"), i + 1 < u.count, u[i + 1] == UInt8(ascii: "{") {
                var j = i + 2
                while j < u.count, u[j] != UInt8(ascii: "}") { j += 1 }
                guard j < u.count else {
                    problems.append("unterminated variable reference in '\(text)'")
                    out.append(contentsOf: u[i...]); break
                }
                let name = String(decoding: u[(i + 2)..<j], as: UTF8.self)
                let validName = !name.isEmpty && name.unicodeScalars.allSatisfy {
                    ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "."
                }
                if !validName {
                    problems.append("invalid variable name '${\(name)}'")
                    out.append(contentsOf: u[i...j])
                } else if let v = variables[name] {
                    out.append(contentsOf: Array(v.utf8))
                } else {
                    let known = variables.keys.sorted()
                    problems.append("unknown variable '${\(name)}'" + Suggestion.hint(name, known)
                        + (known.isEmpty ? " (no variables are defined)" : ""))
                    out.append(contentsOf: u[i...j])
                }
                i = j + 1
                continue
            }
            out.append(u[i]); i += 1
        }
        return (String(decoding: out, as: UTF8.self), problems)
    }
}
