// The GNU parallel example of docs/workflows.md, run as written: four shards on the local cores,
// merged with `lode merge`, equal to the unsharded sweep byte for byte (the example is --cold).
import Foundation
import Testing

@Suite("The GNU parallel example of docs/workflows.md")
struct ParallelCLITests {
    /// The ```sh block of docs/workflows.md that runs `parallel`.
    static func block() throws -> String {
        let text = try String(
            contentsOf: CLITests.root.appendingPathComponent("docs/workflows.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        return try #require(blocks.first { $0.contains("parallel -j") })
    }

    static let parallel = ["/usr/bin/parallel", "/usr/local/bin/parallel"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("four shards with GNU parallel, merged, equal the unsharded sweep")
    func parallelShards() throws {
        guard Self.parallel != nil else {
            print("skipped: GNU parallel is not installed (apt-get install parallel; .ci/run installs it)")
            return
        }
        let folder = try CLITests.scratchWithModels("parallel")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let binary = Bundle.main.bundleURL.appendingPathComponent("lode")
        let lode =
            FileManager.default.fileExists(atPath: binary.path)
            ? binary : CLITests.root.appendingPathComponent(".build/debug/lode")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // parallel's citation notice is silenced by --will-cite in its environment.
        process.arguments = ["-euo", "pipefail", "-c", try Self.block()]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = lode.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PARALLEL"] = "--will-cite"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("merged 51 points from 4 shards"))

        let whole = try CLITests.lode(
            in: folder,
            [
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary",
                "policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.01", "--cold", "--output", "whole.csv",
            ])
        #expect(whole.status == 0)
        for (merged, unsharded) in [("sweep.csv", "whole.csv"), ("sweep.csv.manifest.json", "whole.csv.manifest.json")]
        {
            let a = FileManager.default.contents(atPath: "\(folder)/\(merged)")
            #expect(a != nil && a == FileManager.default.contents(atPath: "\(folder)/\(unsharded)"), "\(merged)")
        }
    }
}
