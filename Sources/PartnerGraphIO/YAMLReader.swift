internal import Yams

/// The one YAML reader with positions, under every YAML file we read: graph
/// files (YAML and JSON, ``DocumentReader``), strategy files
/// (``StrategyFile``), import mappings (``ImportMapping``) and the
/// `graph.yaml` beside a CSV pair.
///
/// ``compose(_:path:syntax:empty:)`` parses text into Yams' node tree, where
/// every node keeps its line and column, and runs the checks every reader
/// needs before it walks the tree:
///
/// - strict JSON syntax first, for a `.json` graph (JSON is YAML's flow style);
/// - duplicate keys, reported at the second occurrence as
///   `file:line:col: error: duplicate key 'name' (first at line 3)`;
/// - the alias bound, the field length bound and no control character from
///   an escape (``YAMLLimits``).
///
/// Problems come back as a ``GraphFileError`` worded the same way whichever
/// reader asked, so a file's mistakes read alike in every command.
///
/// ```swift
/// let root = try YAMLReader.compose(text, path: path,
///                                   empty: .init("strategy file is empty", hint: "…"))
/// ```
enum YAMLReader {
    /// Which syntax the text is held to.
    enum Syntax {
        /// YAML 1.1 (libyaml).
        case yaml
        /// Strict JSON (``JSONSyntax``), then read as YAML.
        case json

        var name: String {
            switch self {
            case .yaml: return "YAML"
            case .json: return "JSON"
            }
        }

        var syntaxHint: String {
            switch self {
            case .yaml: return "check indentation, colons and quotes near this point"
            case .json: return "check brackets, commas and quotes near this point"
            }
        }
    }

    /// What to say about a file holding no document (only comments, say),
    /// which each kind of file explains differently.
    struct Empty {
        var message: String
        var hint: String

        init(_ message: String, hint: String) {
            self.message = message
            self.hint = hint
        }
    }

    /// The hint of every duplicate-key diagnostic.
    static let duplicateKeyHint = "each key may appear once in a mapping; remove or rename one"

    /// Parses `source` (already decoded, see ``TextInput``) into a tree of
    /// positioned nodes and checks it (see the type's discussion).
    /// - Parameters:
    ///   - path: named in diagnostics.
    ///   - syntax: `.json` checks strict JSON syntax first.
    ///   - empty: the diagnostic for text holding no document.
    /// - Throws: ``GraphFileError`` with one diagnostic: the first syntax
    ///   error, duplicate key or limit exceeded.
    /// - Complexity: O(size of the text), plus, only for a duplicate key,
    ///   one more parse to find its second occurrence.
    static func compose(_ source: String, path: String, syntax: Syntax = .yaml,
                        empty: Empty) throws(GraphFileError) -> Node {
        if syntax == .json, let p = JSONSyntax.problem(in: source) {
            throw GraphFileError([Diagnostic(path: path, line: p.line, column: p.column,
                                             message: "JSON syntax error: \(p.message)", hint: syntax.syntaxHint)])
        }
        let root: Node
        do {
            guard let node = try parse(source) else {
                throw GraphFileError([Diagnostic(path: path, line: 1, column: 1, message: empty.message, hint: empty.hint)])
            }
            root = node
        } catch let e as GraphFileError {
            throw e
        } catch let e as YamlError {
            throw GraphFileError([diagnostic(for: e, source: source, path: path, syntax: syntax)])
        } catch {
            throw GraphFileError(path: path, message: "cannot parse: \(error)")
        }
        try YAMLLimits.check(root, source: source, path: path)
        return root
    }

    /// Yams' composer with the basic resolver: every reader reads scalars by
    /// text and style itself, so no implicit type resolution (ICU regexes per
    /// scalar) is needed, and keys are compared by text (`1` and `"1"` are the
    /// same key). The constructor only serves `Node.any`, which we never call:
    /// an empty one saves building Yams' default tables. Our text is native
    /// UTF-8, which is what `.default` picks too, without reading the environment.
    private static func parse(_ source: String) throws -> Node? {
        try Yams.compose(yaml: source, .basic, Constructor([:], [:], [:]), .utf8)
    }

    // MARK: - Diagnostics

