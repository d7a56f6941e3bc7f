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

    /// Before a command solves one policy (`name`, or the model's first): an invalid one is bad
    /// input (its errors, exit 2); otherwise one line says which invalid policies are skipped.
    func selectPolicy(_ name: String?, in loaded: LoadedModel) throws {
        let model = loaded.model
        if let asked = name ?? model.allPolicyIDs.first, model.invalidPolicies[asked] != nil {
            _ = try reportingBadInput { try Planner.policy(asked, of: model) }
        }
        let skipped = model.allPolicyIDs.filter { model.invalidPolicies[$0] != nil }
        guard !skipped.isEmpty else { return }
        let one = skipped.count == 1
        Terminal.error("warning: polic\(one ? "y" : "ies") \(Self.names(skipped)) \(one ? "is" : "are") invalid and "
            + "\(one ? "was" : "were") skipped (run 'lode check \(self.model)' for \(one ? "its" : "their") errors)")
    }

    /// 'a', 'b' and 'c'; a long list by its first ten and how many more.
    static func names(_ ids: [String]) -> String {
        let quoted = ids.prefix(10).map { "'\($0)'" }
        if ids.count > 10 { return quoted.joined(separator: ", ") + " and \(ids.count - 10) more" }
        return quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
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
        if case let .invalidPolicy(name, errors) = error {
            for diagnostic in errors { Terminal.error(diagnostic.description) }
            let count = "\(errors.count) error\(errors.count == 1 ? "" : "s")"
            Terminal.error("error: the policy '\(name)' is invalid (\(count)); nothing was solved "
                + "(fix: correct it, or name another policy with --policy)")
        } else {
            Terminal.error("error: \(error)")
        }
        throw ExitCode(ExitStatus.badInput)
    }
}

enum Terminal {
    /// A line on standard error; a failure to write it is ignored.
    static func error(_ line: String) {
        StandardError.write(line + "\n")
    }
}
