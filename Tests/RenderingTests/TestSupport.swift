import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Runs a program and returns its exit status, standard output and standard error.
func runTool(_ path: String, _ arguments: [String], input: Data = Data()) throws -> (status: Int32, stdout: Data, stderr: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("pg-render-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inURL = directory.appendingPathComponent("in")
    let outURL = directory.appendingPathComponent("out")
    let errURL = directory.appendingPathComponent("err")
    try input.write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let stdinHandle = try FileHandle(forReadingFrom: inURL)
    let stdoutHandle = try FileHandle(forWritingTo: outURL)
    let stderrHandle = try FileHandle(forWritingTo: errURL)
    process.standardInput = stdinHandle
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    try process.run()
    process.waitUntilExit()
    try stdinHandle.close()
    try stdoutHandle.close()
    try stderrHandle.close()
    return (process.terminationStatus, try Data(contentsOf: outURL), try Data(contentsOf: errURL))
}

/// The path of an executable on PATH, or nil.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A minimal XML tree for checking SVG structure in tests.
final class XMLTreeNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLTreeNode] = []
    var text = ""
    weak var parent: XMLTreeNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (depth first, including self).
    var allNodes: [XMLTreeNode] {
        [self] + children.flatMap(\.allNodes)
    }

    /// Text of this element and its descendants.
    var fullText: String {
        text + children.map(\.fullText).joined()
    }
}

private final class XMLTreeParserDelegate: NSObject, XMLParserDelegate {
    var stack: [XMLTreeNode] = []
    var root: XMLTreeNode?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = XMLTreeNode(name: elementName, attributes: attributeDict)
        node.parent = stack.last
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// Parses XML with Foundation's XMLParser; nil (and the error) when it is not well-formed.
func parseXML(_ data: Data) -> (root: XMLTreeNode?, error: String?) {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    let delegate = XMLTreeParserDelegate()
    parser.delegate = delegate
    if parser.parse(), let root = delegate.root {
        return (root, nil)
    }
    return (nil, "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown")")
}

/// A small deterministic generator (SplitMix64) so property tests can name their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// DOT for a random graph of `nodes` nodes with about `degree` edges per node.
func randomGraphDOT(name: String, nodes: Int, edgesPerNode: Int, seed: UInt64, attributes: String = "") -> String {
    var generator = SeededGenerator(seed: seed)
    var lines = ["graph \"\(name)\" {", attributes]
    for node in 0..<nodes {
        for _ in 0..<edgesPerNode {
            let other = Int.random(in: 0..<nodes, using: &generator)
            if other != node { lines.append("  n\(node) -- n\(other);") }
        }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
}

func utf8(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
