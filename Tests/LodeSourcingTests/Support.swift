import Foundation
import Testing

@testable import LodeSourcing

/// Writes a model (and any CSV files) to a fresh folder and reads it.
func writeModel(_ yaml: String, files: [String: String] = [:]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let path = folder.appendingPathComponent("model.yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func load(_ yaml: String, files: [String: String] = [:], overrides: [Override] = []) throws -> LoadedModel {
    try ModelLoader.load(path: try writeModel(yaml, files: files), overrides: overrides)
}

/// The errors of a model that must fail to load (warnings left out), or, when only policies
/// have errors (they make those policies invalid, not the model: docs/model-language.md, "Fine points"), theirs.
func diagnostics(_ yaml: String, files: [String: String] = [:], overrides: [Override] = []) throws -> [Diagnostic] {
    let path = try writeModel(yaml, files: files)
    do {
        let loaded = try ModelLoader.load(path: path, overrides: overrides)
        if !loaded.policyErrors.isEmpty { return loaded.policyErrors }
        Issue.record("the model loaded, but errors were expected")
        return []
    } catch {
        return error.errors
    }
}

/// The diagnostics rendered with the folder removed from file names, for exact comparisons.
func messages(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
        var copy = diagnostic
        if let location = copy.location { copy.location?.file = (location.file as NSString).lastPathComponent }
        return copy.description
    }
}

func solve(_ yaml: String, policy: String? = nil, files: [String: String] = [:], overrides: [Override] = []) throws
    -> Plan
{
    try Planner.solve(try load(yaml, files: files, overrides: overrides).model, policy: policy)
}

func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

extension Plan {
    func volume(_ supplier: String) -> Double { suppliers.first { $0.id == supplier }?.volume ?? .nan }
    func rule(_ id: String) -> RuleReport? { rules.first { $0.id == id } }
    func scope(_ commodity: String, _ stage: String) -> ScopeSummary? {
        scopes.first { $0.commodity == commodity && $0.stage == stage }
    }
}

/// Three suppliers of one commodity in one stage: CHN at 10, AUS at 12, CAN at 15 per t.
let threeSuppliers = """
    name: Three suppliers
    commodities:
      - { id: metal, demand: 100 }
    countries:
      - { id: CHN, groups: [feoc], governance: 0.5 }
      - { id: AUS, groups: [allied], governance: 0.1 }
      - { id: CAN, groups: [allied], governance: 0.1 }
    suppliers:
      - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10, carbon: 2, labor: 0.4, sustainability: 0.5, flags: [artisanal] }
      - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12, carbon: 0.5, labor: 0.9, sustainability: 0.9, surge: 50, surge_fee: 1 }
      - { id: c, commodity: metal, country: CAN, capacity: 100, cost: 15, carbon: 0.5, labor: 0.8, sustainability: 0.8 }
    """

func withPolicy(_ base: String, _ policy: String) -> String {
    base + "\npolicies:\n"
        + policy.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        + "\n"
}
