/// Format strings of the Arrow C Data Interface.
enum CDataFormat {
    /// The format string of `type` (for dictionaries: the index type's format).
    static func format(_ type: DataType) -> String {
        switch type {
        case .null: return "n"
        case .boolean: return "b"
        case .int8: return "c"
        case .uint8: return "C"
        case .int16: return "s"
        case .uint16: return "S"
        case .int32: return "i"
        case .uint32: return "I"
        case .int64: return "l"
        case .uint64: return "L"
        case .float16: return "e"
        case .float32: return "f"
        case .float64: return "g"
        case .binary: return "z"
        case .largeBinary: return "Z"
        case .utf8: return "u"
        case .largeUtf8: return "U"
        case .fixedSizeBinary(let w): return "w:\(w)"
        case .decimal128(let p, let s): return "d:\(p),\(s)"
        case .decimal256(let p, let s): return "d:\(p),\(s),256"
        case .date32: return "tdD"
        case .date64: return "tdm"
        case .time32(let u): return "tt" + (u == .second ? "s" : "m")
        case .time64(let u): return "tt" + (u == .microsecond ? "u" : "n")
        case .timestamp(let u, let tz): return "ts" + unitLetter(u) + ":" + (tz ?? "")
        case .duration(let u): return "tD" + unitLetter(u)
        case .list: return "+l"
        case .largeList: return "+L"
        case .fixedSizeList(_, let n): return "+w:\(n)"
        case .struct: return "+s"
        case .map: return "+m"
        case .dictionary(let index, _, _): return format(index)
        case .union(_, let ids, let mode):
            return (mode == .dense ? "+ud:" : "+us:") + ids.map { String($0) }.joined(separator: ",")
        }
    }

    static func unitLetter(_ u: TimeUnit) -> String {
        switch u {
        case .second: return "s"
        case .millisecond: return "m"
        case .microsecond: return "u"
        case .nanosecond: return "n"
        }
    }

    static func unit(_ c: Character?) -> TimeUnit? {
        switch c {
        case "s": return .second
        case "m": return .millisecond
        case "u": return .microsecond
        case "n": return .nanosecond
        default: return nil
        }
    }

    /// Parses a non-nested, non-dictionary format string. Nested types need their
    /// children and are resolved by the schema importer; they return nil here with
    /// `nested` set.
    static func parseLeaf(_ f: String) throws(PFError) -> DataType? {
        switch f {
        case "n": return .null
        case "b": return .boolean
        case "c": return .int8
        case "C": return .uint8
        case "s": return .int16
        case "S": return .uint16
        case "i": return .int32
        case "I": return .uint32
        case "l": return .int64
        case "L": return .uint64
        case "e": return .float16
        case "f": return .float32
        case "g": return .float64
        case "z": return .binary
        case "Z": return .largeBinary
        case "u": return .utf8
        case "U": return .largeUtf8
        case "tdD": return .date32
        case "tdm": return .date64
        case "tts": return .time32(.second)
        case "ttm": return .time32(.millisecond)
        case "ttu": return .time64(.microsecond)
        case "ttn": return .time64(.nanosecond)
        case "tDs": return .duration(.second)
        case "tDm": return .duration(.millisecond)
        case "tDu": return .duration(.microsecond)
        case "tDn": return .duration(.nanosecond)
        default: break
        }
        if f.hasPrefix("w:") {
            guard let w = Int(f.dropFirst(2)), w >= 0, w <= Int(Int32.max) else {
                throw .invalidArgument("bad fixed-size binary format '\(f)'")
            }
            return .fixedSizeBinary(byteWidth: w)
        }
        if f.hasPrefix("d:") {
            let parts = f.dropFirst(2).split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count >= 2, let p = Int(parts[0]), let s = Int(parts[1]) else {
                throw .invalidArgument("bad decimal format '\(f)'")
            }
            guard parts.count <= 3 else { throw .invalidArgument("bad decimal format '\(f)'") }
            let bits = parts.count == 3 ? String(parts[2]) : "128"
            switch bits {
            case "128":
                guard (1...38).contains(p) else { throw .unsupported("decimal128 precision \(p) outside 1...38") }
                return .decimal128(precision: p, scale: s)
            case "256":
                guard (1...76).contains(p) else { throw .unsupported("decimal256 precision \(p) outside 1...76") }
                return .decimal256(precision: p, scale: s)
            default:
                throw .unsupported("decimal with bit width \(bits) (decimal128 and decimal256 are supported)")
            }
        }
        if f.hasPrefix("ts"), f.count >= 4 {
            let chars = Array(f)
            guard let u = unit(chars[2]), chars[3] == ":" else { throw .invalidArgument("bad timestamp format '\(f)'") }
            let tz = String(chars[4...])
            return .timestamp(u, timezone: tz.isEmpty ? nil : tz)
        }
        return nil
    }
}
