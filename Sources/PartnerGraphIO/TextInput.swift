import Foundation

/// Reading a file's bytes and checking they are UTF-8 text.
enum TextInput {
    /// The file's bytes.
    static func bytes(atPath path: String) throws(GraphFileError) -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw GraphFileError(path: path, message: "no such file", hint: "check the path and its spelling")
        }
        if isDir.boolValue {
            throw GraphFileError(path: path, message: "is a directory without partners.csv and ties.csv",
                                 hint: "a directory loads as a CSV pair: put partners.csv and ties.csv in it")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
            try ReadLimits.current.checkFileSize(size, path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GraphFileError(path: path, message: "cannot read the file", hint: "check its permissions")
        }
        InputFiles.record(path)
        // Through the contiguous bytes: `[UInt8](data)` copies byte by byte.
        return data.withUnsafeBytes { [UInt8]($0) }
    }

    /// Decodes UTF-8 text, dropping a UTF-8 byte-order mark. Reports every
    /// invalid byte sequence (at most 20) with line and column, a UTF-16
    /// byte-order mark, and empty files.
    static func decode(_ bytes: [UInt8], path: String) throws(GraphFileError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw GraphFileError([Diagnostic(path: path, line: 1, column: 1, message: "file is UTF-16 encoded, not UTF-8",
                                             hint: "save the file as UTF-8")])
        }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw GraphFileError([Diagnostic(path: path, line: 1, column: 1, message: "file is empty",
                                             hint: "a graph file needs at least a partners list")])
        }
        // Valid text, the usual case, is checked by the standard library's validator, which is
        // much faster than the scan below that finds where each invalid sequence is.
        // Raw C0 controls (but tab, line feed, carriage return) and DEL: no
        // text format we read allows them; say where they are.
        let controls = body.withUnsafeBufferPointer { CSVParser.controlBytes(in: $0, from: 0) }
        if !controls.isEmpty {
            throw GraphFileError(controls.prefix(20).map { offset in
                let (line, column) = position(ofOffset: offset, in: body)
                let byte = body[body.startIndex + offset]
                return Diagnostic(path: path, line: line, column: column,
                                  message: "control character \(CSVParser.hex(byte))\(byte == 0 ? " (NUL)" : "") in the text",
                                  hint: "remove it; in a YAML or JSON string write it as an escape (\\u0007) if it is meant")
            })
        }
        if let text = String(validating: body, as: UTF8.self) { return text }
        let problems = invalidUTF8(body)
        if !problems.isEmpty {
            throw GraphFileError(problems.prefix(20).map {
                Diagnostic(path: path, line: $0.line, column: $0.column,
                           message: "invalid UTF-8 byte 0x\(String($0.byte, radix: 16, uppercase: true))",
                           hint: "save the file as UTF-8 (it looks like \($0.byte >= 0x80 ? "Latin-1 or Windows-1252" : "binary data"))")
            })
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// 1-based line and column (in scalars) of the byte at `offset` from the start of `bytes`.
    static func position(ofOffset offset: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in bytes[bytes.startIndex..<(bytes.startIndex + offset)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// Positions (1-based line, column in scalars) of invalid UTF-8 sequences.
    static func invalidUTF8(_ bytes: ArraySlice<UInt8>) -> [(line: Int, column: Int, byte: UInt8)] {
        var out: [(Int, Int, UInt8)] = []
        var line = 1, column = 1
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                i += 1
                continue
            }
            let need: Int
            var minScalar: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F); minScalar = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b & 0x0F); minScalar = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b & 0x07); minScalar = 0x10000
            default: need = -1; scalar = 0; minScalar = 0
            }
            var ok = need > 0 && i + need < bytes.endIndex
            if ok {
                for k in 1...need {
                    let c = bytes[i + k]
                    if c & 0xC0 != 0x80 { ok = false; break }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
            }
            if ok && (scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar)) { ok = false }
            if !ok {
                out.append((line, column, b))
                if out.count >= 20 { return out }
                column += 1
                i += 1
            } else {
                column += 1
                i += need + 1
            }
        }
        return out
    }
}
