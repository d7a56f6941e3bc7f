// Golden program tests (the MathOptInterface bridge-test habit): for the physical model and each
// rule kind, a tiny model's exported CPLEX LP text is compared with a checked-in file under
// Golden/, and glpsol must read that file and reach the optimum `lode solve` reports.
//
// Each golden file starts with `\` comment lines (from `rows` below) saying which formula of
// the model definition each row is (docs/model-language.md, "The physical model"-4, in the project
// docs/model-language.md, "The
// physical model" and "Policies"); every file was checked by hand against it.
// Exported names write [ ] as ( ) and - > as _ (GLPK's LP reader takes neither).
// After a deliberate change to the programs, regenerate, then check each changed row by hand:
//
//     LODE_UPDATE_GOLDEN=1 swift test --filter Golden
import Foundation
import Testing

@testable import LodeSourcing

@Suite("Golden programs: each rule kind's exported LP text is pinned")
struct GoldenProgramTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// One tiny model, the policy to export, and what each row of its program is.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let yaml: String
        let policy: String?
        let rows: [String]
        var description: String { name }
    }

    @Test("the exported program equals the golden file, and glpsol solves it to lode's optimum", arguments: cases)
    func golden(_ golden: Case) throws {
        let model = try load(golden.yaml).model
        let formulation = try Formulation(model: model, policy: try Planner.policy(golden.policy, of: model))
        let exported = Self.temporary("lp")
        defer { try? FileManager.default.removeItem(atPath: exported) }
        try formulation.write(.lp, to: exported)
        let header =
            ([golden.name + ".lp: golden program (GoldenProgramTests.swift)"] + golden.rows)
            .map { "\\ " + $0 }.joined(separator: "\n") + "\n\\\n"
        let actual = header + (try String(contentsOfFile: exported, encoding: .utf8))
        let file = Self.folder.appendingPathComponent(golden.name + ".lp")
        if ProcessInfo.processInfo.environment["LODE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(file.path): run LODE_UPDATE_GOLDEN=1 swift test --filter Golden")
            return
        }
        if let difference = Self.firstDifference(expected: expected, actual: actual) {
            Issue.record(
                """
                the program of \(golden.name) differs from Golden/\(golden.name).lp at \(difference)
                (if the change is deliberate, regenerate with LODE_UPDATE_GOLDEN=1 swift test --filter Golden \
                and check each changed row by hand against docs/model-language.md)
                """)
        }
        // The checked-in file is a program in its own right: glpsol reads it and finds lode's optimum.
        let plan = try Planner.solve(model, policy: golden.policy)
        let objective = try #require(plan.objective, "\(golden.name): lode found no optimum")
        let glpsol = try #require(try Self.glpsol(file.path), "\(golden.name): glpsol gave no solution")
        #expect(glpsol.optimal, "\(golden.name): glpsol status \(glpsol.status)")
        #expect(
            isClose(glpsol.objective, objective, tolerance: 1e-9),
            "\(golden.name): glpsol \(glpsol.objective), lode \(objective)")
    }

    @Test("a difference is reported at its first differing line, with both lines")
    func differenceMessage() {
        #expect(Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nb\nc\n") == nil)
        #expect(
            Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
                == "line 2:\n  expected: b\n  actual:   B")
        #expect(
            Self.firstDifference(expected: "a\nb", actual: "a\nb\nc")
                == "line 3:\n  expected: (end of file)\n  actual:   c")
    }

    /// "line N: expected / actual" for the first line that differs, nil when the texts are equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for line in 0..<max(wanted.count, got.count) {
            let a = line < wanted.count ? String(wanted[line]) : "(end of file)"
            let b = line < got.count ? String(got[line]) : "(end of file)"
            if a != b { return "line \(line + 1):\n  expected: \(a)\n  actual:   \(b)" }
        }
        return "the line endings"
    }

    static func temporary(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lode-golden-\(UUID().uuidString).\(suffix)").path
    }

    /// glpsol's solution of an LP file, read from its raw solution file (`-w`): all digits.
    static func glpsol(_ file: String) throws -> (optimal: Bool, status: String, objective: Double)? {
        let solution = temporary("sol")
        defer { try? FileManager.default.removeItem(atPath: solution) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["glpsol", "--lp", file, "-w", solution]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let text = try? String(contentsOfFile: solution, encoding: .utf8)
        else { return nil }
        // "s bas ROWS COLUMNS PRIMAL DUAL OBJECTIVE" for an LP, "s mip ROWS COLUMNS STATUS OBJECTIVE" for a MIP.
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("s ") }) else { return nil }
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count >= 6, let objective = Double(fields[fields.count - 1]) else { return nil }
        let optimal = fields[1] == "bas" ? fields[4] == "f" && fields[5] == "f" : fields[4] == "o"
        return (optimal, fields.dropFirst(4).dropLast().joined(separator: " "), objective)
    }
}

