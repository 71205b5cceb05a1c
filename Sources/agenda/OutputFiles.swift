import AgendaCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files written whole or not at all: each goes to a temporary file in its target's folder
/// and is renamed into place only when every file of the run is written, so a failed run
/// leaves the previous files as they were.
struct OutputFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a path names on disk now.
    enum Existing {
        case nothing, regularFile, directory, other(String)
    }

    static func existing(_ path: String) -> Existing {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .nothing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .other("a symbolic link")
        case S_IFIFO: return .other("a named pipe")
        case S_IFCHR, S_IFBLK: return .other("a device")
        case S_IFSOCK: return .other("a socket")
        default: return .other("not a regular file")
        }
    }

    /// Refuses a target that exists and is not a regular file.
    static func checkTarget(_ path: String) throws {
        switch existing(path) {
        case .nothing, .regularFile: return
        case .directory:
            throw Failure(description: "'\(path)' is a directory; name a file in it, or end the path with '/' to write into it")
        case .other(let what):
            throw Failure(description: "'\(path)' is \(what), not a regular file; name a regular file to write")
        }
    }

    /// Creates a folder and its parents when missing, adding each one it creates to
    /// `created`, outermost first (also when a deeper one then fails); refuses a path that
    /// is something else.
    static func makeDirectory(_ path: String, recordingIn created: inout [String]) throws {
        switch existing(path) {
        case .directory: return
        case .nothing: break
        case .regularFile, .other:
            throw Failure(description: "'\(path)' exists and is not a directory; name a folder for the files")
        }
        let parent = directory(of: path.hasSuffix("/") ? String(path.dropLast()) : path)
        if parent != path && parent != "." && parent != "/" { try makeDirectory(parent, recordingIn: &created) }
        if mkdir(path, 0o777) == 0 {
            created.append(path)
        } else if errno != EEXIST {
            throw Failure(description: "cannot create the folder '\(path)': \(reason(errno))")
        }
    }

    /// Writes each exporter's file, or none. Each file is made in memory and goes to a
    /// temporary file on another thread while the next one is made (a large plan's files
    /// take about as long to write as to make); they are renamed into place once all are
    /// written. A failure, in an exporter or on the disk, removes the temporary files and
    /// any folder the run created, so it changes nothing.
    static func export(
        _ plan: Plan, options: ExportOptions, as files: [(exporter: any Exporter, path: String)], creatingFolder folder: String?
    ) throws {
        let writer = TemporaryFiles()
        var createdFolders: [String] = []
        do {
            for file in files {
                let bytes = try render(file.exporter, plan, options: options)
                if let folder, writer.isEmpty { try makeDirectory(folder, recordingIn: &createdFolders) }
                try checkTarget(file.path)
                writer.write(bytes, beside: file.path)
            }
            try moveIntoPlace(writer.finish())
        } catch {
            writer.discard()
            for created in createdFolders.reversed() { rmdir(created) }
            throw error
        }
    }

    /// One exporter's whole file, in memory; a failure names the format.
    static func render(_ exporter: any Exporter, _ plan: Plan, options: ExportOptions) throws -> ByteBuffer {
        let bytes = ByteBuffer(capacity: 1 << 16)
        do {
            try exporter.export(plan, options: options, into: bytes)
        } catch {
            throw Failure(description: "cannot write \(exporter.identifier): \(error)")
        }
        return bytes
    }

    /// Moves each complete temporary file onto its target.
    private static func moveIntoPlace(_ written: [(temporary: String, path: String)]) throws {
        for file in written where rename(file.temporary, file.path) != 0 {
            throw Failure(description: "cannot write '\(file.path)': \(reason(errno))")
        }
    }

    /// Temporary files written one after another on a thread of their own, in the order given.
    /// After a failed write the rest are skipped; `finish` reports it.
    final class TemporaryFiles: @unchecked Sendable {
        private let queue = DispatchQueue(label: "agenda.output-files")
        // Guarded by `lock`: the queue writes them, the caller reads them after waiting.
        private let lock = NSLock()
        private var written: [(temporary: String, path: String)] = []
        private var failure: (any Error)?
        private var count = 0

        var isEmpty: Bool { count == 0 }

        /// Hands `bytes` over to be written beside `path`; the caller does not touch them again.
        func write(_ bytes: ByteBuffer, beside path: String) {
            count += 1
            let handoff = Handoff(bytes: bytes)
            // Here, not on the queue: reading the umask sets it for the whole process for a moment.
            let mode = OutputFiles.mode(for: path)
            queue.async { [self] in
                guard lock.withLock({ failure == nil }) else { return }
                do {
                    let temporary = try writeTemporary(handoff.bytes, beside: path, mode: mode)
                    lock.withLock { written.append((temporary, path)) }
                } catch {
                    lock.withLock { failure = error }
                }
            }
        }

        /// Waits for every write; the temporary files and their targets, or the first failure.
        func finish() throws -> [(temporary: String, path: String)] {
            queue.sync {}
            return try lock.withLock {
                if let failure { throw failure }
                return written
            }
        }

        /// Waits for the writes under way and removes every temporary file.
        func discard() {
            queue.sync {}
            lock.withLock {
                for file in written { unlink(file.temporary) }
                written = []
            }
        }
    }

    /// A buffer passed to the writing thread: the caller gives it up, so only one thread uses it.
    private struct Handoff: @unchecked Sendable {
        let bytes: ByteBuffer
    }

    /// A new file in the target's folder holding `bytes`, flushed to disk, with `mode`.
    private static func writeTemporary(_ bytes: ByteBuffer, beside path: String, mode: mode_t) throws -> String {
        let folder = directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(description: "cannot write '\(path)': \(reason(errno))") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(descriptor) }
        do {
            guard bytes.write(to: descriptor) else { throw Failure(description: "cannot write '\(path)': \(reason(errno))") }
            guard fsync(descriptor) == 0 else { throw Failure(description: "cannot write '\(path)': \(reason(errno))") }
            fchmod(descriptor, mode)
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// The mode a new file would get, or the mode of the file it replaces.
    static func mode(for path: String) -> mode_t {
        var info = stat()
        if stat(path, &info) == 0 { return info.st_mode & 0o7777 }
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
