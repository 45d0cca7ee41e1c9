import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
internal import ZIPFoundation
import PartnerGraph

/// An Excel workbook (`.xlsx`, Office Open XML SpreadsheetML) read as tables
/// for ``CSVImporter``: each sheet becomes an ``ImportSource`` whose first row
/// is the header.
///
/// The workbook is a ZIP archive (read with ZIPFoundation); its XML parts
/// (`xl/workbook.xml`, the relationships, `xl/sharedStrings.xml`,
/// `xl/styles.xml`, `xl/worksheets/*.xml`) are read with the project's
/// ``XMLEventReader``. Cell values are taken as stored: shared and inline
/// strings, numbers as written (`1990`, `0.5`), booleans as `TRUE`/`FALSE`,
/// errors as their text (`#N/A`); formulas give their cached value.
/// A number in a cell whose number format is a date format (built-in formats
/// 14–22, 27–36, 45–47, 50–58, or a custom format with day, month or year
/// codes) becomes an ISO date (`2001-12-31`), counted in the workbook's date
/// system (1900, with Excel's 1900 leap-year bug, or 1904 when
/// `workbookPr date1904` says so); a time of day is dropped.
///
/// Reference: ECMA-376 Part 1, *Office Open XML File Formats*, §18.3 (worksheets),
/// §18.4 (shared strings), §18.8.30 (number formats).
///
/// - Complexity: O(size of the uncompressed parts).
public enum Workbook {
    /// The sheets of the workbook at `path` as import inputs: every sheet, or
    /// only the one named `sheet`.
    /// - Throws: ``GraphFileError`` when the file is not a readable workbook,
    ///   a part is malformed, or `sheet` is not one of its sheets (with the
    ///   closest names).
    public static func sources(atPath path: String, sheet: String? = nil) throws(GraphFileError) -> [ImportSource] {
        func fail(_ message: String, hint: String? = nil) -> GraphFileError {
            GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: message, hint: hint)])
        }
        let bytes: [UInt8]
        switch CSVReader.readFile(atPath: path) {
        case .success(let b): bytes = b
        case .failure(let reason): throw fail(reason.isLimit ? reason.text : "cannot read file: \(reason.text)", hint: reason.hint)
        }
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw fail("not an .xlsx workbook (not a ZIP archive)", hint: "save the workbook as .xlsx (Excel 2007 or later), or export the sheet as CSV")
        }
        let limit = ReadLimits.current.maxFileBytes
        func part(_ name: String) throws(GraphFileError) -> [UInt8]? {
            guard let entry = archive[name] else { return nil }
            if entry.uncompressedSize > UInt64(limit) {
                throw fail("the workbook part \(name) is \(entry.uncompressedSize) bytes uncompressed, over the file size limit",
                           hint: "raise --max-file-size if the workbook is genuine")
            }
            var out: [UInt8] = []
            do { _ = try archive.extract(entry, skipCRC32: false) { out.append(contentsOf: $0) } } catch {
                throw fail("cannot read the workbook part \(name): \(error)", hint: "the file may be damaged; save it again from the spreadsheet program")
            }
            return out
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw fail("not an .xlsx workbook (no xl/workbook.xml)", hint: "save the workbook as .xlsx, or export the sheet as CSV")
        }
        let book = WorkbookPartReader(bytes: workbookXML, path: path + "/xl/workbook.xml")
        guard book.parse(rootDescription: "workbook"), !book.hasErrors else { throw GraphFileError(book.sortedDiagnostics) }
        var targets: [String: String] = [:]
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            let r = RelationshipsReader(bytes: rels, path: path + "/xl/_rels/workbook.xml.rels")
            guard r.parse(rootDescription: "relationships"), !r.hasErrors else { throw GraphFileError(r.sortedDiagnostics) }
            targets = r.targets
        }
        var shared: [String] = []
        if let sst = try part("xl/sharedStrings.xml") {
            let r = SharedStringsReader(bytes: sst, path: path + "/xl/sharedStrings.xml")
            guard r.parse(rootDescription: "shared strings"), !r.hasErrors else { throw GraphFileError(r.sortedDiagnostics) }
            shared = r.strings
        }
        var dateStyles: Set<Int> = []
        if let styles = try part("xl/styles.xml") {
            let r = StylesReader(bytes: styles, path: path + "/xl/styles.xml")
            guard r.parse(rootDescription: "styles"), !r.hasErrors else { throw GraphFileError(r.sortedDiagnostics) }
            dateStyles = r.dateStyles
        }
        var sheets = book.sheets
        if let sheet {
            guard let s = sheets.first(where: { $0.name == sheet }) else {
                throw fail(Suggestion.unknownMessage("sheet", sheet, among: sheets.map(\.name)),
                           hint: "name a sheet as FILE.xlsx#SHEET, or give the workbook alone to import every sheet")
            }
            sheets = [s]
        }
        var out: [ImportSource] = []
        for s in sheets {
            var target = targets[s.relationship] ?? ""
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            guard let xml = try part(target) else {
                throw fail("the workbook lists sheet '\(s.name)' but its part \(target) is missing", hint: "the file may be damaged; save it again")
            }
            let r = SheetReader(bytes: xml, path: "\(path)#\(s.name)", shared: shared, dateStyles: dateStyles, uses1904: book.uses1904)
            guard r.parse(rootDescription: "worksheet"), !r.hasErrors else { throw GraphFileError(r.sortedDiagnostics) }
            let (csv, rows) = r.csv()
            var source = ImportSource(reader: CSVReader(bytes: csv, path: "\(path)#\(s.name)"), fileName: PathText.name(of: path))
            source.sheet = s.name
            source.uses1904 = book.uses1904
            source.sheetRows = rows
            out.append(source)
        }
        return out
    }

    /// Whether a number format code shows a date (day, month or year codes
    /// outside quoted text, brackets and escapes).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            case "d", "m", "y": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }

    /// Built-in number formats that show dates (ECMA-376 §18.8.30, and the East Asian ones).
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }
}

