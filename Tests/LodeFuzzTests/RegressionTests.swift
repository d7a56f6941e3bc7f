// Replays the fuzzers' findings (Fuzz/regressions/) and the seed corpus (Fuzz/corpus/) through the
// built LodeFuzz binary, one child process per file, so that a crashing file fails its own case
// instead of killing the test process.
import Foundation
import Testing

@Suite("fuzz regressions: the reader, validator and formulation never crash")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The files replayed: every regression, then every seed (paths relative to the package root).
    static let files: [String] = ["Fuzz/regressions", "Fuzz/corpus"].flatMap { folder in
        let path = root.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    /// How a run of the harness on one file ended, nil when it read the file and exited 0.
    static func failure(replaying file: String, timeout: Double = 20) throws -> String? {
        let binary = Bundle.main.bundleURL.appendingPathComponent("LodeFuzz")
        let harness =
            FileManager.default.fileExists(atPath: binary.path)
            ? binary.path : root.appendingPathComponent(".build/debug/LodeFuzz").path
        let process = Process()
        // At most 1 GB of memory, so that a memory blow-up fails the case instead of the machine, and
        // killed at the timeout by timeout(1) (exit 137).
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -v 1048576; exec timeout -s KILL \"$0\" \"$1\" \"$2\"", "\(Int(timeout))",
            harness, file,
        ]
        process.currentDirectoryURL = root
        // No symbolicated backtrace on a crash (seconds of CPU each); the runtime's message stays.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = Reader(err.fileHandleForReading)
        _ = Reader(out.fileHandleForReading)
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 137 {
            return "no answer within \(Int(timeout)) s (a hang), or killed"
        }
        if process.terminationReason == .exit && process.terminationStatus == 0 { return nil }
        let fatal = stderr.text().split(separator: "\n").first {
            $0.contains("Fatal error") || $0.contains("runtime failure")
        }
        let how =
            process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "exit code \(process.terminationStatus)"
        return how + (fatal.map { ": \($0)" } ?? "")
    }

    /// Drains a pipe on its own thread (a full pipe would block the child).
    final class Reader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test("the harness replays files", .enabled(if: !files.isEmpty))
    func harnessRuns() throws {
        #expect(try Self.failure(replaying: "Fuzz/corpus/json-small.json") == nil)
    }

    @Test("no crash, hang or memory blow-up", arguments: files)
    func noCrash(file: String) throws {
        if let failure = try Self.failure(replaying: file) {
            Issue.record("\(file): \(failure)")
        }
    }
}
