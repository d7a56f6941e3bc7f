// Tests of the reader's limits and strictness (issue 11): alias bombs, deep nesting, control
// characters, numbers that are not plain decimals, CSV headers, located errors, settings bounds.
import Foundation
import Testing

@testable import LodeSourcing

@Suite("Reader limits: a crafted file is a located error, never a crash")
struct ReaderLimitTests {
    static let base = """
        commodities:
          - { id: metal, demand: 100 }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10 }
          - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12 }

        """

    @Test("a billion-laughs alias bomb is refused at the alias that passes 1,000,000 nodes")
    func aliasBomb() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...8 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(previous)]\n"
        }
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:7:10: error: (alias): aliases expand to more than 1000000 nodes "
                    + "(fix: write the values out, or refer to smaller anchors)"
            ])
    }

    @Test("small aliases still work, and an alias to nothing is located")
    func aliases() throws {
        let model = try load(
            """
            commodities:
              - { id: metal, demand: &demand 250 }
            suppliers:
              - &supplier { id: a, commodity: metal, country: CHN, capacity: *demand, cost: 10 }
            """
        ).model
        #expect(model.suppliers[0].capacity == 250)
        #expect(
            messages(try diagnostics("a: *nothing\n")) == [
                "model.yaml:1:4: error: (alias): the alias *nothing refers to no anchor defined before it "
                    + "(fix: define '&nothing' on a value above, or write the value out)"
            ])
    }

    @Test("nesting deeper than 100 levels is refused, however deep", arguments: [150, 100_000])
    func nesting(depth: Int) throws {
        let yaml = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let found = try diagnostics(yaml)
        #expect(found.count == 1)
        #expect(found.first?.message == "lists and mappings nest more than 100 levels deep here")
        #expect(found.first?.location?.line == 1)
    }

    @Test("a YAML reader error is reported at its real line and column, with a clean message")
    func yamlErrorPlace() throws {
        #expect(
            messages(try diagnostics("name: ok\ncurrency: \"a\u{1}b\"\n")) == [
                "model.yaml:2:13: error: (syntax): the file is not valid YAML or JSON: control characters are not allowed "
                    + "(character U+1) (fix: correct the syntax at the place shown (indentation, a missing ':' or quote, "
                    + "a control character))"
            ])
        #expect(
            messages(try diagnostics(Self.base + "name: x\nname: y\n")) == [
                "model.yaml:7:1: error: name: the key appears twice in the same mapping (fix: keep one of them)"
            ])
        let syntax = try diagnostics("commodities: [\n  {id: metal,\n  - x\n")
        #expect(syntax.count == 1 && syntax[0].location?.line == 3 && syntax[0].location?.column == 3)
        #expect(syntax.first?.message.contains("\n") == false)
    }

    @Test(
        "numbers are plain decimals in YAML, quoted or not",
        arguments: [
            "0x32", "0o17", "1_000", "1e1_0", ".inf", "-.inf", ".NaN", "inf", "nan", "0x1p-1", "\"0x32\"",
            "\"1_000\"", "1e", "1.2.3", "+-1", "\"12 \"",
        ])
    func notPlainDecimals(text: String) throws {
        let yaml = Self.base.replacingOccurrences(of: "capacity: 100, cost: 10", with: "capacity: \(text), cost: 10")
        let found = try diagnostics(yaml)
        #expect(found.map(\.field) == ["suppliers[a].capacity"])
        #expect(found.first?.fix == "write a plain decimal number such as 1000 or 0.5")
        #expect(found.first?.location?.line == 4)
    }

    @Test(
        "plain decimals in every spelling are read",
        arguments: [
            ("+.5", 0.5), ("5.", 5), ("-0", 0), ("1E3", 1000),
            ("2.5e-1", 0.25), ("007", 7), ("\"12\"", 12),
        ])
    func plainDecimals(text: String, value: Double) throws {
        let yaml = Self.base.replacingOccurrences(of: "capacity: 100, cost: 10", with: "capacity: 100, cost: \(text)")
        let model = try load(yaml).model
        #expect(model.suppliers[0].cost == value)
    }

    @Test("the exact message for a number in another notation")
    func numberMessage() throws {
        #expect(
            messages(try diagnostics(Self.base.replacingOccurrences(of: "demand: 100", with: "demand: 1_000"))) == [
                "model.yaml:2:26: error: commodities[metal].demand: '1_000' is not a plain decimal number "
                    + "(fix: write a plain decimal number such as 1000 or 0.5)"
            ])
    }

    @Test("--set takes plain decimals only", arguments: ["0x32", "1_000", "1e1_0", "inf", "nan", "0x1p-1", ".5e"])
    func overrideNumbers(text: String) throws {
        do {
            _ = try Override(parsing: "suppliers.a.cost=\(text)")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.errors.count == 1)
            #expect(
                error.errors.first?.fix?.hasPrefix("write a plain decimal number such as 1000 or 0.5") == true
                    || error.errors.first?.message == "the value '\(text)' is not a finite number")
        }
        #expect(try Override(parsing: "suppliers.a.cost=+.5").value == 0.5)
    }

    @Test("--set: the exact message")
    func overrideMessage() throws {
        do {
            _ = try Override(parsing: "suppliers.a.cost=0x32")
            Issue.record("accepted 0x32")
        } catch {
            #expect(
                error.description == "--set:1:1: error: suppliers.a.cost: "
                    + "the value '0x32' is not a plain decimal number "
                    + "(fix: write a plain decimal number such as 1000 or 0.5, e.g. suppliers.a.cost=0.3)")
        }
    }

    /// The same table read by the fast cutter (no quote) and by the CSV library (a quoted cell).
    static func tables(_ rows: String) -> [String] {
        [
            "id,commodity,country,capacity,cost,flags\n" + rows,
            "id,commodity,country,capacity,cost,flags\n\"q\",metal,CHN,1,1,\n" + rows,
        ]
    }

    @Test("CSV: a control character in a list cell is a located error on both paths")
    func csvControlCharacter() throws {
        for table in Self.tables("a,metal,CHN,100,10,ok;ba\u{1}d\nb,metal,AUS,100,12,x\u{7F}\n") {
            let found = try diagnostics(
                "commodities:\n  - { id: metal, demand: 100 }\nsuppliers: suppliers.csv\n",
                files: ["suppliers.csv": table])
            let shift = table.contains("\"q\"") ? 1 : 0
            #expect(
                messages(found) == [
                    "suppliers.csv:\(2 + shift):6: error: suppliers[a].flags: 'ba\\u{1}d' is not a usable id "
                        + "(fix: use 1 to 200 characters without tabs or line breaks)",
                    "suppliers.csv:\(3 + shift):6: error: suppliers[b].flags: 'x\\u{7F}' is not a usable id "
                        + "(fix: use 1 to 200 characters without tabs or line breaks)",
                ])
        }
    }

    @Test("CSV: a number cell with a NUL is refused, not read up to the NUL, on both paths")
    func csvNul() throws {
        for table in Self.tables("a,metal,CHN,10\u{0}0,10,\n") {
            let found = try diagnostics(
                "commodities:\n  - { id: metal, demand: 100 }\nsuppliers: suppliers.csv\n",
                files: ["suppliers.csv": table])
            #expect(found.map(\.message) == ["'10\\u{0}0' is not a plain decimal number"])
            #expect(found.first?.location?.column == 4)
        }
    }

    @Test("CSV: a header naming a column twice is an error at the header, on both paths")
    func csvDuplicateColumn() throws {
        for table in [
            "id,commodity,country,capacity,cost,cost\na,metal,CHN,100,10,20\n",
            "id,commodity,country,capacity,cost,cost\n\"a\",metal,CHN,100,10,20\n",
        ] {
            let found = try diagnostics(
                "commodities:\n  - { id: metal, demand: 100 }\nsuppliers: suppliers.csv\n",
                files: ["suppliers.csv": table])
            #expect(
                messages(found) == [
                    "suppliers.csv:1:6: error: (csv): the header names the column 'cost' twice (columns 5 and 6) "
                        + "(fix: keep one column of each name)"
                ])
        }
    }

    @Test("errors in routes and in scenario loss names have their place")
    func locatedRoutesAndLosses() throws {
        let found = try diagnostics(
            Self.base + """
                routes:
                  - { from: a, to: nobody }
                  - { from: a, to: b }
                scenarios:
                  - id: s
                    loss: { country: { CHN: 1.0, XYZ: 0.5 } }
                """)
        #expect(
            messages(found) == [
                "model.yaml:7:5: error: routes[a>nobody].to: unknown supplier 'nobody' (fix: name a supplier id)",
                "model.yaml:8:5: error: routes[a>b]: a route must go from one stage to the next of the same commodity "
                    + "(metal/supply to metal/supply does not) (fix: route from a supplier to one in the following stage)",
                "model.yaml:11:34: error: scenarios[s].loss.country: unknown country 'XYZ' (fix: use one of: CHN, AUS)",
            ])
    }

    @Test("settings: hhi_segments is a whole number from 1 to 1000; time_limit and mip_gap finite")
    func settings() throws {
        func errors(_ settings: String) throws -> [String] {
            try messages(diagnostics(Self.base + "settings: { \(settings) }\n"))
        }
        #expect(
            try errors("hhi_segments: 1000000") == [
                "model.yaml:6:27: error: settings.hhi_segments: 1000000 is above the limit of 1000 "
                    + "(fix: write a whole number from 1 to 1000)"
            ])
        let fraction = try errors("hhi_segments: 2.5")
        #expect(fraction.first?.contains("expected a whole number from 1 to 1000, found 2.5") == true)
        #expect(try errors("hhi_segments: 0").count == 1)
        #expect(try errors("time_limit: 0, mip_gap: -1").count == 2)
        #expect(try errors("time_limit: .inf").count == 1)
        let yaml = Self.base + "settings: { hhi_segments: 1000, time_limit: 1e300, mip_gap: 1e300 }\n"
        let settings = try load(yaml).model.settings
        #expect(settings.hhiSegments == 1000 && settings.timeLimit == 1e300 && settings.mipGap == 1e300)
    }

    @Test("ids, list items and keys longer than 200 bytes or with control characters are refused")
    func names() throws {
        let long = String(repeating: "x", count: 201)
        let found = try diagnostics(
            Self.base + """
                countries:
                  - { id: CHN, groups: "\(long);ok" }
                  - { id: AUS, name: "Aus\\ntralia" }
                """)
        #expect(found.map(\.field) == ["countries[CHN].groups", "countries[AUS].name"])
        #expect(found.first?.message == "'\(String(repeating: "x", count: 80))... (201 bytes)' is not a usable id")
        #expect(found[1].message == "'Aus\\u{A}tralia' is not a usable label")
        let keys = try diagnostics(Self.base + "policies:\n  \(long): {}\n  \"p\\tq\": {}\n")
        #expect(keys.map(\.field) == ["(key)", "(key)"])
        let cut = String(repeating: "x", count: 80)
        #expect(keys.first?.message == "the key '\(cut)... (201 bytes)' is not a usable key or id")
        #expect(keys[1].message == "the key 'p\\u{9}q' is not a usable key or id")
    }

    @Test("an override path of 100,000 parts is an error, not a stack overflow")
    func deepOverride() throws {
        let path = "settings" + String(repeating: ".x", count: 100_000)
        #expect(
            messages(try diagnostics(Self.base, overrides: [Override(path: path, value: 1)])) == [
                "--set:1:1: error: \(path.prefix(80)): the path has 100001 parts, more than 100 "
                    + "(fix: name a number of the model, e.g. suppliers.ID.cost)"
            ])
    }

    @Test("suggestions stay fast for long words and huge lists")
    func boundedSuggestions() {
        let started = ContinuousClock.now
        let long = String(repeating: "y", count: 3_000)
        #expect(Suggestion.closest(to: long, in: Array(repeating: long + "z", count: 100)) == nil)
        let many = (0..<1_000_000).lazy.map { "supplier-\($0)" }
        #expect(Suggestion.closest(to: "supplier-9x", in: many) == "supplier-9")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a folder, a device or a file over the size limit is not read as a table")
    func tableFiles() throws {
        let yaml = "commodities:\n  - { id: metal, demand: 100 }\nsuppliers: /dev/zero\ncountries: /tmp\n"
        let found = try diagnostics(yaml)
        #expect(
            found.map(\.message) == [
                "the table file '/dev/zero' cannot be read (it is a device or pipe, not a file)",
                "the table file '/tmp' cannot be read (it is a folder, not a file)",
            ])
        let path = try writeModel("name: twelve bytes\n")
        let read = ModelLoader.readText(URL(fileURLWithPath: path), limit: 10)
        guard case let .failure(problem) = read else {
            Issue.record("read a file over the limit")
            return
        }
        #expect(problem.reason == "19 bytes, more than the limit of 10 bytes")
        #expect(ReaderLimits.modelFileBytes == 64 << 20 && ReaderLimits.tableFileBytes == 256 << 20)
    }
}
