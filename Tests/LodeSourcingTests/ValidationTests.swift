import Testing

@testable import LodeSourcing

/// Every problem a planner can make is reported at once, with its place, the field, what is
/// wrong and what would fix it. The messages are part of the interface: tested word for word.
@Suite("Validation: clear errors before anything is solved")
struct ValidationTests {
    @Test("unknown keys get a 'did you mean'")
    func unknownKey() throws {
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacty: 100, cost: 10 }
            """)
        #expect(
            messages(found) == [
                "model.yaml:4:46: error: suppliers[a].capacty: unknown field 'capacty' (fix: did you mean 'capacity'?)",
                "model.yaml:4:5: error: suppliers[a].capacity: the required field 'capacity' is missing (fix: add 'capacity: ...')",
            ])
    }

    @Test("wrong types, negative and non-finite numbers, scores outside [0, 1]")
    func numbers() throws {
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: lots }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: -5, cost: 1e999, labor: 1.5 }
            """)
        #expect(
            messages(found) == [
                "model.yaml:2:26: error: commodities[metal].demand: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)",
                "model.yaml:4:56: error: suppliers[a].capacity: -5 is negative (fix: use a number >= 0)",
                "model.yaml:4:66: error: suppliers[a].cost: 1e999 is not a finite number (fix: write a finite number)",
                "model.yaml:4:80: error: suppliers[a].labor: 1.5 is outside [0, 1] (fix: use a fraction between 0 and 1 (0.25 for 25%))",
            ])
        #expect(found.count == 4)
        #expect(
            found.map(\.field) == [
                "commodities[metal].demand", "suppliers[a].capacity", "suppliers[a].cost", "suppliers[a].labor",
            ])
        #expect(found[1].message == "-5 is negative" && found[1].fix == "use a number >= 0")
        #expect(found[3].message == "1.5 is outside [0, 1]")
    }

    @Test("duplicate ids and unknown references")
    func references() throws {
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: 100, stages: [mining, refining] }
            countries:
              - { id: CHN, groups: [feoc] }
            suppliers:
              - { id: a, commodity: metal, stage: mining, country: CHN, capacity: 100, cost: 10 }
              - { id: a, commodity: metal, stage: mining, country: CHN, capacity: 100, cost: 10 }
              - { id: b, commodity: metl, stage: mining, country: CHN, capacity: 100, cost: 10 }
              - { id: c, commodity: metal, stage: refinng, country: CHN, capacity: 100, cost: 10 }
              - { id: d, commodity: metal, stage: refining, country: AUS, capacity: 100, cost: 10 }
              - { id: e, commodity: metal, country: CHN, capacity: 100, cost: 10 }
            policies:
              p:
                extends: basline
              q:
                rules:
                  - { share: { group: alied }, min: 0.5 }
                  - { survive: { scenario: cn-ban }, coverage: 0.5 }
            """)
        #expect(
            messages(found) == [
                "model.yaml:7:5: error: suppliers[a].id: the id 'a' is used twice (first at line 6) (fix: give every entry its own id)",
                "model.yaml:8:5: error: suppliers[b].commodity: unknown commodity 'metl' (fix: did you mean 'metal'?)",
                "model.yaml:9:5: error: suppliers[c].stage: metal has no stage 'refinng' (fix: did you mean 'refining'?)",
                "model.yaml:10:5: error: suppliers[d].country: the country 'AUS' is not listed under countries (fix: add it to the countries)",
                "model.yaml:11:5: error: suppliers[e].stage: the stage is required because metal has stages mining, refining (fix: add 'stage: mining' (or another of its stages))",
                "model.yaml:13:3: error: policies.p.extends: the parent policy 'basline' does not exist (fix: extend one of: p, q)",
                "model.yaml:17:9: error: policies.q.rules[q#1].share.group: unknown group 'alied' (fix: use one of: feoc)",
                "model.yaml:18:9: error: policies.q.rules[q#2].survive.scenario: unknown scenario 'cn-ban' (fix: define it under scenarios)",
            ])
    }

    @Test("a bad number is one error: the commodity or supplier it belongs to is still there for what names it")
    func noCascade() throws {
        // Before: every supplier of the commodity was reported as naming an unknown commodity,
        // and every rule with a stage as naming a stage no commodity has.
        do {
            _ = try ModelLoader.load(
                path: ShippedModelTests.path("cobalt"),
                overrides: [Override(path: "commodities.cobalt.demand", value: -5)])
            Issue.record("a negative demand was accepted")
        } catch {
            #expect(
                messages(error.diagnostics) == [
                    "--set:1:1: error: commodities[cobalt].demand: -5 is not positive (fix: use a number > 0)"
                ])
        }
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: 100, stages: [mining, refining] }
            suppliers:
              - { id: m, commodity: metal, stage: mining, country: CHN, capacity: -1, cost: 10 }
              - { id: r, commodity: metal, stage: refining, country: CHN, capacity: 100, cost: lots }
            routes:
              - { from: m, to: r, cost: 1 }
            policies:
              p:
                rules:
                  - { share: { supplier: r }, max: 0.5 }
            """)
        #expect(
            messages(found) == [
                "model.yaml:4:71: error: suppliers[m].capacity: -1 is negative (fix: use a number >= 0)",
                "model.yaml:5:84: error: suppliers[r].cost: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)",
            ])
    }

    @Test("cycles in extends")
    func cycles() throws {
        let found = try diagnostics(
            withPolicy(
                threeSuppliers,
                """
                a: { extends: b }
                b: { extends: a }
                """))
        #expect(found.map(\.message).contains("policies extend each other in a cycle: a -> b -> a"))
    }

    @Test("rules: neither min nor max, two kinds, two selector keys, options of another kind, the HHI floor")
    func rules() throws {
        let found = try diagnostics(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: r1, share: { country: CHN } }
                    - { id: r2, share: { country: CHN }, hhi: country, max: 0.5 }
                    - { id: r3, share: { country: CHN, flag: artisanal }, max: 0.5 }
                    - { id: r4, share: { country: CHN }, max: 0.5, rate: 0.2 }
                    - { id: r5, hhi: country, max: 400 }
                """))
        #expect(
            found.map(\.message) == [
                "the rule has neither min nor max",
                "a rule has one kind, but this one has share and hhi",
                "a selector has exactly one key, found country and flag",
                "'rate' applies only to tariff rules",
                "no HHI cap below 500 can be met: the piecewise-linear bound with hhi_segments = 20 counts every source as at least 1/20 of the volume",
            ])
        #expect(
            found[4].fix
                == "raise max to 500 or more, or raise settings.hhi_segments (the floor is 10000 / hhi_segments)")
    }

    @Test("a policy that uses a score some supplier lacks names both")
    func missingScores() throws {
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10, labor: 0.5 }
              - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12 }
            policies:
              p:
                weights: { sustainability: 5 }
                rules:
                  - { id: avg, average: labor, min: 0.5 }
            """)
        #expect(
            found.map(\.message) == [
                "policy p's sustainability weight uses the sustainability score, which suppliers a, b lack",
                "rule avg uses the labor score, which supplier b lacks",
            ])
    }

    @Test("ids are strings whatever YAML would make of them (the Norway problem)")
    func norway() throws {
        let model = try load(
            """
            commodities:
              - { id: 1e3, demand: 100 }
            suppliers:
              - { id: yes, commodity: 1e3, country: NO, capacity: 100, cost: 10 }
              - { id: "on", commodity: 1e3, country: ON, capacity: 100, cost: 11 }
            """
        ).model
        #expect(model.commodities[0].id == "1e3")
        #expect(model.suppliers.map(\.country) == ["NO", "ON"])
        #expect(model.suppliers.map(\.id) == ["yes", "on"])
    }

    @Test("CSV problems point at the row and column")
    func csvLocations() throws {
        let found = try diagnostics(
            """
            commodities:
              - { id: metal, demand: 100 }
            suppliers: suppliers.csv
            """,
            files: [
                "suppliers.csv":
                    "id,commodity,country,capacity,cost,labor\na,metal,CHN,100,10,\nb,metal,AUS,-1,12,0.5\n"
            ])
        #expect(found.count == 1)
        #expect(found[0].location?.line == 3 && found[0].location?.column == 4)
        #expect(found[0].field == "suppliers[b].capacity")
    }

    @Test("an empty CSV cell is an absent field")
    func emptyCells() throws {
        let model = try load(
            """
            commodities:
              - { id: metal, demand: 100 }
            suppliers: suppliers.csv
            """,
            files: ["suppliers.csv": "id,commodity,country,capacity,cost,input_ratio,flags\na,metal,CHN,100,10,,x;y\n"]
        ).model
        #expect(model.suppliers[0].inputRatio == 1)
        #expect(model.suppliers[0].labor == nil)
        #expect(model.suppliers[0].flags == ["x", "y"])
    }

    @Test("a missing table file and YAML syntax errors")
    func files() throws {
        let missing = try diagnostics("commodities:\n  - { id: metal, demand: 100 }\nsuppliers: nowhere.csv\n")
        #expect(missing.map(\.message) == ["the table file 'nowhere.csv' cannot be read"])
        let syntax = try diagnostics("commodities: [\n  - id: metal\n")
        #expect(syntax.count == 1 && syntax[0].field == "(syntax)")
    }

    @Test("overrides change any number; a wrong path gets a suggestion")
    func overrides() throws {
        let model = try load(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: cap, share: { country: CHN }, max: 0.3 }"),
            overrides: [
                Override(path: "commodities.metal.demand", value: 150),
                Override(path: "suppliers.b.cost", value: 11),
                Override(path: "policies.p.rules.cap.max", value: 0.4),
                Override(path: "policies.p.weights.carbon", value: 80),
            ]
        ).model
        #expect(model.commodities[0].demand == 150)
        #expect(model.suppliers[1].cost == 11)
        #expect(model.policies[0].weights.carbon == 80)
        if let share = model.policies[0].rules[0].kind as? ShareRule, let max = share.max {
            #expect(max == 0.4)
        } else {
            Issue.record("not a share")
        }
        let found = try diagnostics(threeSuppliers, overrides: [Override(path: "suppliers.bb.cost", value: 1)])
        #expect(
            messages(found) == [
                "--set:1:1: error: suppliers.bb.cost: no element 'bb' in this list (fix: did you mean 'b'?)"
            ])
        #expect(throws: InvalidModelError.self) { try Override(parsing: "suppliers.b.cost=cheap") }
        #expect(try Override(parsing: "a.b=0.25") == Override(path: "a.b", value: 0.25))
    }

    @Test("a rule without an id is addressed by POLICY#N or #N")
    func generatedIDs() throws {
        let yaml = withPolicy(threeSuppliers, "p:\n  rules:\n    - { share: { country: CHN }, max: 0.3 }")
        let byName = try load(yaml, overrides: [Override(path: "policies.p.rules.p#1.max", value: 0.5)]).model
        let byNumber = try load(yaml, overrides: [Override(path: "policies.p.rules.#1.max", value: 0.6)]).model
        if let share = byName.policies[0].rules[0].kind as? ShareRule, let max = share.max { #expect(max == 0.5) }
        if let share = byNumber.policies[0].rules[0].kind as? ShareRule, let max = share.max { #expect(max == 0.6) }
    }

    @Test("warnings: a flag nobody carries, a floor whose selector picks nothing")
    func warnings() throws {
        let loaded = try load(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: x, exclude: { flag: artisinal } }
                """))
        #expect(loaded.warnings.map(\.message) == ["no supplier carries the flag 'artisinal', so it selects nothing"])
        #expect(loaded.warnings[0].fix == "did you mean 'artisanal'?")
    }

    static let oneBadPolicy = withPolicy(
        threeSuppliers,
        """
        baseline: {}
        tight:
          rules:
            - { id: cap, hhi: country, max: 400 }
        stricter:
          extends: tight
        strictest:
          extends: stricter
          weights: { carbon: 5 }
        """)

    @Test("an error in one policy makes that policy invalid, not the model; what extends it is invalid too")
    func invalidPolicy() throws {
        // Before: the model did not load, so no policy could be solved.
        let loaded = try load(Self.oneBadPolicy)
        let model = loaded.model
        #expect(model.policies.map(\.id) == ["baseline"])
        #expect(model.allPolicyIDs == ["baseline", "tight", "stricter", "strictest"])
        #expect(Set(model.invalidPolicies.keys) == ["tight", "stricter", "strictest"])
        #expect(
            messages(loaded.policyErrors) == [
                "model.yaml:16:9: error: policies.tight.rules[cap].max: no HHI cap below 500 can be met: the "
                    + "piecewise-linear bound with hhi_segments = 20 counts every source as at least 1/20 of the volume "
                    + "(fix: raise max to 500 or more, or raise settings.hhi_segments (the floor is 10000 / hhi_segments))",
                "model.yaml:17:3: error: policies.stricter.extends: the parent policy 'tight' is invalid, so this policy "
                    + "is too (fix: correct the errors of 'tight', or extend another policy)",
                "model.yaml:19:3: error: policies.strictest.extends: the parent policy 'stricter' is invalid, so this "
                    + "policy is too (fix: correct the errors of 'tight' (from which 'stricter' inherits), or extend "
                    + "another policy)",
            ])
        #expect(messages(model.invalidPolicies["strictest"] ?? []) == [messages(loaded.policyErrors)[2]])
        #expect(isClose(try Planner.solve(model, policy: "baseline").objective, 1000))
        #expect(isClose(try Planner.solve(model).objective, 1000))
        #expect(throws: PlannerError.invalidPolicy("tight", errors: model.invalidPolicies["tight"]!)) {
            try Planner.solve(model, policy: "tight")
        }
        let all = ["baseline", "tight", "stricter", "strictest"]
        #expect(throws: PlannerError.unknownPolicy("tigth", available: all)) {
            try Planner.solve(model, policy: "tigth")
        }
        #expect(
            PlannerError.unknownPolicy("tigth", available: model.allPolicyIDs).description
                == "the model has no policy 'tigth' (did you mean 'tight'?). "
                + "Use one of: baseline, tight, stricter, strictest.")
        // Errors outside the policies still invalidate the model, and every error is reported.
        let both = try diagnostics(
            Self.oneBadPolicy.replacingOccurrences(
                of: "capacity: 100, cost: 15",
                with: "capacity: -1, cost: 15"))
        #expect(
            both.map(\.field) == [
                "suppliers[c].capacity", "policies.tight.rules[cap].max",
                "policies.stricter.extends", "policies.strictest.extends",
            ])
    }

    @Test("a rule kind written without its value is a located error, not a crash")
    func kindWithoutValue() throws {
        // Before: a force-unwrap crashed the check.
        let kinds = ["share", "hhi", "average", "screen", "exclude", "total", "tariff", "count", "survive"]
        let found = try diagnostics(
            withPolicy(
                threeSuppliers,
                "p:\n  rules:\n"
                    + kinds.map { "    - { \($0): , max: 0.5 }" }.joined(separator: "\n")))
        let fixes = [
            "say whose share it bounds, e.g. share: { country: CHN }",
            "say what the HHI is over: hhi: country or hhi: supplier",
            "name the score: average: sustainability, labor or carbon",
            "name one score and its minimum, e.g. screen: { labor: 0.3 }",
            "say which suppliers, e.g. exclude: { flag: artisanal }",
            "name what the budget counts: total: carbon or total: cost",
            "say which suppliers pay it, e.g. tariff: { country: CHN }",
            "say what is counted: count: supplier or count: country",
            "name the disruptions, e.g. survive: { each: country } or survive: { scenario: ID }",
        ]
        #expect(
            messages(found)
                == zip(kinds, fixes).enumerated().map { position, kind in
                    "model.yaml:\(15 + position):11: error: policies.p.rules[#\(position + 1)].\(kind.0): "
                        + "'\(kind.0)' has no value (fix: \(kind.1))"
                })
    }

    @Test("an empty policies mapping is one policy, baseline, with no rules, and a warning")
    func emptyPolicies() throws {
        // Before: it passed check with no policy at all, and every command that solves crashed.
        let loaded = try load(threeSuppliers + "\npolicies: {}\n")
        #expect(loaded.model.policies.map(\.id) == ["baseline"] && loaded.model.policies[0].rules.isEmpty)
        #expect(
            messages(loaded.warnings) == [
                "model.yaml:12:11: warning: policies: the mapping is empty, so the model has one policy, baseline, "
                    + "with no rules (as without 'policies') (fix: list policies under 'policies', or leave the key out)"
            ])
        #expect(isClose(try Planner.solve(loaded.model).objective, 1000))
        #expect(try Comparer.compare(loaded.model).columns.map(\.policy) == ["baseline"])
    }

    /// threeSuppliers with policies added to its tree in code (parsing 100,000 policies of YAML
    /// takes seconds in a debug build): each (id, parent, rules) at line 100 + its position.
    static func withPolicies(_ policies: [(id: String, extends: String?, rules: [String])]) throws -> LoadedModel {
        var log = DiagnosticLog()
        var tree = try #require(TreeReader.parseYAML(threeSuppliers, file: "model.yaml", log: &log))
        typealias Place = LodeSourcing.SourceLocation
        func at(_ line: Int, _ column: Int) -> Place { Place(file: "model.yaml", line: line, column: column) }
        func scalar(_ text: String, _ place: Place) -> Tree { Tree(.scalar(text), at: place) }
        func entry(_ key: String, _ place: Place, _ value: Tree) -> Tree.Entry {
            Tree.Entry(key: key, keyLocation: place, value: value)
        }
        var entries: [Tree.Entry] = []
        for (offset, policy) in policies.enumerated() {
            let line = 100 + offset
            var fields: [Tree.Entry] = []
            if let parent = policy.extends {
                fields.append(entry("extends", at(line, 5), scalar(parent, at(line, 14))))
            }
            if !policy.rules.isEmpty {
                let rules = policy.rules.map { id in
                    let country = entry("country", at(line, 37), scalar("CHN", at(line, 46)))
                    let selector = Tree(.mapping([country]), at: at(line, 37))
                    return Tree(
                        .mapping([
                            entry("id", at(line, 20), scalar(id, at(line, 24))),
                            entry("share", at(line, 30), selector),
                            entry("max", at(line, 50), scalar("0.9", at(line, 55))),
                        ]), at: at(line, 18))
                }
                fields.append(entry("rules", at(line, 16), Tree(.sequence(rules), at: at(line, 18))))
            }
            entries.append(entry(policy.id, at(line, 3), Tree(.mapping(fields), at: at(line, 5))))
        }
        guard case var .mapping(top) = tree.value else { throw InvalidModelError(diagnostics: []) }
        top.append(entry("policies", at(99, 1), Tree(.mapping(entries), at: at(100, 3))))
        tree.value = .mapping(top)
        return try ModelLoader.decode(tree, file: "model.yaml", overrides: [])
    }

    @Test("a chain of 100,000 extends written child first resolves without recursion", .timeLimit(.minutes(1)))
    func longChain() throws {
        // Before: the recursive resolution overflowed the stack.
        let count = 100_000
        let policies = (1...count).map {
            (id: "p\($0)", extends: $0 < count ? "p\($0 + 1)" : nil, rules: $0 == count ? ["cap"] : [])
        }
        let model = try Self.withPolicies(policies).model
        #expect(model.policies.count == count && model.invalidPolicies.isEmpty)
        let first = try #require(model.policy(named: "p1"))
        #expect(first.rules.map(\.id) == ["cap"] && first.rules[0].policy == "p\(count)")
        #expect(isClose(try Planner.solve(model, policy: "p1").objective, 90 * 10 + 10 * 12))
    }

    @Test(
        "a cycle of 100,000 extends is one error, abbreviated; its members are invalid, the rest solve",
        .timeLimit(.minutes(1)))
    func longCycle() throws {
        // Before: minutes of work and one message per member, each naming the whole cycle.
        let count = 100_000
        let policies =
            [(id: "baseline", extends: nil, rules: [])]
            + (1...count).map { (id: "p\($0)", extends: "p\($0 % count + 1)", rules: [String]()) }
        let loaded = try Self.withPolicies(policies)
        let cycle =
            "model.yaml:101:3: error: policies.p1.extends: policies extend each other in a cycle: "
            + "p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> p7 -> p8 -> p9 -> p10 -> ... and 99,990 more -> p1 "
            + "(fix: remove one of the 'extends' in the cycle)"
        #expect(messages(loaded.policyErrors) == [cycle])
        #expect(loaded.model.policies.map(\.id) == ["baseline"] && loaded.invalidPolicies.count == count)
        #expect(messages(loaded.invalidPolicies["p77777"] ?? []) == [cycle])
        // A policy extending the cycle names the member it extends; the cycle is still reported once.
        let tail = try Self.withPolicies([
            (id: "x", extends: "b", rules: []), (id: "a", extends: "b", rules: []),
            (id: "b", extends: "a", rules: []),
        ])
        #expect(
            messages(tail.policyErrors) == [
                "model.yaml:100:3: error: policies.x.extends: the parent policy 'b' is invalid, so this policy is too "
                    + "(fix: correct the errors of 'a' (from which 'b' inherits), or extend another policy)",
                "model.yaml:101:3: error: policies.a.extends: policies extend each other in a cycle: a -> b -> a "
                    + "(fix: remove one of the 'extends' in the cycle)",
            ])
    }

    @Test("the rules all policies hold once inherited are bounded", .timeLimit(.minutes(1)))
    func resolvedRuleLimit() throws {
        // 1,500 policies, each extending the next and adding a rule: 1 + 2 + ... + 1,500 rules.
        let count = 1_500
        let policies = (1...count).map { (id: "p\($0)", extends: $0 < count ? "p\($0 + 1)" : nil, rules: ["r\($0)"]) }
        do {
            _ = try Self.withPolicies(policies)
            Issue.record("the model loaded")
        } catch let error as InvalidModelError {
            #expect(
                messages(error.diagnostics) == [
                    "model.yaml:100:3: error: policies: the policies hold 1,125,750 rules once each repeats the rules it "
                        + "inherits, more than the limit of 1,000,000 (fix: shorten the chains of 'extends' in which every "
                        + "policy adds rules)"
                ])
        }
    }

}

@Suite("JSON model files")
struct JSONModelTests {
    @Test("a JSON model reads like its YAML twin, with errors at the JSON line and column")
    func json() throws {
        let path = try writeModel(
            """
            {
              "name": "JSON model",
              "commodities": [{ "id": "metal", "demand": 100 }],
              "suppliers": [
                { "id": "a", "commodity": "metal", "country": "CHN", "capacity": 100, "cost": 10 },
                { "id": "b", "commodity": "metal", "country": "AUS", "capacity": 100, "cost": 12 }
              ],
              "policies": { "capped": { "rules": [{ "id": "cn-cap", "share": { "country": "CHN" }, "max": 0.3 }] } }
            }
            """)
        let plan = try Planner.solve(try ModelLoader.load(path: path).model, policy: "capped")
        #expect(isClose(plan.objective, 300 + 840))
        let bad = try writeModel(
            """
            { "commodities": [{ "id": "metal", "demand": 100 }],
              "suppliers": [{ "id": "a", "commodity": "metal", "country": "CHN", "capacity": "lots", "cost": 10 }] }
            """)
        do {
            _ = try ModelLoader.load(path: bad)
            Issue.record("expected an error")
        } catch {
            #expect(
                messages(error.errors) == [
                    "model.yaml:2:82: error: suppliers[a].capacity: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)"
                ])
        }
    }
}
