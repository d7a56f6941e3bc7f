// The one list of rule kinds (Rules/RuleKind.swift) against what must follow it: the keywords
// documented in docs/model-language.md, a golden program per kind, the decoder's keys, the
// sweepable fields; and each in-place change writing the coefficient the rewrite writes.
import Foundation
import Testing

@testable import LodeSourcing

@Suite("Rule kinds: one list, every kind fully handled")
struct RuleKindTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/model-language.md").standardizedFileURL

    /// The keywords in the `### ` headings of "## Policies" (e.g. "### `screen` and `exclude`: ...").
    static func documentedKeywords() throws -> [String] {
        let text = try String(contentsOf: docs, encoding: .utf8)
        var keywords: [String] = []
        var inPolicies = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inPolicies = line.hasPrefix("## Policies") }
            guard inPolicies, line.hasPrefix("### ") else { continue }
            let title = line.split(separator: ":", maxSplits: 1).first ?? line
            let quoted = title.split(separator: "`", omittingEmptySubsequences: false)
            keywords += stride(from: 1, to: quoted.count, by: 2).map { String(quoted[$0]) }
        }
        return keywords
    }

    @Test("the kinds are the rule keywords documented in docs/model-language.md, in its order")
    func documented() throws {
        #expect(try Self.documentedKeywords() == RuleKinds.keywords)
        #expect(Set(RuleKinds.keywords).count == RuleKinds.all.count, "two kinds share a keyword")
    }

    @Test("every kind has a golden program (named KEYWORD or KEYWORD-...) with its file checked in")
    func golden() {
        let names = GoldenProgramTests.rules.map(\.name)
        for keyword in RuleKinds.keywords {
            let mine = names.filter { $0 == keyword || $0.hasPrefix(keyword + "-") }
            #expect(!mine.isEmpty, "no golden program for \(keyword) rules")
            for name in mine {
                let file = GoldenProgramTests.folder.appendingPathComponent(name + ".lp").path
                #expect(FileManager.default.fileExists(atPath: file), "no Golden/\(name).lp")
            }
        }
        for name in names {
            #expect(RuleKinds.keywords.contains { name == $0 || name.hasPrefix($0 + "-") }, "\(name) names no kind")
        }
    }

    @Test("the decoder's keywords and rule keys derive from the kinds, in the order messages list them")
    func decoderKeys() {
        // The first kinds keep their order: messages list the keywords and the keys in it.
        #expect(
            Array(ModelDecoder.ruleKinds.prefix(9)) == [
                "share", "hhi", "average", "screen", "exclude", "total",
                "tariff", "count", "survive",
            ])
        #expect(
            ModelDecoder.ruleKeys == [
                "id", "commodity", "stage", "priority", "min", "max", "by", "weighted", "rate",
                "at_least", "coverage", "note", "period",
            ] + ModelDecoder.ruleKinds)
        for kind in RuleKinds.all {
            #expect(!kind.valueFix.isEmpty, "\(kind.keyword) has no fix for a missing value")
        }
    }

    /// One rule of each kind, from its golden program's model.
    static func oneOfEach() throws -> [String: Rule] {
        var rules: [String: Rule] = [:]
        for golden in GoldenProgramTests.rules {
            let model = try load(golden.yaml).model
            for rule in try Planner.policy(golden.policy, of: model).rules where rules[rule.keyword] == nil {
                rules[rule.keyword] = rule
            }
        }
        return rules
    }

    @Test("a kind's fields are exactly those its checks accept; every field belongs to some kind")
    func fields() throws {
        #expect(RuleKinds.fields == Parameter.RuleField.allCases)
        let rules = try Self.oneOfEach()
        let settings = Settings()
        for kind in RuleKinds.all {
            let rule = try #require(rules[kind.keyword], "no \(kind.keyword) rule among the golden programs")
            for field in Parameter.RuleField.allCases {
                let foreign =
                    rule.kind.check(1, field, settings: settings) == "is not a number of this \(kind.keyword) rule"
                #expect(foreign == !kind.fields.contains(field), "\(kind.keyword).\(field.rawValue)")
                if foreign {
                    #expect(
                        rule.kind.setting(field, to: 1).describe() == rule.kind.describe(),
                        "\(kind.keyword): a foreign field \(field.rawValue) changed the rule")
                    #expect(rule.kind.inPlaceChange(field) == nil, "\(kind.keyword).\(field.rawValue) in place")
                }
            }
        }
    }

    @Test(
        "an in-place change writes T's coefficient exactly as the rewrite of the new value does",
        arguments: [
            ("share", "cn-cap", "max", [0.37, 0.7]), ("share", "allied-floor", "min", [0.33, 0.8]),
            ("hhi", "conc", "max", [3003, 3500, 4200]), ("weighted-hhi", "gconc", "max", [2507, 3500]),
            ("average", "fair", "min", [0.61, 0.75]), ("average", "intensity", "max", [1.3, 0.7]),
            ("survive", "hold", "coverage", [0.7, 0.9, 1]), ("survive", "lose-one", "coverage", [0.3, 0.55]),
        ])
    func inPlaceCoefficient(_ policy: String, _ id: String, _ field: String, _ values: [Double]) throws {
        let path = "policies.\(policy).rules.\(id).\(field)"
        for value in values {
            let model = try load(WarmColdTests.lp, overrides: [Override(path: path, value: value)]).model
            let formulation = try Formulation(model: model, policy: try Planner.policy(policy, of: model))
            let rows = try #require(formulation.rules.first { $0.rule.id == id })
            let change = rows.rule.kind.inPlaceChange(try #require(Parameter.RuleField(rawValue: field)))
            guard case let .totalCoefficient(sense, coefficient, bound)? = change else {
                Issue.record("\(path) is not changed in place")
                continue
            }
            #expect(bound == value)
            let changed = rows.rows.filter { $0.sense == sense }
            #expect(!changed.isEmpty, "\(path): no row of sense \(sense)")
            for row in changed {
                guard case let .stageTotal(total, _) = row.boundScale else {
                    Issue.record("\(path): a row without T")
                    continue
                }
                let entries = formulation.program.row(row.constraint)
                let written = zip(entries.columns, entries.values).first { Int($0.0) == total }?.1 ?? 0
                // Bit for bit: a warm sweep must hold the very program a cold solve builds.
                #expect(written == coefficient, "\(path) = \(value): rewrite \(written), in place \(coefficient)")
            }
        }
    }

    @Test("a weight is resolved, swept and priced for every score")
    func weightsForEveryScore() throws {
        for score in Score.allCases {
            let yaml = GoldenProgramTests.model(
                GoldenProgramTests.metal, weights: "{ \(score.rawValue): 7 }",
                rules: "- { id: cap, share: { country: CHN }, max: 0.9 }")
            let model = try load(yaml).model
            let policy = try Planner.policy("p", of: model)
            #expect(policy.weights[score] == 7, "\(score)")
            for other in Score.allCases where other != score { #expect(policy.weights[other] == 0) }
            var swept = model
            Parameter.weight(policy: "p", score: score).apply(3, to: &swept)
            #expect(try Planner.policy("p", of: swept).weights[score] == 3, "\(score) swept")
            // The objective holds the term: a's unit cost is 10 plus 7 times its carbon or deficit.
            let formulation = try Formulation(model: model, policy: policy)
            let a = model.suppliers[0]
            let expected = 10 + 7 * (score == .carbon ? a.carbon : 1 - (a.score(score) ?? 0))
            #expect(isClose(formulation.unitObjective(0, 0), expected, tolerance: 1e-12), "\(score) in the objective")
        }
    }
}
