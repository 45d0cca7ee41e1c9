/// A strict RFC 8259 syntax check that reports where JSON text goes wrong.
///
/// Only validates; the document is then read through the YAML composer for
/// positions. Foundation's parser on Linux accepts trailing commas and gives
/// no line or column, so we check ourselves.
///
/// - Complexity: O(n) in the text's length; recursion depth is the nesting depth (capped at 512).
struct JSONSyntax {
    struct Problem: Error {
        let line: Int
        let column: Int
        let message: String
    }

    private let s: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    private init(_ text: String) { s = Array(text.unicodeScalars) }

    /// `nil` when `text` is one valid JSON value (with surrounding white space).
    static func problem(in text: String) -> Problem? {
        var p = JSONSyntax(text)
        do throws(Problem) {
            p.skipSpace()
            try p.value()
            p.skipSpace()
            if p.i < p.s.count { throw p.fail("unexpected text after the end of the document") }
            return nil
        } catch {
            return error
        }
    }

    private func fail(_ message: String) -> Problem {
        var line = 1, column = 1
        for k in 0..<min(i, s.count) {
            if s[k] == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Problem(line: line, column: column, message: message)
    }

    private var current: Unicode.Scalar? { i < s.count ? s[i] : nil }

    private mutating func skipSpace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
    }

    private mutating func value() throws(Problem) {
        guard let c = current else { throw fail("unexpected end of the document, expected a value") }
        switch c {
        case "{": try object()
        case "[": try array()
        case "\"": try string()
        case "t": try literal("true")
        case "f": try literal("false")
        case "n": try literal("null")
        case "-", "0"..."9": try number()
        default: throw fail("unexpected character '\(c)', expected a value")
        }
    }

    private mutating func object() throws(Problem) {
        depth += 1
        if depth > 512 { throw fail("nesting is too deep") }
        i += 1
        skipSpace()
        if current == "}" { i += 1; depth -= 1; return }
        while true {
            skipSpace()
            guard current == "\"" else {
                throw fail(current == "}" ? "trailing comma before '}'" : "expected a quoted key")
            }
            try string()
            skipSpace()
            guard current == ":" else { throw fail("expected ':' after the key") }
            i += 1
            skipSpace()
            try value()
            skipSpace()
            if current == "," { i += 1; continue }
            if current == "}" { i += 1; depth -= 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array() throws(Problem) {
        depth += 1
        if depth > 512 { throw fail("nesting is too deep") }
        i += 1
        skipSpace()
        if current == "]" { i += 1; depth -= 1; return }
        while true {
            skipSpace()
            if current == "]" { throw fail("trailing comma before ']'") }
            try value()
            skipSpace()
            if current == "," { i += 1; continue }
            if current == "]" { i += 1; depth -= 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func string() throws(Problem) {
        i += 1
        while let c = current {
            switch c {
            case "\"": i += 1; return
            case "\\":
                i += 1
                guard let e = current else { break }
                if e == "u" {
                    for _ in 0..<4 {
                        i += 1
                        guard let h = current, h.properties.isASCIIHexDigit else { throw fail("invalid \\u escape") }
                    }
                } else if !"\"\\/bfnrt".unicodeScalars.contains(e) {
                    throw fail("invalid escape '\\\(e)'")
                }
                i += 1
            default:
                if c.value < 0x20 { throw fail("control character in a string (write \\n or \\t)") }
                i += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func literal(_ word: String) throws(Problem) {
        for w in word.unicodeScalars {
            guard current == w else { throw fail("invalid literal, expected '\(word)'") }
            i += 1
        }
    }

    private mutating func number() throws(Problem) {
        if current == "-" { i += 1 }
        guard let c = current, ("0"..."9").contains(c) else { throw fail("invalid number") }
        if c == "0" { i += 1 } else { while let d = current, ("0"..."9").contains(d) { i += 1 } }
        if current == "." {
            i += 1
            guard let d = current, ("0"..."9").contains(d) else { throw fail("invalid number: digits expected after '.'") }
            while let d = current, ("0"..."9").contains(d) { i += 1 }
        }
        if current == "e" || current == "E" {
            i += 1
            if current == "+" || current == "-" { i += 1 }
            guard let d = current, ("0"..."9").contains(d) else { throw fail("invalid number: digits expected in the exponent") }
            while let d = current, ("0"..."9").contains(d) { i += 1 }
        }
    }
}
