import Foundation
import Testing

@testable import LodeSourcing

/// Reading a long supplier table on several threads must give what one thread gives: the same
/// suppliers in the same order, and the same messages at the same lines.
@Suite("Long tables read in parts")
struct ParallelReadTests {
    /// A model with `rows` suppliers in a CSV file; `mistakes` plants errors across the table.
    enum Mistakes { case none, inCells, inStructure }

    func write(rows: Int, mistakes: Mistakes, lineEnd: String = "\n", finalNewline: Bool = true) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "id,commodity,stage,country,capacity,cost,carbon,sustainability,labor,flags\n"
        for k in 0..<rows {
            var line =
                "s\(k),\(k % 2 == 0 ? "li" : "co"),mining,\(["AUS", "CHL", "CHN", "COD"][k % 4]),\(100 + k % 50),\(1000 + k % 97).5,1.2,0.5,0.6,\(k % 7 == 0 ? "feoc" : "")"
            switch (mistakes, k) {
            case (.inCells, 10): line = line.replacingOccurrences(of: ",1.2,", with: ",lots,")
            case (.inCells, rows / 3): line = "s5" + line.dropFirst("s\(k)".count)
            case (.inCells, rows / 2): line = line.replacingOccurrences(of: "mining", with: "minning")
            case (.inCells, rows - 2): line = line.replacingOccurrences(of: ",0.5,", with: ",1.5,")
            case (.inStructure, rows / 2 + 1): csv += "\n"
            case (.inStructure, rows / 2 + 7): csv += "   ,  \n"
            case (.inStructure, 2 * rows / 3): line += ",extra"
            default: break
            }
            csv += line + "\n"
        }
        if !finalNewline { csv.removeLast() }
        csv = csv.replacingOccurrences(of: "\n", with: lineEnd)
        try csv.write(to: folder.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            name: Long table
            commodities:
              - { id: li, demand: 1000, stages: [mining] }
              - { id: co, demand: 1000, stages: [mining] }
            suppliers: suppliers.csv
            policies:
              baseline: {}
            """
        let path = folder.appendingPathComponent("model.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func load(_ path: String, threads: Int) -> Result<LoadedModel, InvalidModelError> {
        Result { () throws(InvalidModelError) in try ModelLoader.load(path: path, threads: threads) }
    }

    @Test("a clean table: the same suppliers in the same order on 1, 2 and 3 threads")
    func clean() throws {
        let path = try write(rows: 6_000, mistakes: .none)
        #expect(
            try Data(
                contentsOf: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
                    "suppliers.csv")
            ).count > 256 * 1024)
        let one = try load(path, threads: 1).get()
        for threads in [2, 3] {
            let many = try load(path, threads: threads).get()
            #expect(many.model.suppliers.map(\.id) == one.model.suppliers.map(\.id))
            #expect(many.model.suppliers.map(\.cost) == one.model.suppliers.map(\.cost))
            let mismatch = zip(many.model.suppliers, one.model.suppliers).enumerated().first {
                $1.0.location != $1.1.location
            }
            #expect(
                mismatch == nil,
                "first different location: supplier \(mismatch.map { "\($0.offset): \($0.element.0.location!) vs \($0.element.1.location!)" } ?? "")"
            )
            #expect(many.model.suppliers.last?.location?.line == 6_001)
        }
    }

    @Test("Windows line ends and a last line without one: the same suppliers on 1 and 3 threads")
    func lineEnds() throws {
        for (lineEnd, finalNewline) in [("\r\n", true), ("\n", false), ("\r\n", false)] {
            let path = try write(rows: 6_000, mistakes: .none, lineEnd: lineEnd, finalNewline: finalNewline)
            let one = try load(path, threads: 1).get()
            let many = try load(path, threads: 3).get()
            #expect(one.model.suppliers.count == 6_000)
            #expect(many.model.suppliers.map(\.id) == one.model.suppliers.map(\.id))
            #expect(many.model.suppliers.map(\.flags) == one.model.suppliers.map(\.flags))
            #expect(many.model.suppliers.map(\.location) == one.model.suppliers.map(\.location))
        }
    }

    @Test("mistakes in cells across the table: the same messages, in the same order, at the same lines")
    func mistakesInCells() throws {
        try sameMessages(
            try write(rows: 6_000, mistakes: .inCells),
            expecting: [
                "the id 's5' is used twice", "expected a number, found 'lots'",
                "has no stage 'minning'", "1.5 is outside [0, 1]",
            ])
    }

    @Test("blank lines and a row with an extra cell: the same lines as one pass")
    func mistakesInStructure() throws {
        // Line 1 is the header, so supplier k is on line k + 2, plus the two blank lines before it.
        try sameMessages(
            try write(rows: 6_000, mistakes: .inStructure),
            expecting: ["suppliers.csv:4004:11: error: (csv): row 4004 has 11 cells"])
    }

    func sameMessages(_ path: String, expecting expected: [String]) throws {
        guard case let .failure(one) = load(path, threads: 1) else {
            Issue.record("the mistakes were not found")
            return
        }
        for text in expected { #expect(one.diagnostics.contains { $0.description.contains(text) }, "\(text)") }
        for threads in [2, 3] {
            guard case let .failure(many) = load(path, threads: threads) else {
                Issue.record("\(threads) threads found no mistake")
                continue
            }
            #expect(many.diagnostics.map(\.description) == one.diagnostics.map(\.description))
        }
    }

    // MARK: The direct reading of tables without quotes against the CSV library

    /// Each row as text: its line, then each cell's column, key and value.
    func rows(_ text: String, library: Bool, threads: Int = 1) -> (rows: [String]?, messages: [String]) {
        var log = DiagnosticLog()
        let tree = TreeReader.readTable(text, displayName: "t.csv", log: &log, threads: threads, library: library)
        let rows = tree?.elements?.map { row in
            "\(row.location.line):"
                + (row.entries ?? []).map { "\($0.keyLocation.column)=\($0.key)=\($0.value.scalar ?? "?")" }.joined(
                    separator: "|")
        }
        return (rows, log.all.map(\.description))
    }

    @Test(
        "a table without quotes is read as the CSV library reads it",
        arguments: [
            "id,cost\ns1,10\ns2,20\n",
            "id,cost\ns1,10\ns2,20",
            "id,cost\r\ns1,10\r\ns2,20\r\n",
            "id,cost\r\ns1,10\r\ns2,20",
            " id , cost \n s1 ,\t10 \n",
            "id,cost,flags\ns1,,a;b\ns2,5,\n,,\n",
            "id,cost\ns1,10,extra\ns2\n",
            "id,cost\n\ns1,10\n\n\ns2,20\n   ,  \ns3,30\n",
            "id,cost\n",
            "id,cost",
            "id,name\ns1,Zürich ✓\n",
        ])
    func plainAsLibrary(text: String) {
        let library = rows(text, library: true)
        #expect(library.rows != nil)
        #expect(rows(text, library: false).rows == library.rows)
        #expect(rows(text, library: false).messages == library.messages)
    }

    @Test("a long table cut in parts is read as the CSV library reads it whole")
    func partsAsLibrary() throws {
        let path = try write(rows: 6_000, mistakes: .inStructure, lineEnd: "\r\n", finalNewline: false)
        let text = try String(
            contentsOf: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("suppliers.csv"),
            encoding: .utf8)
        let library = rows(text, library: true)
        #expect(library.rows?.count == 6_000)
        for threads in [1, 2, 3] {
            let plain = rows(text, library: false, threads: threads)
            #expect(plain.rows == library.rows)
            #expect(plain.messages == library.messages)
        }
    }

    @Test("quotes, a lone carriage return or a byte-order mark leave the table to the CSV library")
    func libraryCases() {
        for text in ["id,name\ns1,\"A, B\"\n", "id,cost\rs1,10\r", "\u{FEFF}id,cost\ns1,10\n"] {
            let library = rows(text, library: true)
            let plain = rows(text, library: false)
            #expect(plain.rows == library.rows)
            #expect(plain.messages == library.messages)
        }
        #expect(rows("id,name\ns1,\"A, B\"\n", library: false).rows == ["2:1=id=s1|2=name=A, B"])
    }
}
