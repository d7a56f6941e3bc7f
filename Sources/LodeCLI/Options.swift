import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

/// The model file and what to change in it, shared by every command.
struct ModelOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The model file (YAML or JSON); - reads it from standard input (its table files "
                + "then from the working folder)."), completion: .file(extensions: ["yaml", "yml", "json"]))
    var model: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a number of the model: PATH=VALUE, e.g. suppliers.cod-kamoto.cost=31000 (repeatable).",
            valueName: "path=value"))
    var overrides: [String] = []

    /// Reads the model, printing warnings to stderr; bad input exits with code 2. Long tables are
    /// read on `threads` threads (default: one per core).
    /// With `overlay`, its changes are made after the `--set`s (an overlay's value wins), and its
    /// errors point at its lines.
    func load(threads: Int? = nil, overlay: Overlay? = nil) throws -> LoadedModel {
        do {
            let parsed = try overrides.map { text throws(InvalidModelError) in try Override(parsing: text) }
            let loaded = try ModelLoader.load(
                path: model, overrides: parsed + (overlay?.overrides ?? []), threads: Workers.count(threads))
            for warning in loaded.warnings { Terminal.error(warning.description) }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            let count = error.errors.count
            let with = overlay.map { " with the overlay \($0.file)" } ?? ""
            Terminal.error("\(count) error\(count == 1 ? "" : "s") in \(model)\(with); nothing was solved.")
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
        if let solved = name ?? model.allPolicyIDs.first { warnAboutOverrides(solving: solved, in: loaded) }
        let skipped = model.allPolicyIDs.filter { model.invalidPolicies[$0] != nil }
        guard !skipped.isEmpty else { return }
        let one = skipped.count == 1
        Terminal.error(
            "warning: polic\(one ? "y" : "ies") \(Self.names(skipped)) \(one ? "is" : "are") invalid and "
                + "\(one ? "was" : "were") skipped (run 'lode check \(self.model)' for \(one ? "its" : "their") errors)"
        )
    }

    /// One warning line per `--set` under `policies.NAME` that does not reach the policy solved
    /// (NAME is neither it nor a policy it extends): the change would do nothing.
    func warnAboutOverrides(solving solved: String, in loaded: LoadedModel) {
        let paths = overrides.compactMap { text in (try? Override(parsing: text)).map(\.path) }
        warnUnreached(paths, option: "--set", solving: solved, in: loaded)
    }

    /// The same for any option that names paths (`--vary` of a sweep).
    func warnUnreached(_ paths: [String], option: String, solving solved: String, in loaded: LoadedModel) {
        for path in paths {
            guard let changed = loaded.policiesChanged(by: Override(path: path, value: 0)),
                !changed.isEmpty, !changed.contains(solved)
            else { continue }
            let touched = path.split(separator: ".", omittingEmptySubsequences: false)[1]
            Terminal.error(
                "warning: \(option) \(path) changes policy '\(touched)', but '\(solved)' is solved, "
                    + "so it does nothing (fix: add --policy \(touched))")
        }
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

/// What a command's `--format` values write, for its help (each command says its own).
protocol FormatHelp {
    static var formats: String { get }
}

/// The format an output file's extension names (.json, .csv, .jsonl, .lp, .mps, .html), if any.
func formatNamed(byExtensionOf path: String?) -> String? {
    guard let path else { return nil }
    let name = (path as NSString).lastPathComponent
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let ext = name[name.index(after: dot)...].lowercased()
    return ["json", "csv", "jsonl", "lp", "mps", "html"].contains(ext) ? ext : nil
}

/// `--format`, else the format of the output file's extension (`inferred` maps it to one of the
/// command's formats), else `fallback`; with the warning to print when a `--format` contradicts
/// the extension.
func chooseFormat<Format: RawRepresentable<String>>(
    _ explicit: Format?, output: String?, fallback: Format, inferred: (String) -> Format?
) -> (format: Format, warning: String?) {
    let named = formatNamed(byExtensionOf: output)
    guard let explicit else { return (named.flatMap(inferred) ?? fallback, nil) }
    guard let named, let output, named != explicit.rawValue, inferred(named).map({ $0 != explicit }) ?? true else {
        return (explicit, nil)
    }
    return (
        explicit,
        "warning: --format \(explicit.rawValue) writes \(explicit.rawValue) into \(output), whose "
            + "extension says \(named) (fix: leave out --format to write \(named), or rename the file)"
    )
}

/// `--format` and `--output` of a command that prints a table, JSON or CSV; `Formats` says in
/// the help what its csv holds.
struct OutputOptions<Formats: FormatHelp>: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("format")],
        help: ArgumentHelp(
            Formats.formats
                + " Default: from the --output file's extension (.json, .csv), else table.", valueName: "format"))
    var explicitFormat: OutputFormat?

    @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output.")
    var output: String?

    init() {}

    init(format: OutputFormat, output: String?) {
        self.explicitFormat = format
        self.output = output
    }

    /// The format to write: --format, else the output file's extension's, else table.
    var format: OutputFormat { chosen.format }

    private var chosen: (format: OutputFormat, warning: String?) {
        chooseFormat(explicitFormat, output: output, fallback: .table) { OutputFormat(rawValue: $0) }
    }

    /// Checks `--output` before any work (a folder or an empty path is refused, exit 2), and
    /// warns once when --format contradicts the output file's extension.
    func check() throws {
        if let output { _ = try AtomicFile.check(output) }
        if let warning = chosen.warning { Terminal.error(warning) }
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

/// Checks `--mip-gap`: a finite relative gap of at least 0.
func checkMIPGap(_ gap: Double?) throws {
    if let gap, !(gap.isFinite && gap >= 0) {
        throw ValidationError(
            "--mip-gap \(gap) is not a relative gap of 0 or more (e.g. 0.01 for 1%; leave it out for 0)")
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
            Terminal.error(
                "error: the policy '\(name)' is invalid (\(count)); nothing was solved "
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

/// `--wide` of a command that prints tables for people: without it, tables fit `COLUMNS`
/// (default 100) by wrapping long cells.
struct WidthOptions: ParsableArguments {
    @Flag(help: "Do not fit tables to the terminal (default: COLUMNS characters, else 100; long cells wrap).")
    var wide = false

    init() {}

    /// The width tables fit, nil for no limit.
    var width: Int? { Table.width(wide: wide, environment: ProcessInfo.processInfo.environment) }
}
