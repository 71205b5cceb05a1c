import AgendaFuzzing
import Foundation
import Testing

/// Replays, through the fuzz targets' own bodies, every input a fuzzer ever failed on
/// (`Inputs/TARGET/`) and the seed corpus it starts from (`Fuzz/corpus/TARGET/`).
@Suite struct FuzzRegressionTests {
    static let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs")
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func files(_ target: String) -> [URL] {
        [inputs, corpus].flatMap { folder in
            let urls = (try? FileManager.default.contentsOfDirectory(
                at: folder.appendingPathComponent(target), includingPropertiesForKeys: nil)) ?? []
            return urls.filter { !$0.lastPathComponent.hasPrefix(".") }
        }.sorted { $0.path < $1.path }
    }

    @Test func bothTargetsHaveInputs() {
        #expect(Self.files("pipeline").count >= 20)
        #expect(Self.files("time").count >= 10)
    }

    @Test(arguments: files("pipeline"))
    func pipeline(_ file: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: file))
        #expect(throws: Never.self) { try FuzzTargets.pipeline(bytes) }
    }

    @Test(arguments: files("time"))
    func time(_ file: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: file))
        #expect(throws: Never.self) { try FuzzTargets.timeArithmetic(bytes) }
    }
}