/// `xl/workbook.xml`: the sheets in order and the date system.
private final class WorkbookPartReader: XMLEventReader {
    struct Sheet { var name: String; var relationship: String }
    var sheets: [Sheet] = []
    var uses1904 = false

    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        switch name {
        case "workbookPr":
            if let v = attributes["date1904"] { uses1904 = v == "1" || v == "true" }
        case "sheet":
            let rel = attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value ?? ""
            sheets.append(Sheet(name: attributes["name"] ?? "Sheet\(sheets.count + 1)", relationship: rel))
        default: break
        }
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part.
private final class RelationshipsReader: XMLEventReader {
    var targets: [String: String] = [:]
    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        if name == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text (rich runs joined; phonetic runs left out).
private final class SharedStringsReader: XMLEventReader {
    var strings: [String] = []
    private var current = ""
    private var inPhonetic = false
    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": collectsText = !inPhonetic
        default: break
        }
    }
    override func didEnd(_ name: String, text: String) {
        switch name {
        case "t": if !inPhonetic { current += text }
        case "rPh": inPhonetic = false
        case "si": strings.append(current)
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell styles (`cellXfs` indices) show dates.
private final class StylesReader: XMLEventReader {
    private var customDate: [Int: Bool] = [:]
    private var inCellXfs = false
    private var xfIndex = 0
    var dateStyles: Set<Int> = []
    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customDate[id] = Workbook.isDateFormat(code)
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            if customDate[id] ?? Workbook.isBuiltInDateFormat(id) { dateStyles.insert(xfIndex) }
            xfIndex += 1
        default: break
        }
    }
    override func didEnd(_ name: String, text: String) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// One worksheet: its cells by row and column.
private final class SheetReader: XMLEventReader {
    let shared: [String]
    let dateStyles: Set<Int>
    let uses1904: Bool
    private(set) var rows: [(row: Int, cells: [(column: Int, value: String)])] = []
    private var rowNumber = 0
    private var cells: [(column: Int, value: String)] = []
    private var cellColumn = 0, cellType = "n", cellStyle = 0
    private var cellValue: String?
    private var inlineText = ""
    private var inCell = false

    init(bytes: [UInt8], path: String, shared: [String], dateStyles: Set<Int>, uses1904: Bool) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
        super.init(bytes: bytes, path: path)
    }

    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
        case "c":
            inCell = true
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            cellValue = nil
            inlineText = ""
            if let ref = attributes["r"] {
                var col = 0
                for u in ref.utf8 {
                    guard u >= 65 && u <= 90 else { break }
                    col = col * 26 + Int(u - 64)
                }
                cellColumn = col - 1
            } else {
                cellColumn = (cells.last?.column ?? -1) + 1
            }
        case "v": collectsText = inCell
        case "t": collectsText = inCell
        default: break
        }
    }

    override func didEnd(_ name: String, text: String) {
        switch name {
        case "v": if inCell { cellValue = text }
        case "t": if inCell { inlineText += text }
        case "c":
            inCell = false
            var value: String
            switch cellType {
            case "s":
                guard let i = cellValue.flatMap(Int.init), i >= 0, i < shared.count else {
                    error("cell refers to shared string \(cellValue ?? "?"), which the workbook does not have", at: nil,
                          hint: "the workbook may be damaged; save it again from the spreadsheet program")
                    return
                }
                value = shared[i]
            case "inlineStr": value = inlineText
            case "b": value = cellValue == "1" ? "TRUE" : "FALSE"
            case "str", "e": value = cellValue ?? ""
            default:
                value = cellValue ?? ""
                if !value.isEmpty, dateStyles.contains(cellStyle), let serial = Double(value),
                   case .success(let d) = ImportDateFormat.excelDate(serial, uses1904: uses1904) {
                    value = d.description
                }
            }
            if !value.isEmpty { cells.append((cellColumn, value)) }
        case "row":
            rows.append((rowNumber, cells))
        default: break
        }
    }

    /// The sheet as CSV text (first row the header) and the sheet row of each CSV line.
    func csv() -> (bytes: [UInt8], rows: [Int]) {
        var out: [UInt8] = []
        var lineRows = [0]
        let width = rows.map { ($0.cells.map(\.column).max() ?? -1) + 1 }.max() ?? 0
        for (row, cells) in rows where !(cells.isEmpty && out.isEmpty) {
            var fields = [String](repeating: "", count: width)
            for c in cells where c.column < width { fields[c.column] = c.value }
            lineRows.append(row)
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if f.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                    out.append(34)
                    for u in f.utf8 {
                        if u == 34 { out.append(34) }
                        if u == 10 { lineRows.append(row) }
                        out.append(u)
                    }
                    out.append(34)
                } else {
                    out.append(contentsOf: f.utf8)
                }
            }
            out.append(10)
        }
        return (out, lineRows)
    }
}
