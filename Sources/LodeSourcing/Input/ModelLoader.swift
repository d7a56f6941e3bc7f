import Foundation

/// A model read and checked, with the warnings found on the way.
public struct LoadedModel: Sendable {
    public var model: SourcingModel
    public var warnings: [Diagnostic]
    /// The tree the model was decoded from (CSV tables inlined, overrides applied), kept so that
    /// sweeps can apply further overrides without reading the files again.
    public var tree: Tree
    /// The files read: the model file, then the table files it names, in order.
    public var files: [URL] = []
    /// The errors of the invalid policies, each once, policy by policy in file order (what
    /// `check` reports); `invalidPolicies` has them by policy.
    public var policyErrors: [Diagnostic] = []
    /// The model's text when it was read from standard input (`-`), for the run manifest's hash.
    public var standardInput: Data?

    /// Policies with errors (docs/model-language.md, "Fine points"), by id: they are not solved, the others are.
    public var invalidPolicies: [String: [Diagnostic]] { model.invalidPolicies }
}

/// Reads model files: YAML or JSON, with supplier and country tables inline or in CSV files.
public enum ModelLoader {
    /// Reads, overrides and checks the model at `path`. Every problem is reported at once.
    /// `threads` > 1 reads long supplier tables in parts at once (same result, same messages).
    /// A `path` of `-` reads the model from standard input (its messages say `<stdin>`, and its
    /// table files are found from the working folder).
    public static func load(path: String, overrides: [Override] = [], threads: Int = 1) throws(InvalidModelError)
        -> LoadedModel
    {
        var log = DiagnosticLog()
        let standardInput = path == "-"
        let url =
            standardInput
            ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("<stdin>")
            : URL(fileURLWithPath: path)
        let text: String
        switch standardInput
            ? readStandardInput(limit: ReaderLimits.modelFileBytes)
            : readText(url, limit: ReaderLimits.modelFileBytes)
        {
        case let .success(read):
            text = read
        case let .failure(problem):
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: nil, field: path,
                    "the model \(standardInput ? "on standard input" : "file") cannot be read (\(problem.reason))",
                    fix: "give the path of a .yaml or .json model file, e.g. models/cobalt/model.yaml")
            ])
        }
        let path = standardInput ? "<stdin>" : path
        guard var tree = TreeReader.parseYAML(text, file: path, log: &log) else {
            throw InvalidModelError(diagnostics: log.all)
        }
        // Misspelt keys and columns: one error each, and the check goes on as if spelt right.
        var misspelt = DiagnosticLog()
        MisspeltKeys.correctTopKeys(&tree, known: ModelDecoder.topKeys, log: &misspelt)
        let tables = inlineTables(
            &tree, folder: url.deletingLastPathComponent(), modelPath: path, log: &log,
            misspelt: &misspelt, threads: threads)
        if log.hasErrors { throw InvalidModelError(diagnostics: misspelt.all + log.all) }
        misspelt.append(log)
        var loaded = try decode(tree, file: path, overrides: overrides, log: misspelt, threads: threads)
        loaded.files = (standardInput ? [] : [url]) + tables
        if standardInput { loaded.standardInput = Data(text.utf8) }
        return loaded
    }

    /// Reads and checks a model from its text alone, without touching the disk: the root-file path
    /// of ``load(path:overrides:threads:)`` (same parser, same decoder), for the fuzzer
    /// (Sources/LodeFuzz). There is no folder, so a table file named by `suppliers:` or
    /// `countries:` is reported as unreadable, as a missing file is.
    @_spi(Fuzzing)
    public static func load(
        text: String, file: String, overrides: [Override] = []
    ) throws(InvalidModelError) -> LoadedModel {
        var log = DiagnosticLog()
        guard var tree = TreeReader.parseYAML(text, file: file, log: &log) else {
            throw InvalidModelError(diagnostics: log.all)
        }
        var misspelt = DiagnosticLog()
        MisspeltKeys.correctTopKeys(&tree, known: ModelDecoder.topKeys, log: &misspelt)
        if case let .mapping(entries) = tree.value {
            for entry in entries where ["suppliers", "countries"].contains(entry.key) {
                guard let reference = entry.value.scalar else { continue }
                log.error(
                    entry.value.location, entry.key, "the table file '\(reference)' cannot be read",
                    fix: "give a CSV path relative to the model file's folder, or list the \(entry.key) inline")
            }
        }
        if log.hasErrors { throw InvalidModelError(diagnostics: misspelt.all + log.all) }
        misspelt.append(log)
        return try decode(tree, file: file, overrides: overrides, log: misspelt)
    }

    /// Decodes an already-read tree with further overrides (the sweep path: no file I/O).
    public static func decode(_ tree: Tree, file: String, overrides: [Override]) throws(InvalidModelError)
        -> LoadedModel
    {
        try decode(tree, file: file, overrides: overrides, log: DiagnosticLog())
    }

    private static func decode(_ tree: Tree, file: String, overrides: [Override], log: DiagnosticLog, threads: Int = 1)
        throws(InvalidModelError) -> LoadedModel
    {
        var log = log
        var tree = tree
        // A bad override stops here; errors already in `log` (misspelt keys) let the decoding go on.
        var overrideLog = DiagnosticLog()
        for (index, override) in overrides.enumerated() { tree.apply(override, index: index, log: &overrideLog) }
        log.append(overrideLog)
        if overrideLog.hasErrors { throw InvalidModelError(diagnostics: log.all) }
        var decoder = ModelDecoder(file: file, log: log)
        decoder.threads = threads
        // Errors outside the policies invalidate the model; a policy's errors only that policy.
        guard let model = decoder.decode(tree), !decoder.log.hasErrors else {
            throw InvalidModelError(diagnostics: decoder.log.all + decoder.policyDiagnostics)
        }
        let all = decoder.log.all + decoder.policyDiagnostics
        var loaded = LoadedModel(model: model, warnings: all.filter { $0.severity == .warning }, tree: tree)
        loaded.policyErrors = decoder.policyDiagnostics.filter { $0.severity == .error }
        return loaded
    }

    /// Why a file's text cannot be read.
    struct ReadProblem: Error {
        var reason: String
    }

    /// Standard input's text, of at most `limit` bytes.
    static func readStandardInput(limit: Int) -> Result<String, ReadProblem> {
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadProblem(reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[..<count])
            if bytes.count > limit {
                return .failure(ReadProblem(reason: "more than the limit of \(limit) bytes"))
            }
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            return .failure(ReadProblem(reason: "not UTF-8 text"))
        }
        return .success(text)
    }

    /// The text of the regular file at `url` (symbolic links followed) of at most `limit` bytes.
    /// Devices, pipes and folders are refused before reading: `/dev/zero` would never end.
    static func readText(_ url: URL, limit: Int) -> Result<String, ReadProblem> {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return .failure(ReadProblem(reason: "no such file")) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            let kind = status.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a device or pipe"
            return .failure(ReadProblem(reason: "it is \(kind), not a file"))
        }
        guard status.st_size <= limit else {
            return .failure(ReadProblem(reason: "\(status.st_size) bytes, more than the limit of \(limit) bytes"))
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(ReadProblem(reason: "not UTF-8 text or not readable"))
        }
        return .success(text)
    }

    /// Replaces `suppliers: file.csv` and `countries: file.csv` by the tables they name, and
    /// returns the files read.
    private static func inlineTables(
        _ tree: inout Tree, folder: URL, modelPath: String, log: inout DiagnosticLog,
        misspelt: inout DiagnosticLog, threads: Int
    ) -> [URL] {
        guard case var .mapping(entries) = tree.value else { return [] }
        var read: [URL] = []
        for position in entries.indices where ["suppliers", "countries"].contains(entries[position].key) {
            guard let reference = entries[position].value.scalar else { continue }
            let url = URL(fileURLWithPath: reference, relativeTo: folder).standardizedFileURL
            let displayName =
                (modelPath as NSString).deletingLastPathComponent.isEmpty
                ? reference
                : ((modelPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(reference)
            let text: String
            switch readText(url, limit: ReaderLimits.tableFileBytes) {
            case let .success(read):
                text = read
            case let .failure(problem):
                let detail = problem.reason == "no such file" ? "" : " (\(problem.reason))"
                log.error(
                    entries[position].value.location, entries[position].key,
                    "the table file '\(reference)' cannot be read\(detail)",
                    fix: "give a CSV path relative to the "
                        + (modelPath == "<stdin>"
                            ? "working folder (the model is read from standard input), "
                            : "model file's folder, ")
                        + "or list the \(entries[position].key) inline")
                continue
            }
            guard var table = TreeReader.readTable(text, displayName: displayName, log: &log, threads: threads) else {
                continue
            }
            let section = entries[position].key
            MisspeltKeys.correctColumns(
                &table, section: section, log: &misspelt,
                known: section == "suppliers" ? ModelDecoder.supplierKeys : ModelDecoder.countryKeys)
            entries[position].value = table
            read.append(url)
        }
        tree.value = .mapping(entries)
        return read
    }
}
