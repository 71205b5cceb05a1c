// `swift package --allow-writing-to-package-directory agenda-export --format ics[,csv,md,json] [-o DIR] [--party ID] [paths...]`
//
// Writes the calendars of the package's agenda files: runs `agenda export FILE --format ... -o DIR/`
// for each file, so DIR gets <base>.ics, <base>.csv, ... per agenda file (the base is the file
// name without `.agenda.yaml` or `.yaml`). DIR defaults to `calendars/` in the package. Without
// paths it exports every `*.agenda.yaml` and every `agenda.yaml` under the package directory,
// skipping `.build`, hidden folders and `Packages`; relative paths (and DIR) are taken from the
// package directory. Two files that would write the same names are refused before anything is
// written. The plugin stays thin: the `agenda` tool does the work, and its messages go through.
import Foundation
import PackagePlugin

@main
struct AgendaExportPlugin: CommandPlugin {
    static let usage = "usage: swift package --allow-writing-to-package-directory agenda-export --format ics[,csv,md,json] [-o DIR] [--party ID] [paths...]"

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        // `-o DIR` is the short form of `--output DIR` (ArgumentExtractor reads `--` options only).
        let beforeTerminator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let arguments = arguments.enumerated().map { $0.offset < beforeTerminator && $0.element == "-o" ? "--output" : $0.element }

        var extractor = ArgumentExtractor(arguments)
        if extractor.extractFlag(named: "help") > 0 || arguments.prefix(while: { $0 != "--" }).contains("-h") {
            Tool.say(Self.usage)
            return
        }
        let formats = extractor.extractOption(named: "format")
        let outputs = extractor.extractOption(named: "output")
        let parties = extractor.extractOption(named: "party")
        try AgendaFiles.rejectUnknownOptions(in: arguments, extractor: extractor, valued: ["format", "output", "party"], usage: Self.usage, plugin: "agenda-export")
        guard let format = formats.last else {
            throw PluginFailure("agenda-export: name the formats with --format, e.g. --format ics,csv,md; \(Self.usage)")
        }

        let root = context.package.directoryURL
        let files = try AgendaFiles.resolve(extractor.remainingArguments, in: root, plugin: "agenda-export")
        var folder = outputs.last ?? "calendars"
        if !folder.hasSuffix("/") { folder += "/" }

        // The tool names each output after its agenda file; two files with one base name would overwrite each other.
        var owners: [String: String] = [:]
        for file in files {
            let base = Self.baseName(file)
            if let other = owners[base] {
                throw PluginFailure("agenda-export: \(other) and \(file) would both be written as \(folder)\(base).*; export them one at a time with -o, or rename one")
            }
            owners[base] = file
        }

        let tool = try context.tool(named: "agenda")
        var failed: [String] = []
        for file in files {
            var toolArguments = ["export", file, "--format", format, "-o", folder]
            if let party = parties.last { toolArguments += ["--party", party] }
            let status = try Tool.run(tool.url, toolArguments, in: root)
            if status == 0 {
                let written = format.split(separator: ",").map { "\(folder)\(Self.baseName(file)).\($0.trimmingCharacters(in: .whitespaces))" }
                Tool.say("agenda-export: \(file) -> \(written.joined(separator: ", "))")
            } else {
                failed.append("\(file) (exit \(status))")
            }
        }
        guard failed.isEmpty else {
            throw PluginFailure("agenda-export: 'agenda export' failed for \(failed.count) of \(AgendaFiles.count(files.count)): \(failed.joined(separator: ", ")); see its messages")
        }
    }

    /// The base name `agenda export` gives the files it writes for `file`.
    static func baseName(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        for suffix in [".agenda.yaml", ".agenda.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

/// A failure the plugin reports as one error line (SwiftPM prints it and exits with 1).
struct PluginFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Finding agenda files. (The same code is in AgendaCheckPlugin: plugins cannot share sources.)
enum AgendaFiles {
    /// Folders never searched, besides hidden ones (`.build`, `.git`, `.swiftpm`, ...).
    static let skippedFolders: Set<String> = ["Packages"]

    static func isAgendaFile(_ name: String) -> Bool {
        name == "agenda.yaml" || (name.hasSuffix(".agenda.yaml") && name.count > ".agenda.yaml".count)
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 file" : "\(n) files" }

    /// Fails on an option the plugin does not know (`--repoter`, `-x`) or an option without its value.
    static func rejectUnknownOptions(in arguments: [String], extractor: ArgumentExtractor, valued: [String], usage: String, plugin: String) throws {
        let beforeTerminator = arguments.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        for (index, argument) in beforeTerminator.enumerated() where valued.contains(where: { argument == "--\($0)" }) {
            let next = index + 1 < beforeTerminator.count ? beforeTerminator[index + 1] : nil
            if next == nil || next!.hasPrefix("-") {
                throw PluginFailure("\(plugin): \(argument) needs a value; \(usage)")
            }
        }
        let unknown = extractor.unextractedOptionsOrFlags
            + beforeTerminator.filter { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0 != "-" }
        if let first = unknown.first {
            throw PluginFailure("\(plugin): unknown option '\(first)'; \(usage)")
        }
    }

    /// The files to work on, as paths relative to `root` (absolute when outside it), sorted.
    /// No arguments: every agenda file under `root`. Fails when there is none, or a path is missing.
    static func resolve(_ arguments: [String], in root: URL, plugin: String) throws -> [String] {
        let fileManager = FileManager.default
        var found: [URL] = []
        if arguments.isEmpty {
            found = search(root)
            guard !found.isEmpty else {
                throw PluginFailure("\(plugin): no agenda files found in \(root.path) (looked for *.agenda.yaml and agenda.yaml, skipping .build, hidden folders and Packages); pass the files to check as arguments")
            }
        } else {
            for argument in arguments {
                let url = argument.hasPrefix("/") ? URL(fileURLWithPath: argument) : root.appendingPathComponent(argument)
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                    throw PluginFailure("\(plugin): no such file or folder: \(argument) (relative paths are taken from the package directory \(root.path))")
                }
                if isFolder.boolValue {
                    let inFolder = search(url)
                    guard !inFolder.isEmpty else {
                        throw PluginFailure("\(plugin): no agenda files found in \(argument) (looked for *.agenda.yaml and agenda.yaml)")
                    }
                    found += inFolder
                } else {
                    found.append(url)
                }
            }
        }
        var seen: Set<String> = []
        return found.map { relative($0, to: root) }.filter { seen.insert($0).inserted }
    }

    /// Every agenda file under `folder`, sorted by path.
    static func search(_ folder: URL) -> [URL] {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isDirectory == true {
                if name.hasPrefix(".") || skippedFolders.contains(name) { walker.skipDescendants() }
            } else if values?.isRegularFile == true, isAgendaFile(name) {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `url` relative to `root` when it lies inside it, else its absolute path.
    static func relative(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// Running the `agenda` tool.
enum Tool {
    /// Writes one line to standard output at once (not through print's buffer, so that it keeps
    /// its place among the tool's lines).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs `executable` in `folder`; writes its standard output through line by line (its
    /// standard error goes straight through) and returns its exit status.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let reader = pipe.fileHandleForReading
        var pending = Data()
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            if let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) {
                FileHandle.standardOutput.write(pending[...lastNewline])
                pending.removeSubrange(...lastNewline)
            }
        }
        if !pending.isEmpty { FileHandle.standardOutput.write(pending + Data("\n".utf8)) }
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            throw PluginFailure("agenda was stopped by signal \(process.terminationStatus): \(arguments.joined(separator: " "))")
        }
        return process.terminationStatus
    }
}
