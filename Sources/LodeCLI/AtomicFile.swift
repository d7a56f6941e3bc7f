// Every file Lode writes, whole or not at all: a path is checked before any work, the bytes go to
// a temporary file in the same folder, and rename(2) puts it in place (it never replaces a folder).
// Also standard output and standard error written with write(2), so that a full disk is an error.
import Foundation
import Synchronization

/// A file (or standard output) that cannot be written: the path, what is wrong and the fix.
/// `badInput` when the path itself is wrong (exit 2), otherwise an I/O failure (exit 1).
struct FileProblem: Error, CustomStringConvertible {
    let path: String
    let message: String
    let fix: String?
    let badInput: Bool

    var description: String {
        "cannot write \(path == "" ? "\"\"" : path): \(message)" + (fix.map { " (fix: \($0))" } ?? "")
    }

    /// Exit code 2 for a wrong path, 1 for an I/O failure.
    var exitCode: Int32 { badInput ? ExitStatus.badInput : ExitStatus.other }

    static func io(_ path: String, _ code: Int32, fix: String? = nil) -> FileProblem {
        FileProblem(path: path, message: String(cString: strerror(code)), fix: fix, badInput: false)
    }
}

enum AtomicFile {
    /// Where the bytes for a path go: `path` (a symbolic link resolved, so the link stays and its
    /// file is replaced), replaced through a temporary file; or, for an existing character device
    /// or pipe (`/dev/null`, a FIFO), written in place, since such a file cannot be replaced.
    struct Target: Sendable {
        let path: String
        let inPlace: Bool
        /// The permissions of the file it replaces, if any.
        let mode: mode_t?
    }

