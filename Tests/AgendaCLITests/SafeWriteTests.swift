import AgendaCore
import AgendaGenerator
import Foundation
import Testing

@testable import agenda

/// Files are written whole or not at all: a run that fails partway, in an exporter or on the
/// disk, leaves every previous file as it was, no temporary file, and nothing outside the
/// path it was given.
@Suite("Safe writes")
struct SafeWriteTests {
    /// Writes part of its file, then fails, as an exporter that meets something it cannot
    /// represent halfway through would.
    struct HalfwayFailingExporter: Exporter {
        struct Unrepresentable: Error, CustomStringConvertible {
            var description: String { "an event it cannot represent" }
        }

        var identifier: String { "half" }
        var fileExtension: String { "half" }
        var mediaType: String { "text/plain" }
        var summary: String { "half a file, then an error" }

        func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws {
            output.append("the first half of \(plan.items.count) items\n")
            throw Unrepresentable()
        }
    }

    static let plan: Plan = {
        let here = SourceLocation(file: "safe.yaml", line: 1, column: 1)
        var session = Event(id: "session", title: "Session", location: here)
        session.start = Located(.date(LocalDate(year: 2016, month: 3, day: 14)!), at: here)
        session.end = Located(.date(LocalDate(year: 2016, month: 3, day: 22)!), at: here)
        var paper = Event(id: "paper", title: "Paper", location: here)
        paper.duration = Located(Duration(5, .workingDays), at: here)
        paper.constraints = [Constraint(.before, "session", gap: Duration(2, .weeks), at: here)]
        paper.schedule = .alap
        return Scheduler().plan(Agenda(id: "safe", events: [session, paper], location: here))
    }()

    static let options = ExportOptions(stamp: Instant(secondsSinceEpoch: 0))

    static func exporter(_ identifier: String) throws -> any Exporter {
        try #require(exporters.first { $0.identifier == identifier })
    }

    static func contents(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            result[name] = FileManager.default.contents(atPath: "\(folder)/\(name)")
        }
        return result
    }

    @Test func anExporterThatFailsHalfwayLeavesThePreviousFilesAndNoTemporaryOne() throws {
        #expect(Self.plan.isFeasible)
        let scratch = try ScratchFolder()
        let folder = scratch.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for name in ["safe.ics", "safe.half", "safe.csv"] {
            try Data("previous \(name)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
        }
        let before = try Self.contents(folder)
        // The calendar is made before the failing exporter runs, the spreadsheet after it.
        let files: [(exporter: any Exporter, path: String)] = [
            (try Self.exporter("ics"), "\(folder)/safe.ics"), (HalfwayFailingExporter(), "\(folder)/safe.half"),
            (try Self.exporter("csv"), "\(folder)/safe.csv"),
        ]
        #expect {
            try OutputFiles.export(Self.plan, options: Self.options, as: files, creatingFolder: folder)
        } throws: { error in
            "\(error)" == "cannot write half: an event it cannot represent"
        }
        #expect(try Self.contents(folder) == before)
        #expect(try scratch.contents() == ["out"])

        // A folder that does not exist yet is not created for a run that fails.
        let fresh = scratch.path("new/calendars")
        #expect(throws: OutputFiles.Failure.self) {
            try OutputFiles.export(
                Self.plan, options: Self.options, as: files.map { ($0.exporter, fresh + "/" + $0.path.split(separator: "/").last!) },
                creatingFolder: fresh)
        }
        #expect(try scratch.contents() == ["out"])

        // Without the failing exporter the same run replaces both files.
        try OutputFiles.export(Self.plan, options: Self.options, as: [files[0], files[2]], creatingFolder: folder)
        let after = try Self.contents(folder)
        #expect(after.keys.sorted() == ["safe.csv", "safe.half", "safe.ics"])
        #expect(after["safe.ics"] != before["safe.ics"])
        #expect(String(decoding: after["safe.csv"] ?? Data(), as: UTF8.self).contains("paper"))
        #expect(after["safe.half"] == before["safe.half"])
    }

    /// The disk refuses a write partway through a file: the tool runs with a file-size limit
    /// (and the signal that limit sends ignored, so the write fails with EFBIG instead).
    @Test(arguments: ["ics,csv", "csv,ics"])
    func aWriteThatFailsPartwayLeavesThePreviousFilesAndNoTemporaryOne(_ formats: String) throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("generated.yaml")
        try Data(AgendaGenerator(events: 400, seed: 9).yaml().utf8).write(to: URL(fileURLWithPath: file))
        let folder = scratch.path("out")
        let first = try CLI.run(["export", file, "--format", "ics,csv", "-o", folder])
        #expect(first.status == 0, "\(first.stderr)")
        let sizes = try Self.contents(folder).mapValues(\.count)
        let (ics, csv) = (try #require(sizes["generated.ics"]), try #require(sizes["generated.csv"]))
        #expect(csv < ics)
        for name in ["generated.ics", "generated.csv"] {
            try Data("previous \(name)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
        }
        let before = try Self.contents(folder)
        // Room for the spreadsheet but not the calendar: with `csv,ics` the spreadsheet's
        // temporary file is complete when the calendar's write fails; with `ics,csv` the
        // first write fails.
        let blocks = (csv + ics) / 2 / 512
        let limited = "trap '' XFSZ; ulimit -f \(blocks) && exec \"$0\" \"$@\""
        let output = try CLI.run(
            ["-c", limited, CLI.binary.path, "export", file, "--format", formats, "-o", folder],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(output.status == 2)
        #expect(output.stderr == "error: cannot write '\(folder)/generated.ics': file too large\n")
        #expect(try Self.contents(folder) == before)
        #expect(try scratch.contents() == ["generated.yaml", "out"])
    }

    /// A folder that cannot be made, past parents the run has made: the parents go too.
    @Test func aFolderThatCannotBeMadeLeavesNoneOfItsParents() throws {
        let scratch = try ScratchFolder()
        let tooLong = scratch.path("new/calendars/" + String(repeating: "x", count: 300))
        let files: [(exporter: any Exporter, path: String)] = [(try Self.exporter("ics"), tooLong + "/safe.ics")]
        #expect {
            try OutputFiles.export(Self.plan, options: Self.options, as: files, creatingFolder: tooLong)
        } throws: { error in
            "\(error)".hasPrefix("cannot create the folder '\(tooLong)': file name too long")
        }
        #expect(try scratch.contents() == [])
    }

    /// The disk refuses the first write into folders the run made: they are removed with
    /// the temporary file.
    @Test func aWriteThatFailsInANewFolderLeavesNoFolder() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("generated.yaml")
        try Data(AgendaGenerator(events: 400, seed: 9).yaml().utf8).write(to: URL(fileURLWithPath: file))
        let folder = scratch.path("out/calendars") + "/"
        let limited = "trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\""
        let output = try CLI.run(
            ["-c", limited, CLI.binary.path, "export", file, "--format", "ics,csv", "-o", folder],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(output.status == 2)
        #expect(output.stderr == "error: cannot write '\(folder)generated.ics': file too large\n")
        #expect(try scratch.contents() == ["generated.yaml"])
    }
}
