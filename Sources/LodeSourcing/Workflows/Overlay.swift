// A scenario overlay: a small YAML file of `--set` changes with an optional name and probability,
// read for `lode solve --overlay FILE` and `lode sweep --overlays FILE...`.
import Foundation

/// A named set of changes to a model's numbers, as `--set` makes them:
///
/// ```yaml
/// name: lithium price spike      # optional: default the file name without its extension
/// probability: 0.15              # optional, from 0 to 1
/// set:
///   suppliers.chn-li-refining-a.cost: 18000
///   policies.friend-shoring.rules.cn-cap.max: 0.4
/// ```
///
/// Each change keeps the place of its key in the file, so an unknown path or a bad value is an
/// error at that line and column of the overlay.
public struct Overlay: Sendable, Equatable {
    public var name: String
    public var probability: Double?
    /// The changes in the order written, each located in the file.
    public var overrides: [Override]
    /// The file as given.
    public var file: String
    /// SHA-256 of the file's bytes, for the run manifest.
    public var sha256: String

    /// The keys an overlay file may have.
    static let keys = ["name", "probability", "set"]

    /// Reads and checks the overlay file at `path` (not yet against a model).
    public static func read(path: String) throws(InvalidModelError) -> Overlay {
        switch ModelLoader.readText(URL(fileURLWithPath: path), limit: ReaderLimits.modelFileBytes) {
        case let .success(text): return try parse(text, file: path)
        case let .failure(problem):
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: nil, field: path, "the overlay file cannot be read (\(problem.reason))",
                    fix: "give the path of a YAML overlay, e.g. models/battery-materials/scenarios/demand-surge.yaml")
            ])
        }
    }

    /// Reads an overlay from its text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(InvalidModelError) -> Overlay {
        var log = DiagnosticLog()
        guard let tree = TreeReader.parseYAML(text, file: file, log: &log) else {
            throw InvalidModelError(diagnostics: log.all)
        }
        let example = "name: demand surge, probability: 0.2, set: { commodities.lithium.demand: 3600 }"
        guard let entries = tree.entries else {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: tree.location, field: "overlay", "expected a mapping, found \(tree.kindName)",
                    fix: "write name:, probability: and set: keys, e.g. \(example)")
            ])
        }
        var name = Self.defaultName(file)
        var probability: Double?
        var overrides: [Override] = []
        for entry in entries {
            switch entry.key {
            case "name":
                if let text = Fields.identifier(entry.value, field: "name", log: &log) { name = text }
            case "probability":
                probability = Fields.number(entry.value, field: "probability", .unit, log: &log)
            case "set":
                overrides = changes(entry.value, log: &log)
            default:
                log.error(
                    entry.keyLocation, entry.key, "an overlay has no key '\(entry.key)'",
                    fix: Suggestion.didYouMean(entry.key, in: keys)
                        ?? "an overlay has the keys name, probability and set")
            }
        }
        if log.hasErrors { throw InvalidModelError(diagnostics: log.all) }
        return Overlay(
            name: name, probability: probability, overrides: overrides, file: file,
            sha256: SHA256.hex(Data(text.utf8)))
    }

    /// The `set:` mapping: each key a path, each value a plain number.
    private static func changes(_ tree: Tree, log: inout DiagnosticLog) -> [Override] {
        if case .null = tree.value { return [] }
        guard let entries = tree.entries else {
            log.error(
                tree.location, "set", "expected a mapping of paths to numbers, found \(tree.kindName)",
                fix: "write one PATH: VALUE per line under set:, e.g. suppliers.ID.capacity: 0")
            return []
        }
        var overrides: [Override] = []
        for entry in entries {
            guard entry.value.scalar != nil else {
                log.error(
                    entry.value.location, "set.\(entry.key)", "expected a number, found \(entry.value.kindName)",
                    fix: "write each path in full with its number, as for --set, e.g. suppliers.ID.capacity: 0")
                continue
            }
            guard let value = Fields.number(entry.value, field: "set.\(entry.key)", .any, log: &log) else { continue }
            overrides.append(Override(path: entry.key, value: value, location: entry.keyLocation))
        }
        return overrides
    }

    /// The file's name without its folder and extension: `scenarios/price-spike.yaml` is `price-spike`.
    static func defaultName(_ file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? name : stem
    }
}