    /// The diagnostic for an error of Yams' parser or composer.
    static func diagnostic(for error: YamlError, source: String, path: String, syntax: Syntax) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let dups, let context):
            let key = dups.first ?? ""
            let first = context.mark
            let second = secondOccurrence(ofKey: key, firstAt: first, in: source)
            return Diagnostic(path: path, line: second?.line ?? first.line, column: second?.column ?? first.column,
                              message: "duplicate key '\(key)' (first at line \(first.line))",
                              hint: duplicateKeyHint)
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return Diagnostic(path: path, line: mark.line, column: mark.column,
                              message: "\(syntax.name) syntax error: \(problem)", hint: syntax.syntaxHint)
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, line: nil, column: nil, message: "cannot read the text: \(problem)",
                              hint: "save the file as UTF-8")
        default:
            return Diagnostic(path: path, line: nil, column: nil, message: "cannot parse: \(error)")
        }
    }

    /// Where the repeated `key` is, given its first occurrence (Yams reports
    /// only that one): the first key is renamed in place, the text parsed
    /// again, and the key of that name left in the same mapping is the
    /// second. Block and flow mappings, quoted keys and JSON alike; when that
    /// fails (an empty, tagged or anchored key, say), a key spelled the same
    /// at the same column on a later line.
    /// - Complexity: O(size of the text).
    static func secondOccurrence(ofKey key: String, firstAt first: Mark, in source: String) -> (line: Int, column: Int)? {
        byReparsing(key: key, first: first, source: source) ?? sameColumn(key: key, first: first, source: source)
    }

    /// ``secondOccurrence(ofKey:firstAt:in:)`` by renaming the first key.
    private static func byReparsing(key: String, first: Mark, source: String) -> (line: Int, column: Int)? {
        guard !key.isEmpty else { return nil }
        var scalars = Array(source.unicodeScalars)
        guard var i = scalarIndex(of: first, in: scalars) else { return nil }
        if scalars[i] == "\"" || scalars[i] == "'" { i += 1 }
        // A key starting with an indicator (tag, anchor, alias, flow
        // collection, block scalar) or a quote's end cannot be renamed by one character.
        guard i < scalars.count, !"\"'&*!?[]{}|>%@`#,:\\ \t\r\n".unicodeScalars.contains(scalars[i]) else { return nil }
        // A private-use character: same width (libyaml counts columns in
        // characters), so every later position on the line stays put.
        scalars[i] = "\u{E000}"
        let renamed = String(String.UnicodeScalarView(scalars))
        do {
            guard let root = try parse(renamed) else { return nil }
            return keyBeside(first, named: key, in: root, budget: 2 * scalars.count + 10_000)
        } catch YamlError.duplicatedKeysInMapping(let dups, let context) {
            // A third occurrence: the composer now reports the second one first.
            guard dups.first == key, (context.mark.line, context.mark.column) > (first.line, first.column) else { return nil }
            return (context.mark.line, context.mark.column)
        } catch {
            return nil
        }
    }

    /// The mark of the key named `key` in the mapping that holds a key at
    /// `first`; `nil` when not found within `budget` nodes (aliases share
    /// nodes, so a walk could otherwise repeat them without end).
    private static func keyBeside(_ first: Mark, named key: String, in root: Node, budget: Int) -> (line: Int, column: Int)? {
        var stack = [root]
        var visited = 0
        while let node = stack.popLast() {
            visited += 1
            if visited > budget { return nil }
            switch node {
            case .mapping(let map):
                if map.keys.contains(where: { at($0.mark, first) }) {
                    guard let m = map.keys.first(where: { $0.scalar?.string == key && !at($0.mark, first) })?.mark else { return nil }
                    return (m.line, m.column)
                }
                for (k, v) in map { stack.append(k); stack.append(v) }
            case .sequence(let seq):
                stack.append(contentsOf: seq)
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    private static func at(_ mark: Mark?, _ other: Mark) -> Bool {
        mark.map { $0.line == other.line && $0.column == other.column } ?? false
    }

    /// The index in `scalars` of libyaml's (line, column), both 1-based, in
    /// characters; libyaml's line breaks are `\r\n`, `\r`, `\n`, NEL, LS and PS.
    private static func scalarIndex(of mark: Mark, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1, column = 1, i = 0
        while i < scalars.count {
            if line == mark.line && column == mark.column { return i }
            if line > mark.line { return nil }
            switch scalars[i] {
            case "\r":
                if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                line += 1; column = 1
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1; column = 1
            default:
                column += 1
            }
            i += 1
        }
        return nil
    }

    /// The repeated key on a later line at the same column as its first use.
    private static func sameColumn(key: String, first: Mark, source: String) -> (line: Int, column: Int)? {
        var lineNo = 0
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            guard lineNo > first.line else { continue }
            let scalars = Array(line.unicodeScalars)
            let col = first.column - 1
            guard col < scalars.count else { continue }
            let rest = String(String.UnicodeScalarView(scalars[col...]))
            for candidate in [key + ":", "\"\(key)\":", "'\(key)':"] where rest.hasPrefix(candidate) {
                return (lineNo, first.column)
            }
        }
        return nil
    }

    // MARK: - Values

    /// Whether a scalar is YAML's null: unquoted empty, `~` or `null`.
    static func isNull(_ s: Node.Scalar) -> Bool {
        guard s.style == .plain || s.style == .any else { return false }
        switch s.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// Whether a node is a null scalar (see ``isNull(_:)-(Node.Scalar)``).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return isNull(s)
    }
}
