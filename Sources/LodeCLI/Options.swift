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

/// `--policies a,b`: the names, or bad input when the list names none (`--policies=,`).
func policyList(_ text: String?) throws -> [String]? {
    guard let text else { return nil }
    let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    if names.isEmpty {
        Terminal.error("error: --policies: '\(text)' names no policy (fix: name policies separated by commas, "
            + "e.g. --policies baseline,crma-65, or leave the option out for all)")
        throw ExitCode(ExitStatus.badInput)
    }
    return names
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
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
