import AgendaGenerator
import Foundation
import Testing

/// A fresh folder for one test's files, removed afterwards.
struct ScratchFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("agenda export")
struct ExportCommandTests {
    static let formats = ["ics", "csv", "md", "json"]
    static let environments: [[String: String]] = [
        ["TZ": "Pacific/Apia"], ["TZ": "America/St_Johns", "LANG": "de_DE.UTF-8"], ["TZ": "UTC", "LC_ALL": "C"],
    ]

    /// The seed timeline and the fixture with every shape, in every format, pinned as golden
    /// files, and byte-identical in any time zone and locale.
    @Test(arguments: ["seeds/ungass-2016.yaml", "Tests/AgendaCLITests/Fixtures/good/export.yaml"], formats)
    func everyFormatMatchesItsGoldenFile(_ file: String, _ format: String) throws {
        let output = try CLI.run(["export", file, "--format", format])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let name = file.split(separator: "/").last!.replacingOccurrences(of: ".yaml", with: "")
        try expectGolden(output.stdout, "export/\(name).\(format)")
        for environment in Self.environments {
            let again = try CLI.run(["export", file, "--format", format], environment: environment)
            #expect(again.stdout == output.stdout, "differs under \(environment)")
        }
    }

    /// Generated agendas of 50 to 400 events, by seed.
    static let generated: [UInt64: Int] = [5: 60, 23: 250, 37: 400]
    static let generatedEnvironments: [[String: String]] = [
        ["TZ": "UTC", "LC_ALL": "C"], ["TZ": "Pacific/Apia", "LANG": "de_DE.UTF-8"],
        ["TZ": "America/St_Johns", "LC_ALL": "de_DE.UTF-8"], ["TZ": "Pacific/Apia", "LANG": "C", "LC_ALL": "C"],
    ]

    /// Every file of a generated agenda, written with -o, is the same bytes in any time zone
    /// and locale the tool runs in.
    @Test(arguments: generated.keys.sorted())
    func generatedAgendasExportTheSameBytesInEveryTimeZoneAndLocale(_ seed: UInt64) throws {
        let scratch = try ScratchFolder()
        let events = try #require(Self.generated[seed])
        let file = scratch.path("generated-\(seed).yaml")
        try Data(AgendaGenerator(events: events, seed: seed).yaml().utf8).write(to: URL(fileURLWithPath: file))
        func exported(_ environment: [String: String], into folder: String) throws -> [String: Data] {
            let output = try CLI.run(["export", file, "--format", "ics,csv,md,json", "-o", folder], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            var files: [String: Data] = [:]
            for format in Self.formats { files[format] = FileManager.default.contents(atPath: "\(folder)/generated-\(seed).\(format)") }
            return files
        }
        let baseline = try exported([:], into: scratch.path("baseline"))
        for format in Self.formats { #expect(baseline[format]?.isEmpty == false, "no \(format) file") }
        for (index, environment) in Self.generatedEnvironments.enumerated() {
            let again = try exported(environment, into: scratch.path("run-\(index)"))
            for format in Self.formats {
                #expect(again[format] == baseline[format], "seed \(seed): the \(format) file differs under \(environment)")
            }
        }
    }

    @Test func theJSONExportIsThePlanContract() throws {
        let export = try CLI.run(["export", "good/plan.yaml", "--format", "json"], in: CLI.fixtures)
        let plan = try CLI.run(["plan", "good/plan.yaml", "--format", "json"], in: CLI.fixtures)
        #expect(export.status == 0)
        #expect(export.stdout == plan.stdout)
    }

    @Test func severalFormatsGoToAFolderNamedAfterTheAgendaFile() throws {
        let scratch = try ScratchFolder()
        let target = scratch.path("public/calendars")
        let output = try CLI.run(["export", "seeds/ungass-2016.yaml", "--format", "ics,csv,md", "-o", target])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["ungass-2016.csv", "ungass-2016.ics", "ungass-2016.md"])
        let single = try CLI.run(["export", "seeds/ungass-2016.yaml", "--format", "ics"])
        #expect(try String(contentsOfFile: target + "/ungass-2016.ics", encoding: .utf8) == single.stdout)
        // A path ending in '/' is a folder even for one format.
        let one = try CLI.run(["export", "seeds/ungass-2016.yaml", "--format", "csv", "-o", scratch.path("one") + "/"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("one/ungass-2016.csv")))
    }

    @Test func oneFormatWritesTheNamedFileAndLeavesNothingElse() throws {
        let scratch = try ScratchFolder()
        let output = try CLI.run(["export", "seeds/ungass-2016.yaml", "--format", "md", "-o", scratch.path("timeline.md")])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(try scratch.contents() == ["timeline.md"])
    }

    @Test func aPartyFeedHoldsOnlyThatPartysEvents() throws {
        let output = try CLI.run(["export", "good/export.yaml", "--format", "csv", "--party", "cnd"], in: CLI.fixtures)
        #expect(output.status == 0, "\(output.stderr)")
        let ids = output.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(ids == ["cnd58", "hearing"])
        let ics = try CLI.run(["export", "good/export.yaml", "--format", "ics", "--party", "cnd"], in: CLI.fixtures)
        #expect(ics.stdout.replacingOccurrences(of: "\r\n ", with: "").contains("X-WR-CALNAME:Exports: <all> the | shapes & \"quotes\" — Commission on Narcotic Drugs\r\n"))
    }

    @Test func anUnknownPartyOrFormatIsRefusedWithTheNearestName() throws {
        let party = try CLI.run(["export", "good/export.yaml", "--format", "ics", "--party", "vngco"], in: CLI.fixtures)
        #expect(party.status == 2)
        #expect(party.stdout.isEmpty)
        #expect(party.stderr == "error: 'vngco' is not a party of good/export.yaml; did you mean 'vngoc'? (parties: cnd, vngoc)\n")
        let format = try CLI.run(["export", "good/export.yaml", "--format", "icss"], in: CLI.fixtures)
        #expect(format.status == 2)
        #expect(format.stderr.contains("'icss' is not an export format; did you mean 'ics'? Formats: ics, csv, md, json."))
        // The formats' long names work too.
        let long = try CLI.run(["export", "good/export.yaml", "--format", "icalendar,markdown", "-o", "/dev/null/x"], in: CLI.fixtures)
        #expect(long.status == 2)
        #expect(long.stderr == "error: '/dev/null' exists and is not a directory; name a folder for the files\n")
        let several = try CLI.run(["export", "good/export.yaml", "--format", "ics,csv"], in: CLI.fixtures)
        #expect(several.status == 2)
        #expect(several.stderr.contains("name a folder for them with -o"))
    }

    @Test func anInfeasibleAgendaWritesNothingAndExitsOne() throws {
        let scratch = try ScratchFolder()
        let output = try CLI.run(["export", "bad/conflict.yaml", "--format", "ics,csv", "-o", scratch.path("out")], in: CLI.fixtures)
        #expect(output.status == 1)
        #expect(output.stderr.contains("[AG203]"))
        #expect(try scratch.contents().isEmpty)
        let invalid = try CLI.run(["export", "bad/wrong-types.yaml", "--format", "ics"], in: CLI.fixtures)
        #expect(invalid.status == 2)
        #expect(invalid.stdout.isEmpty)
    }

    @Test func aTargetThatIsNotARegularFileIsRefused() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path("folder"), withIntermediateDirectories: false)
        let folder = try CLI.run(["export", "good/export.yaml", "--format", "ics", "-o", scratch.path("folder")], in: CLI.fixtures)
        #expect(folder.status == 2)
        #expect(folder.stderr == "error: '\(scratch.path("folder"))' is a directory; name a file in it, or end the path with '/' to write into it\n")

