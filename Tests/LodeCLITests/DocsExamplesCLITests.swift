// Every `lode` command shown in the README and in docs/ runs: the examples a planner pastes first.
import Foundation
import Testing

@Suite("The documentation's commands run")
struct DocsExamplesCLITests {
    /// The documents whose ```sh blocks are run, in the order a planner reads them.
    static let documents = ["README.md", "docs/workflows.md", "docs/model-language.md", "models/README.md"]

    /// The `lode ...` commands of a document's shell blocks, as a shell reads them pasted
    /// (`CLITests.lodeCommands`), up to a `&&`. Lines that need a scheduler, a shell variable or
    /// a glob are left out (the GNU parallel block, globs and all, runs in ParallelCLITests).
    static func commands(in document: String) throws -> [String] {
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(document), encoding: .utf8)
        var blocks: [[String]] = []
        var block: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let finished = block { blocks.append(finished) }
                block = line == "```sh" || line == "```bash" ? [] : nil
            } else {
                block?.append(line)
            }
        }
        return blocks.flatMap { CLITests.lodeCommands($0).commands }.map { command in
            command.range(of: " && ").map { String(command[..<$0.lowerBound]) } ?? command
        }.filter { !$0.contains("$") && !$0.contains("|") && !$0.contains("*") }
    }

    @Test("every lode command in the README and docs/ exits as documented", arguments: documents)
    func run(document: String) throws {
        let commands = try Self.commands(in: document)
        #expect(!commands.isEmpty, "\(document) shows no lode command")
        // In a scratch folder that sees the repository's models and docs, in order (a report
        // example charts the sweep written before it).
        let folder = try CLITests.scratchWithModels("docs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
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

extension CLITests {
    /// The `lode ...` commands among shell lines as a shell reads them when pasted: a line ending
    /// in `\` continues on the next, a trailing `# comment` is dropped. `unfinished` when the last
    /// line still continues.
    static func lodeCommands(_ lines: [String]) -> (commands: [String], unfinished: Bool) {
        var commands: [String] = []
        var pending: String?
        for line in lines {
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
            commands.append(joined.trimmingCharacters(in: .whitespaces))
        }
        return (commands, pending != nil)
    }

    /// A fresh folder that sees the repository's `models` and `docs`, for running examples.
    static func scratchWithModels(_ name: String) throws -> String {
        let folder = temporary(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["models", "docs"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/" + name, withDestinationPath: root.appendingPathComponent(name).path)
        }
        return folder
    }
}
