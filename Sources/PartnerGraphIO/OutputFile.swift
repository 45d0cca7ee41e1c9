import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a command has read, so that none of its outputs replaces one.
///
/// A program that reads its inputs and writes its outputs once (the
/// `partnergraph` commands) calls ``guardInputs()`` at start; from then on
/// every reader of this module records the file it opens (graph files, the
/// files of a CSV pair, strategies, rosters, mappings, names files) by device
/// and inode, and ``AtomicFile`` refuses to write to a path that resolves to
/// one of them: through a symbolic link, a `./` or `../` spelling, or a hard
/// link. Off by default, so an editor-like program may load and save one file.
public enum InputFiles {
    struct Identity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
    }

    private struct State: Sendable {
        var guarding = false
        var read: [Identity: String] = [:]
    }

    private static let state = Mutex(State())

    /// Starts recording the files read and refusing outputs over them.
    public static func guardInputs() {
        state.withLock { $0.guarding = true }
    }

    /// Records `path` as an input; every reader calls it after opening a file.
    static func record(_ path: String) {
        guard let id = identity(of: path) else { return }
        state.withLock { s in
            if s.guarding && s.read[id] == nil { s.read[id] = path }
        }
    }

    /// The recorded input `path` would overwrite, if any.
    static func input(sameAs path: String) -> String? {
        guard let id = identity(of: path) else { return nil }
        return state.withLock { $0.guarding ? $0.read[id] : nil }
    }

    /// Device and inode of the file `path` resolves to (symbolic links followed).
    static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

/// Writes to a file descriptor, reporting a full disk, a closed pipe or an
/// I/O error as a diagnostic instead of stopping the program.
enum Descriptor {
    /// Writes every byte to `fd`; `path` names the destination in the error.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(GraphFileError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw error(failure, path: path) }
    }

    /// The diagnostic for a failed write, with a fix for the usual causes.
    static func error(_ code: Int32, path: String) -> GraphFileError {
        let reason = String(cString: strerror(code))
        let hint: String
        switch code {
        case EPIPE: hint = "the program reading the output stopped before the end; nothing more was written"
        case ENOSPC, EDQUOT: hint = "free some space on that disk or write elsewhere; nothing was replaced"
        case EIO: hint = "the device reported an error; check the disk or write elsewhere"
        case EBADF: hint = "the output is closed; redirect it to a file"
        default: hint = "check that the destination exists and is writable"
        }
        return GraphFileError(path: path, message: "cannot write: \(reason)", hint: hint)
    }
}

/// Standard output and standard error that never stop the program on a
/// write error: `SIGPIPE` is ignored by ``ignoreBrokenPipeSignal()`` and a
/// closed pipe, a full disk (`> /dev/full`) or an I/O error becomes a
/// ``GraphFileError`` naming `<standard output>`.
public enum StandardStream {
    /// Makes a write to a closed pipe fail with `EPIPE` instead of killing the process.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `bytes` to standard output.
    public static func writeOutput(_ bytes: [UInt8]) throws(GraphFileError) {
        try Descriptor.writeAll(bytes, to: STDOUT_FILENO, path: "<standard output>")
    }

    /// Writes `text` to standard error; a failure there has nowhere to be reported and is ignored.
    public static func writeError(_ text: String) {
        try? Descriptor.writeAll(Array(text.utf8), to: STDERR_FILENO, path: "<standard error>")
    }
}

/// Writes files atomically: a temporary file in the same directory, then a rename.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically; `-` writes to standard output.
    public static func write(_ bytes: [UInt8], to path: String) throws(GraphFileError) {
        if path == "-" {
            try StandardStream.writeOutput(bytes)
            return
        }
        try write([(bytes, path)])
    }

    /// Writes several files as one step: every temporary file first, then the
    /// renames, so that a failed write (a full disk, a directory that cannot
    /// be written) replaces none of them and leaves no temporary file behind.
    /// With ``InputFiles/guardInputs()`` on, a path that resolves to an input
    /// is refused before anything is written.
    public static func write(_ files: [(bytes: [UInt8], path: String)]) throws(GraphFileError) {
        for (_, path) in files {
            if let input = InputFiles.input(sameAs: path) {
                let same = input == path ? "" : " (\(input))"
                throw GraphFileError(path: path, message: "refusing to write over an input of this command\(same)",
                                     hint: "write to another path; an input is never replaced, not even with --force",
                                     isUsageError: true)
            }
        }
        // A rename fails on a directory in the way; look before writing anything.
        for (_, path) in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw GraphFileError(path: path, message: "cannot write: it is a directory",
                                     hint: "choose another output path or move the directory")
            }
        }
        var written: [(tmp: String, path: String)] = []
        func removeTemporaries() {
            for file in written { unlink(file.tmp) }
        }
        for (bytes, path) in files {
            let url = URL(fileURLWithPath: path)
            let tmp = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
            do {
                try writeNew(bytes, to: tmp, shownAs: path)
            } catch {
                removeTemporaries()
                throw error
            }
            written.append((tmp, path))
        }
        for (index, file) in written.enumerated() where rename(file.tmp, file.path) != 0 {
            let code = errno
            for later in written[index...] { unlink(later.tmp) }
            throw Descriptor.error(code, path: file.path)
        }
    }

    /// Creates `tmp` and writes `bytes` to it; on any failure (including at
    /// `close`, where some file systems report a full disk) the file is removed.
    private static func writeNew(_ bytes: [UInt8], to tmp: String, shownAs path: String) throws(GraphFileError) {
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let code = errno
            throw GraphFileError(path: path, message: "cannot write: \(String(cString: strerror(code)))",
                                 hint: "check that the directory exists and is writable")
        }
        do {
            try Descriptor.writeAll(bytes, to: fd, path: path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if close(fd) != 0 {
            let code = errno
            unlink(tmp)
            throw Descriptor.error(code, path: path)
        }
    }
}