        #expect(mkfifo(scratch.path("pipe"), 0o644) == 0)
        let pipe = try CLI.run(["export", "good/export.yaml", "--format", "ics", "-o", scratch.path("pipe")], in: CLI.fixtures)
        #expect(pipe.status == 2)
        #expect(pipe.stderr == "error: '\(scratch.path("pipe"))' is a named pipe, not a regular file; name a regular file to write\n")

        try FileManager.default.createSymbolicLink(atPath: scratch.path("link.ics"), withDestinationPath: "/etc/hostname")
        let link = try CLI.run(["export", "good/export.yaml", "--format", "ics", "-o", scratch.path("link.ics")], in: CLI.fixtures)
        #expect(link.status == 2)
        #expect(link.stderr.contains("is a symbolic link, not a regular file"))

        try Data("x".utf8).write(to: scratch.url.appendingPathComponent("file"))
        let under = try CLI.run(["export", "good/export.yaml", "--format", "ics", "-o", scratch.path("file/cal.ics")], in: CLI.fixtures)
        #expect(under.status == 2)
        #expect(under.stderr == "error: cannot write '\(scratch.path("file/cal.ics"))': not a directory\n")
        let asFolder = try CLI.run(["export", "good/export.yaml", "--format", "ics,csv", "-o", scratch.path("file")], in: CLI.fixtures)
        #expect(asFolder.status == 2)
        #expect(asFolder.stderr == "error: '\(scratch.path("file"))' exists and is not a directory; name a folder for the files\n")
        #expect(try scratch.contents() == ["file", "folder", "link.ics", "pipe"])
    }

    @Test func aFailedRunLeavesThePreviousFilesUntouched() throws {
        let scratch = try ScratchFolder()
        let target = scratch.path("out")
        let first = try CLI.run(["export", "good/export.yaml", "--format", "ics,csv", "-o", target], in: CLI.fixtures)
        #expect(first.status == 0)
        // The second format's target is now a folder: the run fails before anything is renamed.
        try FileManager.default.removeItem(atPath: target + "/export.csv")
        try FileManager.default.createDirectory(atPath: target + "/export.csv", withIntermediateDirectories: false)
        try Data("previous".utf8).write(to: URL(fileURLWithPath: target + "/export.ics"))
        let second = try CLI.run(["export", "good/export.yaml", "--format", "ics,csv", "-o", target], in: CLI.fixtures)
        #expect(second.status == 2)
        #expect(try String(contentsOfFile: target + "/export.ics", encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["export.csv", "export.ics"])
    }

    @Test func theStampComesFromTheAgendaThenSourceDateEpoch() throws {
        let withUpdated = try CLI.run(["export", "good/export.yaml", "--format", "ics"], in: CLI.fixtures, environment: ["SOURCE_DATE_EPOCH": "0"])
        #expect(withUpdated.stdout.contains("DTSTAMP:20160115T120000Z\r\n"))
        let plain = try CLI.run(["export", "good/plan.yaml", "--format", "ics"], in: CLI.fixtures, environment: ["SOURCE_DATE_EPOCH": "1451606400"])
        #expect(plain.stdout.contains("DTSTAMP:20160101T000000Z\r\n"))
        let bad = try CLI.run(["export", "good/plan.yaml", "--format", "ics"], in: CLI.fixtures, environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01"))
    }

    @Test func formatsListsEveryExporterOnALine() throws {
        let output = try CLI.run(["formats"])
        #expect(output.status == 0)
        let names = output.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == Self.formats)
        #expect(output.stdout.contains("text/calendar"))
    }
}
