import Foundation
import PartnerGraph

/// The limits every reader enforces, so that no file can make a command run
/// out of memory or time before it says what is wrong.
///
/// Each limit has a command-line option of the same name (`--max-file-size`,
/// `--max-field-length`, `--max-partners`, `--max-ties`, `--max-yaml-values`)
/// and each diagnostic names it. A library user raises them for one read:
///
/// ```swift
/// var limits = ReadLimits.standard
/// limits.maxPartners = 5_000_000
/// let net = try ReadLimits.$current.withValue(limits) { try GraphFile.load(path: path) }
/// ```
public struct ReadLimits: Sendable, Equatable {
    /// The largest file read, in bytes (the CSV reader's offsets stop at 4 GiB).
    public var maxFileBytes: Int
    /// The longest text value (an id, a name, a note, a CSV field, an XML
    /// attribute or text), in Unicode scalars.
    public var maxFieldLength: Int
    /// The most partners in one graph.
    public var maxPartners: Int
    /// The most ties in one graph.
    public var maxTies: Int
    /// The most values a YAML or JSON file may expand to through aliases;
    /// `nil`: twice the file's size in bytes plus 10,000 (a file without
    /// aliases holds at most one value per byte).
    public var maxYAMLValues: Int?

    /// The limits of ``standard``, each changeable.
    public init(maxFileBytes: Int = 1 << 30, maxFieldLength: Int = 100_000, maxPartners: Int = 1_000_000,
                maxTies: Int = 10_000_000, maxYAMLValues: Int? = nil) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldLength = maxFieldLength
        self.maxPartners = maxPartners
        self.maxTies = maxTies
        self.maxYAMLValues = maxYAMLValues
    }

    /// 1 GiB files, 100,000-character values, 1,000,000 partners, 10,000,000 ties.
    public static let standard = ReadLimits()

    /// The limits of the reads in this task (``standard`` unless set with `withValue`).
    @TaskLocal public static var current = ReadLimits.standard

    /// The most YAML values a file of `byteCount` bytes may expand to.
    func yamlValues(forBytes byteCount: Int) -> Int { maxYAMLValues ?? 2 * byteCount + 10_000 }

    /// The message and hint for a file of `size` bytes over ``maxFileBytes``, or `nil`.
    func fileSizeProblem(_ size: Int) -> (message: String, hint: String)? {
        guard size > maxFileBytes else { return nil }
        return ("the file is \(Self.bytesText(size)), over the limit of \(Self.bytesText(maxFileBytes)) (--max-file-size)",
                "raise the limit with --max-file-size (e.g. --max-file-size \(Self.suggestion(above: size)))")
    }

    /// Throws when the file at `path`, of `size` bytes, is over ``maxFileBytes``.
    func checkFileSize(_ size: Int, path: String) throws(GraphFileError) {
        guard let problem = fileSizeProblem(size) else { return }
        throw GraphFileError(path: path, message: problem.message, hint: problem.hint)
    }

    /// The diagnostic for a text value over ``maxFieldLength``, or `nil` when
    /// `text` is within it.
    /// - Complexity: O(1) for text of at most `maxFieldLength` bytes, else O(length).
    func fieldLengthProblem(_ text: Substring.UTF8View, what: String = "value") -> String? {
        guard text.count > maxFieldLength else { return nil }
        let scalars = String(Substring(text)).unicodeScalars.count
        guard scalars > maxFieldLength else { return nil }
        return "this \(what) is \(NumberFormatting.grouped(scalars)) characters long, over the limit of \(NumberFormatting.grouped(maxFieldLength)) (--max-field-length)"
    }

    /// The hint of every field-length diagnostic.
    static let fieldLengthHint = "shorten it (a long text belongs in a linked document), or raise the limit with --max-field-length"

    /// The diagnostic of the partner (or tie) that passes ``maxPartners`` (``maxTies``).
    func countMessage(partners: Bool) -> (message: String, hint: String) {
        let limit = partners ? maxPartners : maxTies
        let noun = partners ? "partners" : "ties"
        let one = partners ? "partner" : "tie"
        return ("\(one) \(NumberFormatting.grouped(limit + 1)) is over the limit of \(NumberFormatting.grouped(limit)) \(limit == 1 ? one : noun) (--max-\(noun))",
                "raise the limit with --max-\(noun) (e.g. --max-\(noun) \(limit * 10))")
    }

    /// `1 GiB`, `12.5 MiB`, `812 bytes`.
    static func bytesText(_ n: Int) -> String {
        let units: [(String, Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024)]
        for (name, size) in units where Double(n) >= size {
            let value = Double(n) / size
            let rounded = (value * 10).rounded() / 10
            let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
            return "\(text) \(name)"
        }
        return "\(NumberFormatting.grouped(n)) bytes"
    }

    /// A round size option value above `size`, for the hint (`4GiB`).
    static func suggestion(above size: Int) -> String {
        var mib = 1
        while mib * 1_048_576 < size { mib *= 2 }
        return mib >= 1024 ? "\(mib / 1024)GiB" : "\(mib)MiB"
    }

    /// Parses a size: bytes (`1000000`), or a number with `KB`/`MB`/`GB`
    /// (powers of 1000) or `KiB`/`MiB`/`GiB` (powers of 1024); case-insensitive.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824),
                                         ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("b", 1)]
        var number = trimmed
        var factor = 1.0
        for (suffix, size) in units where trimmed.hasSuffix(suffix) {
            number = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            factor = size
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        let bytes = (value * factor).rounded()
        guard bytes <= Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }
}