    /// Checks `path` before any work: an empty path, a folder (`.`, `x/`, an existing folder), a
    /// path in a missing folder, and anything but a regular file, device or pipe are refused
    /// (exit 2); a folder that cannot be written to is an I/O failure (exit 1). Nothing is touched.
    static func check(_ path: String, example: String = "plan.json") throws(FileProblem) -> Target {
        func refuse(_ message: String, _ fix: String) -> FileProblem {
            FileProblem(path: path, message: message, fix: fix, badInput: true)
        }
        guard !path.isEmpty else {
            throw refuse("an empty path names no file", "give a file name, e.g. --output \(example)")
        }
        let name = (path as NSString).lastPathComponent
        if path.hasSuffix("/") || name == "." || name == ".." {
            throw refuse(
                "it names a folder; Lode writes files and never replaces a folder",
                "give a file name in that folder, e.g. \(path.hasSuffix("/") ? path : path + "/")\(example)")
        }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                throw refuse(
                    "it is a folder; Lode writes files and never replaces a folder",
                    "give a file name in it, e.g. \(path)/\(example), or another path")
            case S_IFREG:
                var link = stat()
                var resolved = path
                if lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK {
                    guard let real = realPath(path) else {
                        throw refuse("its symbolic link cannot be followed", "give the file's own path")
                    }
                    resolved = real
                }
                // Never a temporary file in /dev or /proc (/dev/stdout redirected to a file is such a link).
                let system = ["/dev/", "/proc/"].contains { (resolved + "/").hasPrefix($0) || path.hasPrefix($0) }
                if system {
                    return Target(path: path, inPlace: true, mode: nil)
                }
                try checkFolder(of: resolved, path: path)
                return Target(path: resolved, inPlace: false, mode: status.st_mode & 0o7777)
            case S_IFCHR, S_IFIFO:
                return Target(path: path, inPlace: true, mode: nil)
            default:
                throw refuse("it is not a regular file", "give the path of a file")
            }
        }
        let code = errno
        if code == ENOTDIR {
            throw refuse("a part of the path before the file name is not a folder", "give a path through folders")
        }
        if code == ENAMETOOLONG { throw refuse("the path or its file name is too long", "give a shorter file name") }
        try checkFolder(of: path, path: path)
        return Target(path: path, inPlace: false, mode: nil)
    }

    /// The folder the temporary file goes to must exist and be writable.
    private static func checkFolder(of file: String, path: String) throws(FileProblem) {
        let folder = folderName(file)
        var status = stat()
        guard stat(folder, &status) == 0 else {
            throw FileProblem(
                path: path, message: "the folder \(folder) does not exist",
                fix: "create it first, or give another path", badInput: true)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw FileProblem(
                path: path, message: "\(folder) is not a folder", fix: "give a path through folders",
                badInput: true)
        }
        guard access(folder, W_OK) == 0 else { throw FileProblem.io(path, errno, fix: unwritableFolder) }
    }

    static let unwritableFolder = "choose a folder you can write to (the file is written there first, then renamed)"

    static func folderName(_ file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes `text` to `path` whole or not at all.
    static func write(_ text: String, to path: String) throws(FileProblem) {
        let file = try Writer(path: path)
        do {
            try file.write(text)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A file being written: bytes go to a temporary file beside the target (`.NAME.lode-XXXXXX`);
    /// `commit()` moves it into place, `discard()` (or dropping the writer uncommitted) removes it.
    final class Writer: Sendable {
        let path: String
        private let target: Target
        private let temporary: String?
        private let state: Mutex<(descriptor: Int32, done: Bool)>

        convenience init(path: String) throws(FileProblem) {
            try self.init(path: path, target: try AtomicFile.check(path))
        }

        init(path: String, target: Target) throws(FileProblem) {
            self.path = path
            self.target = target
            if target.inPlace {
                let descriptor = open(target.path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw FileProblem.io(path, errno) }
                temporary = nil
                state = Mutex((descriptor, false))
                return
            }
            // Short enough for NAME_MAX (255 bytes) with the suffix, cut at a character boundary.
            var name = ""
            for character in (target.path as NSString).lastPathComponent {
                guard name.utf8.count + String(character).utf8.count <= 200 else { break }
                name.append(character)
            }
            var template = Array("\(AtomicFile.folderName(target.path))/.\(name).lode-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw FileProblem.io(path, errno, fix: AtomicFile.unwritableFolder) }
            temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            state = Mutex((descriptor, false))
            // mkstemp makes the file private (0600): give it the mode of the file it replaces, or
            // that of a new file (0666 less the umask).
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, target.mode ?? (0o666 & ~mask))
        }

        deinit { discard() }

        func write(_ text: String) throws(FileProblem) {
            var text = text
            let code: Int32? = text.withUTF8 { bytes in
                state.withLock { state in state.done ? EBADF : Descriptor.writeAll(state.descriptor, bytes) }
            }
            if let code { throw FileProblem.io(path, code, fix: fix(for: code)) }
        }

        /// Flushes the file to disk and renames it over the target.
        func commit() throws(FileProblem) {
            let code: Int32? = state.withLock { state in
                guard !state.done else { return EBADF }
                state.done = true
                defer { close(state.descriptor) }
                guard let temporary else { return nil }
                if fsync(state.descriptor) != 0 && errno != EINVAL { return errno }
                return rename(temporary, target.path) == 0 ? nil : errno
            }
            if let code {
                if let temporary { unlink(temporary) }
                throw FileProblem.io(path, code, fix: fix(for: code))
            }
        }

        /// Removes the temporary file; the target stays as it was.
        func discard() {
            let wasOpen: Bool = state.withLock { state in
                guard !state.done else { return false }
                state.done = true
                close(state.descriptor)
                return true
            }
            if wasOpen, let temporary { unlink(temporary) }
        }

        private func fix(for code: Int32) -> String? {
            switch code {
            case ENOSPC, EDQUOT, EFBIG:
                let kept = temporary == nil ? "" : "; \(path) was left as it was"
                return "free some space, or write to another disk" + kept
            case EISDIR: return "a folder took the file's place while Lode was writing; give another path"
            default: return nil
            }
        }
    }
}

/// write(2) on a file descriptor, all bytes or an error number.
enum Descriptor {
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// Standard output: a write error (a full disk, a closed pipe) is reported and exits 1.
enum StandardOutput {
    static func write(_ text: String) throws(FileProblem) {
        var text = text
        if let code = text.withUTF8({ Descriptor.writeAll(STDOUT_FILENO, $0) }) { throw failed(code) }
    }

    static func failed(_ code: Int32) -> FileProblem {
        FileProblem(path: "standard output", message: String(cString: strerror(code)), fix: nil, badInput: false)
    }
}

/// Standard error: messages and progress; a failure to write them is ignored.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        _ = text.withUTF8 { Descriptor.writeAll(STDERR_FILENO, $0) }
    }
}
