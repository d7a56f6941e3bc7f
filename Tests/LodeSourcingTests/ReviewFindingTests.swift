// Rules that were read and then dropped or half-ignored without a word, found by reviewing the
// rule kinds as a newcomer would: each is now an error at its place.
import Testing

@testable import LodeSourcing

@Suite("Rules are never dropped or half-read in silence")
struct ReviewFindingTests {
    static let withScenario =
        threeSuppliers + """

            scenarios:
              - { id: s1, loss: { country: { CHN: 0.5 } } }
            """

    static func errors(_ rule: String) throws -> [String] {
        let yaml = withPolicy(Self.withScenario, "p:\n  rules:\n    - \(rule)")
        return messages(try diagnostics(yaml)).map { line in
            // The file's place is the same for every case: compare the field, message and fix.
            String(line.split(separator: " ", maxSplits: 2).last ?? "")
        }
    }

    @Test("a survive rule over an empty or repeated scenario list is an error")
    func scenarioLists() throws {
        // Before: `scenario: []` dropped the rule (check said OK, the plan had no rule); a repeated
        // scenario wrote the same row twice.
        #expect(
            try Self.errors("{ id: r, survive: { scenario: [] }, coverage: 0.5 }") == [
                "policies.p.rules[r].survive.scenario: the scenario list names nothing "
                    + "(fix: name at least one scenario, e.g. scenario: [cn-export-ban])"
            ])
        #expect(
            try Self.errors("{ id: r, survive: { scenario: [s1, s1] }, coverage: 0.5 }") == [
                "policies.p.rules[r].survive.scenario: the scenario 's1' is listed twice (fix: list each scenario once)"
            ])
    }

    @Test(
        "min and max on kinds whose bound is another field are errors, not ignored",
        arguments: [
            (
                "{ id: r, screen: { labor: 0.1 }, max: 0.3 }", "screen", ["max"],
                "; the minimum score is the screen's value"
            ),
            ("{ id: r, exclude: { flag: artisanal }, max: 0.3, min: 0.1 }", "exclude", ["min", "max"], ""),
            (
                "{ id: r, tariff: { country: CHN }, rate: 0.25, max: 0.3 }", "tariff", ["max"],
                "; the bound of a tariff is its rate"
            ),
            (
                "{ id: r, survive: { each: country }, coverage: 0.5, max: 0.3 }", "survive", ["max"],
                "; the bound of a survive rule is its coverage"
            ),
        ])
    func ignoredBounds(rule: String, keyword: String, keys: [String], instead: String) throws {
        // Before: each was read, reported OK by check, and the bound did nothing.
        #expect(
            try Self.errors(rule)
                == keys.map {
                    "policies.p.rules[r].\($0): \(keyword) rules take no \($0) (fix: remove \($0)\(instead))"
                })
    }

    @Test("a sweep may not set a min above its rule's max (nor a max below its min), as --set may not")
    func sweptBoundsKeepTheirOrder() throws {
        let loaded = try load(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: r, share: { country: CHN }, min: 0.1, max: 0.5 }
                """))
        for (path, values) in [("policies.p.rules.r.min", [0.4, 0.6]), ("policies.p.rules.r.max", [0.3, 0.05])] {
            #expect(throws: InvalidModelError.self, "\(path)") {
                _ = try SweepRunner(loaded: loaded, policy: "p", points: .grid([SweepAxis(path: path, values: values)]))
            }
        }
        _ = try SweepRunner(
            loaded: loaded, policy: "p", points: .grid([SweepAxis(path: "policies.p.rules.r.min", values: [0.2, 0.5])]))
    }
}
