internal import Yams
import FigureStyle
import PartnerGraph

/// The bound on YAML alias expansion and the scalar checks, run by
/// ``YAMLReader`` for every YAML file (graph files and JSON, strategies,
/// mappings).
///
/// Yams shares an anchored node between its aliases, so composing a
/// "billion laughs" file is cheap, but every reader walks the tree and would
/// visit each repetition: nine levels of nine aliases are 387 million values.
/// Without aliases a file of `n` bytes holds at most `n` values, so the tree
/// may hold at most 2 × bytes + 10,000; the count stops at the first value
/// over, before any reader allocates for what it finds.
enum YAMLLimits {
    /// The checks ``YAMLReader`` runs on every composed tree before a reader walks
    /// it: the alias bound (``ReadLimits/maxYAMLValues``), then every scalar's
    /// length (``ReadLimits/maxFieldLength``) and no control character from
    /// an escape.
    static func check(_ root: Node, source: String, path: String) throws(GraphFileError) {
        try checkAliasExpansion(root, source: source, path: path)
        try checkScalars(root, source: source, path: path)
    }

    /// Throws at the first scalar (key or value) longer than
    /// ``ReadLimits/maxFieldLength``, or holding a C0 control other than tab,
    /// line feed and carriage return, or DEL, written as an escape (`"\0"`,
    /// `"\e"`, `"\u001B"`): raw ones are refused when the text is decoded,
    /// and a file without a backslash cannot hold an escaped one.
    static func checkScalars(_ root: Node, source: String, path: String) throws(GraphFileError) {
        let limits = ReadLimits.current
        // No scalar is longer than the file.
        let checksLength = source.utf8.count > limits.maxFieldLength
        let checksControls = source.utf8.contains(UInt8(ascii: "\\"))
        guard checksLength || checksControls else { return }
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            switch node {
            case .scalar(let s):
                if checksLength, let problem = limits.fieldLengthProblem(s.string[...].utf8) {
                    throw GraphFileError([Diagnostic(path: path, line: node.mark?.line, column: node.mark?.column,
                                                     message: problem, hint: ReadLimits.fieldLengthHint)])
                }
                if checksControls, let bad = s.string.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }) {
                    let hex = String(bad.value, radix: 16, uppercase: true)
                    throw GraphFileError([Diagnostic(
                        path: path, line: node.mark?.line, column: node.mark?.column,
                        message: "control character U+\(String(repeating: "0", count: 4 - hex.count) + hex) in the text '\(VisibleText.escape(String(String.UnicodeScalarView(s.string.unicodeScalars.prefix(80)))))'",
                        hint: "remove the escape: names, ids and notes hold text (tabs and line breaks are fine)")])
                }
            case .alias: break
            case .mapping(let m):
                for (k, v) in m.reversed() { stack.append(v); stack.append(k) }
            case .sequence(let seq):
                stack.append(contentsOf: seq.reversed())
            }
        }
    }

    /// Throws when `root` expands (through aliases) to more values than ``ReadLimits/maxYAMLValues``.
    /// - Complexity: O(min(expanded size, limit)).
    static func checkAliasExpansion(_ root: Node, source: String, path: String) throws(GraphFileError) {
        // `*` starts every alias; a file without one cannot repeat anything.
        guard source.utf8.contains(UInt8(ascii: "*")) else { return }
        let limits = ReadLimits.current
        let limit = limits.yamlValues(forBytes: source.utf8.count)
        var count = 0
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            count += 1
            if count > limit {
                let at = firstAlias(in: source)
                throw GraphFileError([Diagnostic(
                    path: path, line: at?.line ?? node.mark?.line, column: at?.column ?? node.mark?.column,
                    message: "YAML aliases expand this file to more than \(NumberFormatting.grouped(limit)) values, over the limit (--max-yaml-values; \(limits.maxYAMLValues == nil ? "by default twice the file's \(NumberFormatting.grouped(source.utf8.count)) bytes plus 10,000" : "set on the command line")): a 'billion laughs' file",
                    hint: "write the values out instead of repeating them through anchors (&name) and aliases (*name), or raise the limit with --max-yaml-values")])
            }
            switch node {
            case .scalar, .alias: break
            case .mapping(let m):
                for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let s):
                stack.append(contentsOf: s)
            }
        }
    }

    /// Line and column of the first alias (`*name` where a value starts:
    /// after `[`, `,`, `{`, `:`, `-` or at the start of a line), for the diagnostic.
    static func firstAlias(in source: String) -> (line: Int, column: Int)? {
        var line = 1
        for text in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(text.unicodeScalars)
            var previous: Unicode.Scalar? = nil
            var quote: Unicode.Scalar? = nil
            for (i, c) in scalars.enumerated() {
                if let q = quote {
                    if c == q { quote = nil }
                    continue
                }
                if c == "#" && (previous == nil || previous == " ") { break }
                if c == "\"" || c == "'" { quote = c }
                if c == "*", previous == nil || "[,{:-".unicodeScalars.contains(previous!),
                   i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || ("0"..."9").contains(scalars[i + 1]) || scalars[i + 1] == "_" {
                    return (line, i + 1)
                }
                if c != " " && c != "\t" { previous = c }
            }
            line += 1
        }
        return nil
    }
}
