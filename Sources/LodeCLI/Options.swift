import ArgumentParser
import Foundation
import LodeSourcing

/// The model file and what to change in it, shared by every command.
struct ModelOptions: ParsableArguments {
    @Argument(help: "The model file (YAML or JSON).", completion: .file(extensions: ["yaml", "yml", "json"]))
    var model: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a number of the model: PATH=VALUE, e.g. suppliers.cod-kamoto.cost=31000 (repeatable).",
        valueName: "path=value"))
    var overrides: [String] = []

    /// Reads the model, printing warnings to stderr; bad input exits with code 2. Long tables are
    /// read on `threads` threads (default: one per core).
    func load(threads: Int? = nil) throws -> LoadedModel {
        do {
            let parsed = try overrides.map { text throws(InvalidModelError) in try Override(parsing: text) }
            let loaded = try ModelLoader.load(path: model, overrides: parsed, threads: Workers.count(threads))
            for warning in loaded.warnings { Terminal.error(warning.description) }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            let count = error.errors.count
            Terminal.error("\(count) error\(count == 1 ? "" : "s") in \(model); nothing was solved.")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: table (for people), json (for scripts) or csv (supplier rows).")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output.")
    var output: String?

    init() {}

    init(format: OutputFormat, output: String?) {
        self.format = format
        self.output = output
    }

    /// Checks `--output` before any work (a folder or an empty path is refused, exit 2).
    func check() throws {
        if let output { _ = try AtomicFile.check(output) }
    }

    /// Writes the whole text to `--output` (whole or not at all) or to standard output.
    func write(_ text: String) throws {
        guard let output else { return try StandardOutput.write(text) }
        try AtomicFile.write(text, to: output)
    }
}

/// A comma-separated list of ids given to `option`: none may be empty, and the list neither.
func idList(_ text: String, option: String, example: String) throws -> [String] {
    let ids = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !ids.contains(where: \.isEmpty) else {
        throw ValidationError(
            "\(option) '\(text)' has an empty name; give ids separated by commas, e.g. \(option) \(example)")
    }
    return ids
}

/// Checks `--jobs`: from 1 to 1,024 worker threads.
func checkJobs(_ jobs: Int?) throws {
    if let jobs, !(1...1024).contains(jobs) {
        throw ValidationError(
            "--jobs \(jobs) is not a number of worker threads from 1 to 1024 (leave it out for one per core)")
    }
}

/// Runs a command's work, turning bad input (a model that does not check, an unknown policy,
/// scenario or country) into its diagnostics on standard error and exit code 2.
func reportingBadInput<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error as InvalidModelError {
        for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
        throw ExitCode(ExitStatus.badInput)
    } catch let error as PlannerError {
        Terminal.error("error: \(error)")
        throw ExitCode(ExitStatus.badInput)
    }
}

enum Terminal {
    /// A line on standard error; a failure to write it is ignored.
    static func error(_ line: String) {
        StandardError.write(line + "\n")
    }
}
