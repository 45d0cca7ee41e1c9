import PartnerGraph

/// Helpers shared by the GraphML and GEXF writers (escaping: ``XMLEscaping/data(_:)``).
enum XMLText {
    /// `3 of 5 nodes have no 'kind'`, `1 of 5 nodes has …`, `1 of 1 node has …`.
    static func count(_ n: Int, of total: Int, _ noun: String, _ what: String) -> String {
        "\(n) of \(total) \(noun)\(total == 1 ? "" : "s") \(n == 1 ? "has" : "have") \(what)"
    }
}

/// How free attribute values map onto the typed attributes of GraphML and
/// GEXF, which hold one type per attribute name.
enum XMLAttributeTyping {
    /// The XML type for every value an attribute takes: `long` when all are
    /// integers, `double` for numbers (or integers mixed with numbers),
    /// `boolean`, else `string`.
    static func type(of values: [AttributeValue]) -> String {
        var ints = 0, nums = 0, bools = 0
        for v in values {
            switch v {
            case .integer: ints += 1
            case .number: nums += 1
            case .bool: bools += 1
            default: return "string"
            }
        }
        if bools > 0 { return ints + nums == 0 ? "boolean" : "string" }
        return nums > 0 ? "double" : "long"
    }

    /// The text of a value under an attribute of `type`.
    static func text(_ value: AttributeValue) -> String {
        switch value {
        case .number(let d): return NumberFormatting.shortest(d)
        default: return value.description
        }
    }

    /// Sentences naming attributes the typed formats cannot hold exactly.
    static func limitations(_ maps: [[String: AttributeValue]], what: String) -> [String] {
        var byName: [String: [AttributeValue]] = [:]
        for m in maps { for (k, v) in m { byName[k, default: []].append(v) } }
        var out: [String] = []
        for name in byName.keys.sorted() {
            let values = byName[name]!
            if values.contains(where: { if case .map = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' holds nested maps; written as 'key=value;…' text")
            } else if values.contains(where: { if case .list = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' holds lists; written as ';'-joined text")
            } else if type(of: values) == "string",
                      values.contains(where: { if case .string = $0 { return false } else { return true } }) {
                out.append("\(what) '\(name)' mixes text with numbers or booleans; all written as text")
            } else if type(of: values) == "double",
                      values.contains(where: { if case .integer = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' mixes integers and numbers; integers read back as numbers")
            }
        }
        return out
    }
}
