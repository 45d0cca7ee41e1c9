#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// Reads and parses the CSV file at `filePath`.
    ///
    /// Reads the file with POSIX `open(2)`, `fstat(2)` and `read(2)` straight
    /// into the reader's buffer (no intermediate copy).
    ///
    /// - Parameters:
    ///   - filePath: The file to read.
    ///   - displayPath: The path shown in diagnostics; `filePath` when `nil`.
    /// - Throws: ``CSVError`` at line 1, column 1 when the file cannot be read,
    ///   with the system's reason (`cannot read file: No such file or directory`).
    ///   Problems in the file's contents do not throw; see ``errors``.
    /// - Complexity: O(*n*) in the file's size.
    public init(contentsOfFile filePath: String, displayPath: String? = nil) throws(CSVError) {
        let shownPath = displayPath ?? filePath
        switch CSVReader.readFile(atPath: filePath) {
        case .success(let bytes):
            self.init(bytes: bytes, path: shownPath)
        case .failure(let reason):
            throw CSVError(
                path: shownPath, location: CSVLocation(line: 1, column: 1),
                message: reason.isLimit ? reason.text : "cannot read file: \(reason.text)", hint: reason.hint)
        }
    }

    struct SystemReason: Error {
        var text: String
        var hint: String? = nil
        /// A ``ReadLimits`` limit, not a failed system call.
        var isLimit = false
    }

    /// The bytes of the file at `path`, or the `strerror(3)` text of the failed call.
    static func readFile(atPath path: String) -> Result<[UInt8], SystemReason> {
        func failure() -> Result<[UInt8], SystemReason> {
            .failure(SystemReason(text: String(cString: strerror(errno))))
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return failure() }
        defer { _ = close(descriptor) }
        InputFiles.record(path)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return failure() }
        if let problem = ReadLimits.current.fileSizeProblem(Int(status.st_size)) {
            return .failure(SystemReason(text: problem.message, hint: problem.hint, isLimit: true))
        }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1
        while true {
            var readError: Int32 = 0
            var finished = false
            let previousCount = bytes.count
            bytes.reserveCapacity(capacity)
            let additional = capacity - previousCount
            bytes.append(contentsOf: repeatElement(0, count: additional))
            let got: Int = bytes.withUnsafeMutableBufferPointer { buffer in
                var total = 0
                while total < additional {
                    let count = read(descriptor, buffer.baseAddress! + previousCount + total, additional - total)
                    if count < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        break
                    }
                    if count == 0 {
                        finished = true
                        break
                    }
                    total += count
                }
                return total
            }
            bytes.removeLast(additional - got)
            if readError != 0 { return .failure(SystemReason(text: String(cString: strerror(readError)))) }
            if finished { return .success(bytes) }
            capacity *= 2
        }
    }
}
