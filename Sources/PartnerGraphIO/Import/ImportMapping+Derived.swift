import Foundation
import PartnerGraph

extension ImportMapping {
    /// A value computed for each row: a column's value, or the input file's or
    /// sheet's name, optionally through a regular expression (its first
    /// capture group, else the whole match) and then a lookup table.
    ///
    /// ```yaml
    /// groups:
    ///   id: {file: stem, match: "hr_status_(.*)"}          # hr_status_cat.csv → cat
    ///   name: {file: stem, match: "hr_status_(.*)", lookup: {cat: Convention against Torture}}
    /// partners:
    ///   kind: {column: code, lookup: {file: kinds.csv, key: code, value: kind}, default: state}
    /// ```
    public struct DerivedValue: Hashable, Sendable {
        /// Where the text comes from.
        public enum Origin: Hashable, Sendable {
            /// The row's value in this column.
            case column(Column)
            /// The input file's name without its extension (`{file: stem}`).
            case fileStem
            /// The input file's name with its extension (`{file: name}`).
            case fileName
            /// The workbook sheet's name (`{sheet: name}`); an error for a CSV file.
            case sheet
        }

        /// A table from values to values: given inline in the mapping or read
        /// from a two-column CSV file.
        public struct Lookup: Hashable, Sendable {
            /// The entries given inline (`lookup: {cat: CAT, ccpr: ICCPR}`).
            public var table: [String: String]
            /// A CSV file of entries, relative to the mapping file's directory.
            public var file: String?
            /// The key and value columns of ``file``.
            public var key: Column?, value: Column?
            /// Creates a lookup.
            public init(table: [String: String] = [:], file: String? = nil, key: Column? = nil, value: Column? = nil) {
                self.table = table
                self.file = file
                self.key = key
                self.value = value
            }
        }

        /// Where the text comes from.
        public var origin: Origin
        /// A regular expression the text must match; the value is its first
        /// capture group (or the whole match when it has none).
        public var match: String?
        /// A table the (matched) text is looked up in.
        public var lookup: Lookup?
        /// The value when the lookup has no entry for the text; without it a
        /// missing entry is an error.
        public var fallback: String?
        /// Where the value is written in the mapping file (1-based), for diagnostics.
        public var line: Int?, column: Int?

        /// Creates a derived value.
        public init(origin: Origin, match: String? = nil, lookup: Lookup? = nil, fallback: String? = nil,
                    line: Int? = nil, column: Int? = nil) {
            self.origin = origin
            self.match = match
            self.lookup = lookup
            self.fallback = fallback
            self.line = line
            self.column = column
        }

        /// `{file: stem, match: "hr_(.*)"}` as written in a mapping.
        public var description: String {
            var parts: [String]
            switch origin {
            case .column(let c): parts = ["column: \(c.name)"]
            case .fileStem: parts = ["file: stem"]
            case .fileName: parts = ["file: name"]
            case .sheet: parts = ["sheet: name"]
            }
            if let match { parts.append("match: \"\(match)\"") }
            if lookup != nil { parts.append("lookup: …") }
            if let fallback { parts.append("default: \(fallback)") }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }
}

/// A ``ImportMapping/DerivedValue`` ready for rows: its regex compiled and its lookup table loaded.
struct CompiledDerivedValue: @unchecked Sendable {
    let value: ImportMapping.DerivedValue
    let regex: NSRegularExpression?
    let table: [String: String]?

    /// Why a text could not be turned into a value.
    struct Problem: Error {
        var message: String
        var hint: String
    }

    /// Applies the regex and the lookup to `text`.
    func apply(_ text: String) -> Result<String, Problem> {
        var t = text
        if let regex {
            let ns = t as NSString
            guard let m = regex.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else {
                return .failure(Problem(message: "'\(text)' does not match \"\(value.match ?? "")\"",
                                        hint: "correct the 'match' pattern of \(value.description) in the mapping"))
            }
            let r = m.numberOfRanges > 1 && m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range
            t = ns.substring(with: r)
        }
        if let table {
            if let v = table[t] { return .success(v) }
            if let f = value.fallback { return .success(f) }
            let near = Suggestion.nearest(to: t, among: table.keys.sorted(), count: 3)
            return .failure(Problem(message: "'\(t)' is not in the lookup table of \(value.description)"
                                        + (near.isEmpty ? "" : "; closest keys: " + near.map { "'\($0)'" }.joined(separator: ", ")),
                                    hint: "add '\(t)' to the lookup, or give 'default:' for values it does not list"))
        }
        return .success(t)
    }
}
