import Foundation

/// Paths written inside data files (a strategy's `roster:`, a mapping's
/// `names: {file: …}`): relative to the directory of the file that names
/// them, and kept inside it. A path that leaves the directory (absolute,
/// `../`, or a symbolic link pointing out) is refused unless the user allows
/// it (`--allow-outside-paths`), so a data file received from someone else
/// cannot make a command read, and echo into its output, any file on the
/// machine. A refused path is never opened.
public enum DataFilePath {
    /// Where `reference` points, read from a data file in `directory` (`""`
    /// or `.` for the current one), or why it is refused (for a diagnostic).
    public static func resolve(_ reference: String, inDirectory directory: String,
                               allowsOutside: Bool) -> Result<String, Refusal> {
        let dir = directory == "." ? "" : directory
        let joined = reference.hasPrefix("/") ? reference
            : (dir.isEmpty ? reference : (dir as NSString).appendingPathComponent(reference))
        if allowsOutside { return .success(joined) }
        let base = canonical(dir.isEmpty ? "." : dir)
        let target = canonical(joined)
        if target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/") { return .success(joined) }
        return .failure(Refusal(reference: reference, directory: dir.isEmpty ? "." : dir))
    }

    /// A path outside the data file's directory.
    public struct Refusal: Error, Sendable {
        public let reference: String
        public let directory: String
        public var message: String {
            "'\(reference)' is outside the directory of this file (\(directory)); it was not read"
        }
        public var hint: String {
            "put the file in \(directory) or below and name it relative to this file, or pass --allow-outside-paths if you trust this file"
        }
    }

    /// The absolute path with symbolic links resolved (for the part that
    /// exists) and `.`/`..` removed.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Path arithmetic on user-given paths. Foundation's `NSString` path methods
/// trap on a one-character name (`--strategy s`), so these split by hand.
public enum PathText {
    /// The directory part of `path` without the trailing slash (`""` for a bare
    /// name, `/` for a file at the root).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path` (`g.yaml` of `data/g.yaml`).
    public static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
