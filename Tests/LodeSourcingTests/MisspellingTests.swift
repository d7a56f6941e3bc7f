// Issue 14: a misspelling is one error with did-you-mean, and the check goes on as if spelt right.
import Testing

@testable import LodeSourcing

@Suite("Misspellings: one error each, the closest suggestion, no cascade")
struct MisspellingTests {
    /// Every diagnostic (errors and warnings) of a model that must fail to load.
    func all(_ yaml: String, files: [String: String] = [:]) throws -> [String] {
        do {
            _ = try ModelLoader.load(path: try writeModel(yaml, files: files))
            Issue.record("the model loaded, but errors were expected")
            return []
        } catch let error as InvalidModelError {
            return messages(error.diagnostics)
        }
    }

    @Test("did-you-mean ranks a transposition (CNH -> CHN) above another one-edit word (CHL); plurals match")
    func transpositions() {
        #expect(Suggestion.editDistance("cnh", "chn") == 1)
        #expect(Suggestion.editDistance("cnh", "chl") == 2)
        #expect(Suggestion.editDistance("ca", "abc") == 3)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "CNH", in: ["CHL", "CHN"]) == "CHN")
        #expect(Suggestion.closest(to: "CNH", in: ["CHN", "CHL"]) == "CHN")
        #expect(Suggestion.closest(to: "policy", in: ModelDecoder.topKeys) == "policies")
        #expect(Suggestion.closest(to: "country", in: ModelDecoder.topKeys) == "countries")
        #expect(Suggestion.closest(to: "xyz", in: ModelDecoder.topKeys) == nil)
    }

    @Test("a misspelt top-level key is one error with did-you-mean, and what it holds is still checked")
    func topLevelKey() throws {
        let found = try all(
            """
            commodities:
              - { id: cobalt, demand: 100 }
            countrys:
              - { id: CHN }
              - { id: AUS, groups: [allied] }
            supplier:
              - { id: a, commodity: cobalt, country: CNH, capacity: 200, cost: 1 }
              - { id: b, commodity: cobalt, country: AUS, capacity: 200, cost: 2 }
            policy:
              allied:
                rules:
                  - { id: floor, share: { group: allied }, min: 0.3 }
            """)
        #expect(
            found == [
                "model.yaml:3:1: error: countrys: unknown field 'countrys' "
                    + "(fix: did you mean 'countries'? the rest is checked as if it were)",
                "model.yaml:6:1: error: supplier: unknown field 'supplier' "
                    + "(fix: did you mean 'suppliers'? the rest is checked as if it were)",
                "model.yaml:9:1: error: policy: unknown field 'policy' "
                    + "(fix: did you mean 'policies'? the rest is checked as if it were)",
                "model.yaml:7:5: error: suppliers[a].country: the country 'CNH' is not listed under countries "
                    + "(fix: did you mean 'CHN'?)",
            ])
    }

    @Test("a misspelt CSV column is one error at the header, not one per row")
    func csvColumn() throws {
        let model = """
            commodities:
              - { id: cobalt, demand: 100 }
            suppliers: suppliers.csv
            """
        let renamed = try all(
            model,
            files: [
                "suppliers.csv": "id,commodity,country,capacty,cost\n"
                    + "a,cobalt,CHN,200,1\nb,cobalt,CHL,200,2\nc,cobalt,AUS,x,3\n"
            ])
        #expect(
            renamed == [
                "suppliers.csv:1:4: error: suppliers.capacty: unknown column 'capacty' in the header "
                    + "(fix: did you mean 'capacity'? rename the column in the header)",
                "suppliers.csv:4:4: error: suppliers[c].capacity: expected a number, found 'x' "
                    + "(fix: write a plain number such as 12000 or 0.25)",
            ])
        let twice = try all(
            model,
            files: [
                "suppliers.csv": "id,commodity,country,capacity,cost,capacty\n"
                    + "a,cobalt,CHN,200,1,4\nb,cobalt,CHL,200,2,5\n"
            ])
        #expect(
            twice == [
                "suppliers.csv:1:6: error: suppliers.capacty: unknown column 'capacty' in the header "
                    + "(fix: 'capacity' is a column already; remove this one)"
            ])
    }
}
