// Every `lode` command shown in the README and in docs/ runs: the examples a planner pastes first.
import Foundation
import Testing

@Suite("The documentation's commands run")
struct DocsExamplesCLITests {
    /// The documents whose ```sh blocks are run, in the order a planner reads them.
    static let documents = ["README.md", "docs/workflows.md", "docs/model-language.md", "models/README.md"]

    /// The `lode ...` commands of a document's shell blocks, continuation lines joined and
    /// trailing comments dropped. Lines that need a scheduler or a shell variable are left out.
    static func commands(in document: String) throws -> [String] {
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(document), encoding: .utf8)
        var commands: [String] = []
        var inShell = false
        var pending: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inShell = line == "```sh" || line == "```bash"
                pending = nil
                continue
            }
            guard inShell else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard pending != nil || trimmed.hasPrefix("lode ") else { continue }
            var joined = (pending.map { $0 + " " } ?? "") + trimmed
            if joined.hasSuffix("\\") {
                joined.removeLast()
                pending = joined.trimmingCharacters(in: .whitespaces)
                continue
            }
            pending = nil
            if let hash = joined.range(of: " #") { joined = String(joined[..<hash.lowerBound]) }
            if let and = joined.range(of: " && ") { joined = String(joined[..<and.lowerBound]) }
            guard !joined.contains("$"), !joined.contains("|") else { continue }
            commands.append(joined.trimmingCharacters(in: .whitespaces))
        }
        return commands
    }

    @Test("every lode command in the README and docs/ exits as documented", arguments: documents)
    func run(document: String) throws {
        let commands = try Self.commands(in: document)
        #expect(!commands.isEmpty, "\(document) shows no lode command")
        // In a scratch folder that sees the repository's models and docs, in order (a report
        // example charts the sweep written before it).
        let folder = CLITests.temporary("docs")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["models", "docs"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/" + name, withDestinationPath: CLITests.root.appendingPathComponent(name).path)
        }
        for command in commands {
            let words = try Self.words(command)
            let run = try CLITests.lode(in: folder, Array(words.dropFirst()))
            // An example of a policy infeasible on purpose exits 3, as the docs say.
            let expected: Set<Int32> = command.contains("impossible") ? [0, 3] : [0]
            #expect(expected.contains(run.status), "\(document): \(command)\n\(run.stderr)")
        }
    }

    /// The words of a command as the shell splits them (single and double quotes).
    static func words(_ command: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
