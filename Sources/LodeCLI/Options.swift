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

    func write(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Terminal.error("cannot write \(output): \(error.localizedDescription) (fix: check that its folder exists and is writable)")
            throw ExitCode(ExitStatus.other)
        }
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
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