// MARK: The tiny models

extension GoldenProgramTests {
    /// One stage, four suppliers in three countries: a and d in CHN (a artisanal), b in AUS, c in CAN.
    static let metal = """
        name: golden
        commodities:
          - { id: metal, demand: 100 }
        countries:
          - { id: CHN, groups: [feoc], governance: 0.5 }
          - { id: AUS, groups: [allied], governance: 0.2 }
          - { id: CAN, groups: [allied], governance: 0.1 }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: 80, cost: 10,
              carbon: 2, labor: 0.4, sustainability: 0.5, flags: [artisanal] }
          - { id: b, commodity: metal, country: AUS, capacity: 60, cost: 12,
              carbon: 1, labor: 0.9, sustainability: 0.9 }
          - { id: c, commodity: metal, country: CAN, capacity: 70, cost: 15,
              carbon: 0.5, labor: 0.8, sustainability: 0.7 }
          - { id: d, commodity: metal, country: CHN, capacity: 30, cost: 11,
              carbon: 1.5, labor: 0.6, sustainability: 0.6 }
        settings: { hhi_segments: 2 }

        """

    /// Two stages: mines m1 (AUS) and m2 (CHN) feed refiners r1 (CHN, 1.25 t of ore per t) and r2 (AUS).
    static let twoStages = """
        name: golden
        commodities:
          - { id: metal, demand: 100, stages: [mining, refining] }
        countries:
          - { id: CHN }
          - { id: AUS }
        suppliers:
          - { id: m1, commodity: metal, stage: mining, country: AUS, capacity: 150, cost: 3 }
          - { id: m2, commodity: metal, stage: mining, country: CHN, capacity: 150, cost: 2 }
          - { id: r1, commodity: metal, stage: refining, country: CHN, capacity: 80, cost: 5, input_ratio: 1.25 }
          - { id: r2, commodity: metal, stage: refining, country: AUS, capacity: 80, cost: 7 }

        """

    static let routes = """
        routes:
          - { from: m1, to: r1, cost: 2 }
          - { from: m1, to: r2, cost: 1 }
          - { from: m2, to: r1, cost: 0.5 }

        """

    /// `base` with each (text, replacement) made, and a policy `p` of these weights and rules (one a line).
    static func model(
        _ base: String, weights: String? = nil, rules: String? = nil, _ edits: (String, String)...
    ) -> String {
        var yaml = base
        for (text, replacement) in edits {
            precondition(yaml.contains(text), "the golden model has no '\(text)'")
            yaml = yaml.replacingOccurrences(of: text, with: replacement)
        }
        guard weights != nil || rules != nil else { return yaml }
        yaml += "policies:\n  p:\n"
        if let weights { yaml += "    weights: \(weights)\n" }
        if let rules { yaml += "    rules:\n" + rules.split(separator: "\n").map { "      " + $0 + "\n" }.joined() }
        return yaml
    }

    static let cases: [Case] = physical + rules

