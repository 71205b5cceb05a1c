import AgendaCore

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

    /// Creates a folder and its parents when missing; refuses a path that is something else.
    static func makeDirectory(_ path: String) throws {
        switch existing(path) {
        case .directory: return
        case .nothing: break
        case .regularFile, .other:
            throw Failure(description: "'\(path)' exists and is not a directory; name a folder for the files")
        }
        let parent = directory(of: path.hasSuffix("/") ? String(path.dropLast()) : path)
        if parent != path && parent != "." && parent != "/" { try makeDirectory(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw Failure(description: "cannot create the folder '\(path)': \(reason(errno))")
        }
    }

    /// Writes each exporter's file, or none. Every file is made in memory before anything
    /// touches the disk, so an exporter that fails partway creates no folder and changes no
    /// file; the files are then written as `write` does.
    static func export(
        _ plan: Plan, options: ExportOptions, as files: [(exporter: any Exporter, path: String)], creatingFolder folder: String?
    ) throws {
        let contents = try files.map { (path: $0.path, bytes: try render($0.exporter, plan, options: options)) }
        if let folder { try makeDirectory(folder) }
        try write(contents)
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

    /// Writes every file, or none: all temporary files are written first, then renamed.
    static func write(_ files: [(path: String, bytes: ByteBuffer)]) throws {
        var written: [(temporary: String, path: String)] = []
        do {
            for file in files {
                try checkTarget(file.path)
                written.append((try writeTemporary(file.bytes, beside: file.path), file.path))
            }
            for file in written where rename(file.temporary, file.path) != 0 {
                throw Failure(description: "cannot write '\(file.path)': \(reason(errno))")
            }
        } catch {
            for file in written { unlink(file.temporary) }
            throw error
        }
    }

    /// A new file in the target's folder holding `bytes`, flushed to disk, with the mode a
    /// new file would get (or the mode of the file it replaces).
    private static func writeTemporary(_ bytes: ByteBuffer, beside path: String) throws -> String {
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
            fchmod(descriptor, mode(for: path))
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    private static func mode(for path: String) -> mode_t {
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
