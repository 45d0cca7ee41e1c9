extension ImportMapping {
    /// Every column of the input the mapping reads, with the key that reads it
    /// (`partners.id`, `ties.start (2nd choice)`, `filters: status == 1`), in mapping order.
    public var columnRoles: [(column: String, role: String)] {
        var out: [(String, String)] = []
        func add(_ c: Column?, _ role: String) { if let c { out.append((c.name, role)) } }
        func add(_ d: DerivedValue?, _ role: String) {
            if case .column(let c)? = d?.origin { out.append((c.name, role + " " + d!.description)) }
        }
        func add(_ v: Value, _ role: String) {
            switch v {
            case .column(let c): add(c, role)
            case .derived(let d): add(d, role)
            case .constant: break
            }
        }
        for (side, what) in [(partners, "partners")] + (groups.map { [($0, "groups")] } ?? []) {
            add(side.id, "\(what).id"); add(side.idFrom, "\(what).id")
            add(side.name, "\(what).name"); add(side.nameFrom, "\(what).name")
            add(side.kind, "\(what).kind")
        }
        add(source, "ties.source")
        add(target, "ties.target")
        add(type, "ties.type")
        let ordinals = ["1st", "2nd", "3rd"]
        for (i, c) in start.enumerated() { add(c, start.count == 1 ? "ties.start" : "ties.start (\(i < 3 ? ordinals[i] : "\(i + 1)th") choice)") }
        for (i, c) in end.enumerated() { add(c, end.count == 1 ? "ties.end" : "ties.end (\(i < 3 ? ordinals[i] : "\(i + 1)th") choice)") }
        for f in filters { add(f.column, "filters: \(f.description)") }
        return out
    }

    /// The values the mapping takes from file or sheet names, with the key that takes them.
    public var nameRoles: [(value: DerivedValue, role: String)] {
        var out: [(DerivedValue, String)] = []
        func add(_ d: DerivedValue?, _ role: String) {
            guard let d else { return }
            if case .column = d.origin { return }
            out.append((d, role))
        }
        for (side, what) in [(partners, "partners")] + (groups.map { [($0, "groups")] } ?? []) {
            add(side.idFrom, "\(what).id"); add(side.nameFrom, "\(what).name")
            if case .derived(let d) = side.kind { add(d, "\(what).kind") }
        }
        if case .derived(let d) = type { add(d, "ties.type") }
        return out
    }

    /// How each column of each input is used: read by which key, ignored, or
    /// missing (needed by a key, but not in the input); and the values taken
    /// from file and sheet names. For `import --explain`.
    /// - Complexity: O(columns × mapping keys) per input.
    public func explain(_ sources: [ImportSource]) -> String {
        let roles = columnRoles
        var lines: [String] = ["mapping \(path) (mode: \(mode.rawValue))"]
        for src in sources {
            lines.append("")
            lines.append("\(src.path): \(src.reader.columnNames.count) columns, \(src.reader.records.count) data rows")
            let names = src.reader.columnNames
            let width = min(max(names.map(\.count).max() ?? 0, 6), 40)
            for c in names {
                let used = roles.filter { $0.column == c }.map(\.role)
                let pad = String(repeating: " ", count: max(0, width - c.count))
                lines.append("  \(c)\(pad)  " + (used.isEmpty ? "ignored" : "read by " + used.joined(separator: "; ")))
            }
            for (c, role) in roles where src.reader.columnIndex(named: c) == nil {
                lines.append("  \(c)  MISSING: needed by \(role)")
            }
            for (d, role) in nameRoles {
                let text: String?
                switch d.origin {
                case .fileStem: text = src.fileStem
                case .fileName: text = src.fileName
                case .sheet: text = src.sheet
                case .column: text = nil
                }
                var shown = text.map { "'\($0)'" } ?? "none (not a workbook sheet)"
                if let text, let compiled = try? CSVImporter.compile(d, mappingPath: path) {
                    switch compiled.apply(text) {
                    case .success(let v): shown = "'\(v)'"
                    case .failure(let p): shown = "ERROR: \(p.message)"
                    }
                }
                lines.append("  \(role) = \(shown) from \(d.description)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