    static let physical: [Case] = [
        Case(
            name: "physical-one-stage", yaml: metal, policy: nil,
            rows: [
                "3.1 capacity: bounds 0 <= x_i <= u_i (a 80, b 60, c 70, d 30)",
                "3.3 demand(metal): x_a + x_b + x_c + x_d = 100 (no shortfall penalty: hard)",
                "4.1 objective: sum p_i x_i (no weights)",
            ]),
        Case(
            name: "physical-two-stages-pooled", yaml: twoStages, policy: nil,
            rows: [
                "3.2 without routes, flows pooled: balance(metal/mining_refining): x_m1 + x_m2 - 1.25 x_r1 - x_r2 = 0",
                "    (sum_i f_ij = rho_j x_j summed over j, with x_i = sum_j f_ij: one row for the stage pair)",
                "3.3 demand(metal): x_r1 + x_r2 = 100 (the last stage only)",
                "3.1 capacity bounds; 4.1 objective sum p_i x_i over both stages",
            ]),
        Case(
            name: "physical-two-stages-routes", yaml: twoStages + routes, policy: nil,
            rows: [
                "3.2 listed routes only: flow_out(i): x_i - sum_j f_ij = 0 for the mines,",
                "    flow_in(j): sum_i f_ij - rho_j x_j = 0 for the refiners (rho_r1 = 1.25, rho_r2 = 1)",
                "3.3 demand(metal): x_r1 + x_r2 = 100",
                "4.1 objective: sum p_i x_i + sum cost_ij f_ij (2 f(m1_r1), 1 f(m1_r2), 0.5 f(m2_r1))",
            ]),
        Case(
            name: "physical-shortfall", yaml: model(metal, ("demand: 100 }", "demand: 300, shortfall_penalty: 40 }")),
            policy: nil,
            rows: [
                "3.3 demand(metal): x_a + x_b + x_c + x_d + z = 300, with 0 <= z <= 300 (unmet at most the demand)",
                "4.1 objective: sum p_i x_i + 40 z (capacity is 240: 60 t unmet)",
            ]),
        Case(
            name: "physical-min-order", yaml: model(metal, ("cost: 15,", "cost: 15, min_order: 25,")),
            policy: nil,
            rows: [
                "3.4 min order of c (m = 25, u = 70), with a binary y_c:",
                "    order_max(c): x_c - 70 y_c <= 0; order_min(c): x_c - 25 y_c >= 0",
                "3.3 demand and 3.1 capacity as in physical-one-stage; a MIP",
            ]),
        Case(
            name: "weights", yaml: model(metal, weights: "{ carbon: 2, sustainability: 10, labor: 20 }"),
            policy: "p",
            rows: [
                "4.1 objective: sum x_i [p_i + w_carbon e_i + w_sust (1 - a_i) + w_labor (1 - b_i)], w = 2, 10, 20:",
                "    a: 10 + 2 * 2 + 10 * 0.5 + 20 * 0.6 = 31; b: 12 + 2 + 1 + 2 = 17;",
                "    c: 15 + 1 + 3 + 4 = 23; d: 11 + 3 + 4 + 8 = 26",
            ]),
    ]

