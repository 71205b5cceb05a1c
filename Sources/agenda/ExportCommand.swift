import AgendaCSV
import AgendaCore
import AgendaICalendar
import AgendaMarkdown
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exporters the tool offers, in the order `agenda formats` lists them.
let exporters: [any Exporter] = [ICalendarExporter(), CSVExporter(), MarkdownExporter(), JSONExporter()]

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Plan an agenda and write it as a calendar, a spreadsheet, a page or JSON.",
        discussion: """
            Formats (see 'agenda formats'): ics (iCalendar, for calendar apps), csv (for \
            spreadsheets), md (Markdown with a Mermaid chart, for GitHub), json (for programs).

            With one format and no -o, the file goes to standard output. -o FILE writes one \
            format to FILE; with several formats, or a path ending in '/', -o names a folder \
            (created if needed) that gets one file per format, named after the agenda file: \
            ungass-2016.ics, ungass-2016.csv, ...

            Files are written whole or not at all: each goes to a temporary file beside its \
            target and replaces it only once every file is written. Output is the same bytes \
            for the same input on any machine; the iCalendar time stamp comes from \
            'agenda.updated', else SOURCE_DATE_EPOCH, else 1970-01-01, never the clock.

            Exit status: 0 when the files are written; 1 when the agenda cannot be planned \
            (nothing is written); 2 when the input is invalid or an output cannot be written.

            Every format, its fields and its escaping rules: docs/export.md.

            Examples:
              agenda export seeds/ungass-2016.yaml --format ics > ungass.ics
              agenda export seeds/ungass-2016.yaml --format ics,csv,md -o public/
              agenda export seeds/ungass-2016.yaml --format ics --party vngoc -o vngoc.ics
            """
    )

    @Argument(help: "The agenda file to export.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: ArgumentHelp("One format or a comma-separated list: ics, csv, md, json.", valueName: "formats"))
    var format: String

    @Option(name: .shortAndLong, help: ArgumentHelp("A file for one format; a folder for several.", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Only the events this party (by id) takes part in: a personal feed.", valueName: "id"))
    var party: String?

    @OptionGroup var input: InputOptions

    /// What people also call the formats.
    static let longNames = ["ical": "ics", "icalendar": "ics", "markdown": "md"]

    /// The exporters named by `--format`, in that order, each once.
    func selectedExporters() throws -> [any Exporter] {
        var selected: [any Exporter] = []
        for name in format.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces() }) {
            let identifier = Self.longNames[name.lowercased()] ?? name.lowercased()
            guard let exporter = exporters.first(where: { $0.identifier == identifier || $0.fileExtension == identifier }) else {
                let names = exporters.map(\.identifier)
                let hint = Suggestion.closest(to: name.lowercased(), in: names).map { "did you mean '\($0)'? " } ?? ""
                throw ValidationError("'\(name)' is not an export format; \(hint)Formats: \(names.joined(separator: ", ")).")
            }
            if !selected.contains(where: { $0.identifier == exporter.identifier }) { selected.append(exporter) }
        }
        return selected
    }

    func validate() throws {
        let selected = try selectedExporters()
        if selected.count > 1 && output == nil {
            throw ValidationError("Several formats write several files: name a folder for them with -o, e.g. -o public/.")
        }
    }

    func run() throws {
        let selected = try selectedExporters()
        var plan = try Pipeline(loader: input.loader).feasiblePlan(file)

        guard let stamp = ExportOptions.stamp(for: plan.agenda, environment: environment()) else {
            fail("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, e.g. 1451606400")
        }
        var options = ExportOptions(stamp: stamp)
        if let party {
            guard let known = plan.agenda.parties[party] else {
                let ids = plan.agenda.parties.keys.sorted()
                let hint = Suggestion.hint(for: party, in: ids).map { "; \($0)" } ?? ""
                let list = ids.isEmpty ? " (it declares none)" : " (parties: \(ids.joined(separator: ", ")))"
                fail("'\(party)' is not a party of \(file)\(hint)\(list)")
            }
            plan = plan.restricted(toParty: party)
            options.party = known
        }

        do {
            guard output != nil else {
                _ = try OutputFiles.render(selected[0], plan, options: options).write(to: 1)
                return
            }
            let files = selected.map { (exporter: $0, path: target(for: $0, count: selected.count)) }
            try OutputFiles.export(plan, options: options, as: files, creatingFolder: folder(count: selected.count))
        } catch {
            fail("\(error)")
        }
    }

    /// The folder the files go to, when -o names one.
    private func folder(count: Int) -> String? {
        guard let output else { return nil }
        return count > 1 || output.hasSuffix("/") ? output : nil
    }

    private func target(for exporter: any Exporter, count: Int) -> String {
        guard let folder = folder(count: count) else { return output ?? "-" }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        var base = name
        for suffix in [".agenda.yaml", ".agenda.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            base = String(name.dropLast(suffix.count))
            break
        }
        let separator = folder.hasSuffix("/") ? "" : "/"
        return "\(folder)\(separator)\(base).\(exporter.fileExtension)"
    }

    private func fail(_ message: String) -> Never {
        writeError("error: \(message)\n")
        terminate(AgendaExit.invalidInput.rawValue)
    }

    private func environment() -> [String: String] {
        guard let value = getenv("SOURCE_DATE_EPOCH") else { return [:] }
        return ["SOURCE_DATE_EPOCH": String(cString: value)]
    }
}

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the export formats, one a line: name, media type, what it is for."
    )

    func run() {
        var output = StandardOutput()
        let width = exporters.map(\.mediaType.count).max() ?? 0
        for exporter in exporters {
            let media = exporter.mediaType + String(repeating: " ", count: width - exporter.mediaType.count)
            output.write("\(exporter.identifier.padding(4))  \(media)  \(exporter.summary)\n")
        }
        output.flush()
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
