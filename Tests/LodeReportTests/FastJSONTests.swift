// PlanJSON's own encoder (FastJSON) must give JSONEncoder's bytes.
import Foundation
import Testing

@testable import LodeReport
@testable import LodeSourcing

@Suite("JSON without JSONEncoder: the same bytes")
struct FastJSONTests {
    static func foundation<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [
                .sortedKeys, .withoutEscapingSlashes,
            ]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func fast<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
        String(decoding: try FastJSON.encode(value, pretty: pretty), as: UTF8.self)
    }

    struct Sample: Encodable {
        enum Kind: String, Encodable { case first, second }
        var name = "quote \" backslash \\ slash / tab \t line \n bell \u{7} unit \u{1F} é 中"
        var numbers: [Double] = [0, -0.0, 1, 2.5, 1e-7, 123_456_789.125, 1e300, -3]
        var float: Float = 0.1
        var integers: [Int] = [0, -5, Int.max]
        var unsigned: UInt8 = 200
        var flag = true
        var missing: Double? = nil
        var present: Double? = 4
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var map: [String: [Int]] = ["b": [1], "a": [], "B": [2], "ab": [3]]
        var nested: [[String: Kind]] = [["x": .first], [:], ["y": .second, "a": .first]]
        var nulls: [Double?] = [nil, 1]
    }

    @Test("escapes, numbers, empty containers, optionals, nested maps: pretty and on one line")
    func sample() throws {
        for pretty in [true, false] {
            #expect(try Self.fast(Sample(), pretty: pretty) == Self.foundation(Sample(), pretty: pretty))
        }
    }

    @Test("a plan over time, byte for byte")
    func plan() throws {
        let loaded = try ModelLoader.load(
            path: ReportTests.root.appendingPathComponent("models/cobalt-2035/model.yaml").path)
        let plan = try Planner.solve(loaded.model, policy: "resilient-with-reserve")
        #expect(try PlanJSON.encode(plan) == Self.foundation(plan, pretty: true) + "\n")
        #expect(try PlanJSON.line(plan) == Self.foundation(plan, pretty: false))
    }

    @Test("what JSONEncoder treats specially or refuses is left to JSONEncoder")
    func fallback() throws {
        #expect(throws: FastJSON.Unsupported.self) {
            try FastJSON.encode(["at": Date(timeIntervalSince1970: 0)], pretty: true)
        }
        #expect(throws: FastJSON.Unsupported.self) { try FastJSON.encode([Double.nan], pretty: true) }
        #expect(
            try PlanJSON.line(["at": Date(timeIntervalSince1970: 0)])
                == Self.foundation(["at": Date(timeIntervalSince1970: 0)], pretty: false))
        #expect(throws: EncodingError.self) { try PlanJSON.line([Double.infinity]) }
    }
}