    static let rules: [Case] = [
        Case(
            name: "share-max", yaml: model(metal, rules: "- { id: cn-cap, share: { country: CHN }, max: 0.4 }"),
            policy: "p",
            rows: [
                "stage_total: T = x_a + x_b + x_c + x_d (as - T + sum x = 0)",
                "4.2 share max: rule(cn_cap): x_a + x_d - 0.4 T <= 0 (A = CHN = {a, d})",
            ]),
        Case(
            name: "share-min", yaml: model(metal, rules: "- { id: allied-floor, share: { group: allied }, min: 0.5 }"),
            policy: "p",
            rows: [
                "4.2 share min: rule(allied_floor): x_b + x_c - 0.5 T >= 0 (A = allied = AUS, CAN = {b, c})"
            ]),
        Case(
            name: "share-each-country",
            yaml: model(metal, rules: "- { id: each-cap, share: { each: country }, max: 0.45 }"),
            policy: "p",
            rows: [
                "4.2 share max per member of each: country:",
                "    rule(each_cap)(metal/supply)(CHN): x_a + x_d - 0.45 T <= 0",
                "    rule(each_cap)(metal/supply)(AUS): x_b - 0.45 T <= 0; (CAN): x_c - 0.45 T <= 0",
            ]),
        Case(
            name: "hhi-country", yaml: model(metal, rules: "- { id: hhi, hhi: country, max: 6000 }"),
            policy: "p",
            rows: [
                "4.3 hhi, K = 2: breakpoints t = 0, 0.5, 1; member_volume: X_CHN = x_a + x_d, X_AUS = x_b, X_CAN = x_c",
                "    hhi_chord(k/0): v_k - (0 + 0.5) X_k + 0 T >= 0; hhi_chord(k/1): v_k - (0.5 + 1) X_k + 0.5 T >= 0",
                "    rule(hhi): v_CHN + v_AUS + v_CAN - (6000 / 10000) T <= 0",
            ]),
        Case(
            name: "hhi-supplier-governance",
            yaml: model(
                metal, rules: "- { id: ghhi, hhi: supplier, weighted: governance, max: 3000 }",
                ("hhi_segments: 2", "hhi_segments: 4")),
            policy: "p",
            rows: [
                "4.3 hhi per supplier weighted by its country's governance, K = 4: X_i = x_i (no member_volume rows)",
                "    t = 0, 0.25, 0.5, 0.75, 1; hhi_chord(i/j): v_i - (t_j + t_j+1) x_i + t_j t_j+1 T >= 0:",
                "    j = 0: v_i - 0.25 x_i >= 0; 1: v_i - 0.75 x_i + 0.125 T >= 0;",
                "    j = 2: v_i - 1.25 x_i + 0.375 T >= 0; 3: v_i - 1.75 x_i + 0.75 T >= 0",
                "    rule(ghhi): 0.5 v_a + 0.2 v_b + 0.1 v_c + 0.5 v_d - (3000 / 10000) T <= 0",
                "    (w: CHN 0.5, AUS 0.2, CAN 0.1)",
            ]),
        Case(
            name: "average-labor-min", yaml: model(metal, rules: "- { id: fair, average: labor, min: 0.7 }"),
            policy: "p",
            rows: [
                "4.4 average labor min: rule(fair): 0.4 x_a + 0.9 x_b + 0.8 x_c + 0.6 x_d - 0.7 T >= 0"
            ]),
        Case(
            name: "average-carbon-max", yaml: model(metal, rules: "- { id: intensity, average: carbon, max: 1.2 }"),
            policy: "p",
            rows: [
                "4.4 average carbon max (intensity): rule(intensity): 2 x_a + 1 x_b + 0.5 x_c + 1.5 x_d - 1.2 T <= 0"
            ]),
        Case(
            name: "screen", yaml: model(metal, rules: "- { id: labor-screen, screen: { labor: 0.5 } }"),
            policy: "p",
            rows: [
                "4.5 screen labor 0.5: a (labor 0.4) gets the bound x_a = 0 (0 <= x_a <= 0); no rule rows"
            ]),
        Case(
            name: "exclude", yaml: model(metal, rules: "- { id: no-artisanal, exclude: { flag: artisanal } }"),
            policy: "p",
            rows: [
                "4.5 exclude flag artisanal: a gets the bound x_a = 0 (0 <= x_a <= 0); no rule rows"
            ]),
        Case(
            name: "total-carbon", yaml: model(metal, rules: "- { id: budget, total: carbon, max: 150 }"),
            policy: "p",
            rows: [
                "4.6 total carbon: rule(budget): 2 x_a + 1 x_b + 0.5 x_c + 1.5 x_d <= 150 (a right-hand side, no T)"
            ]),
        Case(
            name: "total-cost",
            yaml: model(
                twoStages + routes,
                rules: """
                    - { id: duty, tariff: { country: CHN }, rate: 0.2 }
                    - { id: spend, total: cost, max: 1300, stage: refining }
                    """), policy: "p",
            rows: [
                "4.7 tariff 0.2 on CHN (m2, r1): objective 2 * 1.2 = 2.4 x_m2 and 5 * 1.2 = 6 x_r1",
                "4.6 total cost of the refining scope: purchase with tariffs + freight into its suppliers:",
                "    rule(spend): 6 x_r1 + 7 x_r2 + 2 f(m1_r1) + 1 f(m1_r2) + 0.5 f(m2_r1) <= 1300",
                "    (mining purchases are not in it)",
            ]),
        Case(
            name: "tariff", yaml: model(metal, rules: "- { id: duty, tariff: { country: CHN }, rate: 0.25 }"),
            policy: "p",
            rows: [
                "4.7 tariff 0.25 on CHN: objective p_i (1 + 0.25): a 12.5, d 13.75; b 12, c 15 unchanged; no rows"
            ]),
        Case(
            name: "count-min", yaml: model(metal, rules: "- { id: spread, count: supplier, min: 3, at_least: 0.1 }"),
            policy: "p",
            rows: [
                "4.8 count min 3 suppliers delivering at least 10% of T, binaries w_i,",
                "    M = 0.1 * min(capacity 240, demand 100) = 10:",
                "    rule(spread)(metal/supply)(i)(qualifies): x_i - 0.1 T - 10 w_i >= -10 (w_i = 1 forces x_i >= 0.1 T)",
                "    rule(spread)(metal/supply): w_a + w_b + w_c + w_d >= 3; a MIP",
            ]),
        Case(
            name: "count-max", yaml: model(metal, rules: "- { id: few, count: country, max: 2 }"), policy: "p",
            rows: [
                "4.8 count max 2 countries delivering anything, binaries w_k, U_k the member's capacity in the scope:",
                "    rule(few)(metal/supply)(CHN)(delivers): X_CHN - 110 w_CHN <= 0 (X_CHN = x_a + x_d, capacity 80 + 30)",
                "    (AUS): x_b - 60 w_AUS <= 0 through X_AUS = x_b; (CAN): X_CAN - 70 w_CAN <= 0",
                "    rule(few)(metal/supply): w_CHN + w_AUS + w_CAN <= 2; a MIP",
            ]),
        Case(
            name: "survive-each-country",
            yaml: model(metal, rules: "- { id: lose-one, survive: { each: country }, coverage: 0.6 }"),
            policy: "p",
            rows: [
                "4.9 survive losing each country (l_i = 1 in it, else 0), gamma = 0.6, no surge in the model:",
                "    sum (1 - l_i) x_i >= 0.6 T written as T - sum over the lost of x_i - 0.6 T >= 0:",
                "    rule(lose_one)(metal/supply)(CHN): 0.4 T - x_a - x_d >= 0;",
                "    (AUS): 0.4 T - x_b >= 0; (CAN): 0.4 T - x_c >= 0",
            ]),
        Case(
            name: "survive-scenario-surge",
            yaml: model(
                metal + """
                    scenarios:
                      - { id: cn-ban, loss: { country: { CHN: 1.0 } } }
                      - { id: strike, loss: { supplier: { b: 0.5, a: 0.25 }, country: { CHN: 0.5 } } }

                    """, rules: "- { id: hold, survive: { scenario: [cn-ban, strike] }, coverage: 0.8 }",
                ("cost: 12,", "cost: 12, surge: 30, surge_fee: 2,"),
                ("cost: 15,", "cost: 15, surge: 20, surge_fee: 1,")),
            policy: "p",
            rows: [
                "4.9 survive named scenarios with surge reserved, gamma = 0.8: r_b <= 30 (fee 2), r_c <= 20 (fee 1);",
                "    surge_total: R = r_b + r_c; sum (1 - l_i)(x_i + r_i) >= 0.8 T written as",
                "    T + R - sum l_i (x_i + r_i) - 0.8 T >= 0:",
                "    rule(hold)(metal/supply)(cn_ban): 0.2 T + R - x_a - x_d >= 0 (l = 1 for CHN)",
                "    rule(hold)(metal/supply)(strike): 0.2 T + R - 0.5 x_a - 0.5 x_b - 0.5 r_b - 0.5 x_d >= 0",
                "    (the largest loss applies: a max(0.25, 0.5) = 0.5, b 0.5, d 0.5)",
                "4.1 objective adds sum h_i r_i: 2 r_b + 1 r_c",
            ]),
    ]
}
