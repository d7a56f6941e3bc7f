import Testing
@testable import LodeSourcing

/// Every problem a planner can make is reported at once, with its place, the field, what is
/// wrong and what would fix it. The messages are part of the interface: tested word for word.
@Suite("Validation: clear errors before anything is solved")
struct ValidationTests {
    @Test("unknown keys get a 'did you mean'")
    func unknownKey() throws {
        let found = try diagnostics("""
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacty: 100, cost: 10 }
            """)
        #expect(messages(found) == [
            "model.yaml:4:46: error: suppliers[a].capacty: unknown field 'capacty' (fix: did you mean 'capacity'?)",
            "model.yaml:4:5: error: suppliers[a].capacity: the required field 'capacity' is missing (fix: add 'capacity: ...')",
        ])
    }

    @Test("wrong types, negative and non-finite numbers, scores outside [0, 1]")
    func numbers() throws {
        let found = try diagnostics("""
            commodities:
              - { id: metal, demand: lots }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: -5, cost: 1e999, labor: 1.5 }
            """)
        #expect(messages(found) == [
            "model.yaml:2:26: error: commodities[metal].demand: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)",
            "model.yaml:4:56: error: suppliers[a].capacity: -5 is negative (fix: use a number >= 0)",
            "model.yaml:4:66: error: suppliers[a].cost: 1e999 is not a finite number (fix: write a finite number)",
            "model.yaml:4:80: error: suppliers[a].labor: 1.5 is outside [0, 1] (fix: use a fraction between 0 and 1 (0.25 for 25%))",
        ])
        #expect(found.count == 4)
        #expect(found.map(\.field) == ["commodities[metal].demand", "suppliers[a].capacity", "suppliers[a].cost", "suppliers[a].labor"])
        #expect(found[1].message == "-5 is negative" && found[1].fix == "use a number >= 0")
        #expect(found[3].message == "1.5 is outside [0, 1]")
    }

    @Test("duplicate ids and unknown references")
    func references() throws {
        let found = try diagnostics("""
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
        #expect(messages(found) == [
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
            _ = try ModelLoader.load(path: ShippedModelTests.path("cobalt"), overrides: [Override(path: "commodities.cobalt.demand", value: -5)])
            Issue.record("a negative demand was accepted")
        } catch {
            #expect(messages(error.diagnostics) == ["--set:1:1: error: commodities[cobalt].demand: -5 is not positive (fix: use a number > 0)"])
        }
        let found = try diagnostics("""
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
        #expect(messages(found) == [
            "model.yaml:4:71: error: suppliers[m].capacity: -1 is negative (fix: use a number >= 0)",
            "model.yaml:5:84: error: suppliers[r].cost: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)",
        ])
    }

    @Test("cycles in extends")
    func cycles() throws {
        let found = try diagnostics(withPolicy(threeSuppliers, """
            a: { extends: b }
            b: { extends: a }
            """))
        #expect(found.map(\.message).contains("policies extend each other in a cycle: a -> b -> a"))
    }

    @Test("rules: neither min nor max, two kinds, two selector keys, options of another kind, the HHI floor")
    func rules() throws {
        let found = try diagnostics(withPolicy(threeSuppliers, """
            p:
              rules:
                - { id: r1, share: { country: CHN } }
                - { id: r2, share: { country: CHN }, hhi: country, max: 0.5 }
                - { id: r3, share: { country: CHN, flag: artisanal }, max: 0.5 }
                - { id: r4, share: { country: CHN }, max: 0.5, rate: 0.2 }
                - { id: r5, hhi: country, max: 400 }
            """))
        #expect(found.map(\.message) == [
            "the rule has neither min nor max",
            "a rule has one kind, but this one has share and hhi",
            "a selector has exactly one key, found country and flag",
            "'rate' applies only to tariff rules",
            "no HHI cap below 500 can be met: the piecewise-linear bound with hhi_segments = 20 counts every source as at least 1/20 of the volume",
        ])
        #expect(found[4].fix == "raise max to 500 or more, or raise settings.hhi_segments (the floor is 10000 / hhi_segments)")
    }

    @Test("a policy that uses a score some supplier lacks names both")
    func missingScores() throws {
        let found = try diagnostics("""
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
        #expect(found.map(\.message) == [
            "policy p's sustainability weight uses the sustainability score, which suppliers a, b lack",
            "rule avg uses the labor score, which supplier b lacks",
        ])
    }

    @Test("ids are strings whatever YAML would make of them (the Norway problem)")
    func norway() throws {
        let model = try load("""
            commodities:
              - { id: 1e3, demand: 100 }
            suppliers:
              - { id: yes, commodity: 1e3, country: NO, capacity: 100, cost: 10 }
              - { id: "on", commodity: 1e3, country: ON, capacity: 100, cost: 11 }
            """).model
        #expect(model.commodities[0].id == "1e3")
        #expect(model.suppliers.map(\.country) == ["NO", "ON"])
        #expect(model.suppliers.map(\.id) == ["yes", "on"])
    }

    @Test("CSV problems point at the row and column")
    func csvLocations() throws {
        let found = try diagnostics("""
            commodities:
              - { id: metal, demand: 100 }
            suppliers: suppliers.csv
            """, files: ["suppliers.csv": "id,commodity,country,capacity,cost,labor\na,metal,CHN,100,10,\nb,metal,AUS,-1,12,0.5\n"])
        #expect(found.count == 1)
        #expect(found[0].location?.line == 3 && found[0].location?.column == 4)
        #expect(found[0].field == "suppliers[b].capacity")
    }

    @Test("an empty CSV cell is an absent field")
    func emptyCells() throws {
        let model = try load("""
            commodities:
              - { id: metal, demand: 100 }
            suppliers: suppliers.csv
            """, files: ["suppliers.csv": "id,commodity,country,capacity,cost,input_ratio,flags\na,metal,CHN,100,10,,x;y\n"]).model
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
        let model = try load(withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: cap, share: { country: CHN }, max: 0.3 }"),
                             overrides: [
                                Override(path: "commodities.metal.demand", value: 150),
                                Override(path: "suppliers.b.cost", value: 11),
                                Override(path: "policies.p.rules.cap.max", value: 0.4),
                                Override(path: "policies.p.weights.carbon", value: 80),
                             ]).model
        #expect(model.commodities[0].demand == 150)
        #expect(model.suppliers[1].cost == 11)
        #expect(model.policies[0].weights.carbon == 80)
        if case let .share(_, _, max) = model.policies[0].rules[0].kind { #expect(max == 0.4) } else { Issue.record("not a share") }
        let found = try diagnostics(threeSuppliers, overrides: [Override(path: "suppliers.bb.cost", value: 1)])
        #expect(messages(found) == ["--set:1:1: error: suppliers.bb.cost: no element 'bb' in this list (fix: did you mean 'b'?)"])
        #expect(throws: InvalidModelError.self) { try Override(parsing: "suppliers.b.cost=cheap") }
        #expect(try Override(parsing: "a.b=0.25") == Override(path: "a.b", value: 0.25))
    }

    @Test("a rule without an id is addressed by POLICY#N or #N")
    func generatedIDs() throws {
        let yaml = withPolicy(threeSuppliers, "p:\n  rules:\n    - { share: { country: CHN }, max: 0.3 }")
        let byName = try load(yaml, overrides: [Override(path: "policies.p.rules.p#1.max", value: 0.5)]).model
        let byNumber = try load(yaml, overrides: [Override(path: "policies.p.rules.#1.max", value: 0.6)]).model
        if case let .share(_, _, max) = byName.policies[0].rules[0].kind { #expect(max == 0.5) }
        if case let .share(_, _, max) = byNumber.policies[0].rules[0].kind { #expect(max == 0.6) }
    }

    @Test("warnings: a flag nobody carries, a floor whose selector picks nothing")
    func warnings() throws {
        let loaded = try load(withPolicy(threeSuppliers, """
            p:
              rules:
                - { id: x, exclude: { flag: artisinal } }
            """))
        #expect(loaded.warnings.map(\.message) == ["no supplier carries the flag 'artisinal', so it selects nothing"])
        #expect(loaded.warnings[0].fix == "did you mean 'artisanal'?")
    }
}

@Suite("JSON model files")
struct JSONModelTests {
    @Test("a JSON model reads like its YAML twin, with errors at the JSON line and column")
    func json() throws {
        let path = try writeModel("""
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
        let bad = try writeModel("""
            { "commodities": [{ "id": "metal", "demand": 100 }],
              "suppliers": [{ "id": "a", "commodity": "metal", "country": "CHN", "capacity": "lots", "cost": 10 }] }
            """)
        do {
            _ = try ModelLoader.load(path: bad)
            Issue.record("expected an error")
        } catch {
            #expect(messages(error.errors) == ["model.yaml:2:82: error: suppliers[a].capacity: expected a number, found 'lots' (fix: write a plain number such as 12000 or 0.25)"])
        }
    }
}
