// The fuzz target of the model reader: bytes in, the reader, validator and formulation run, nothing
// written. Built with -DLODE_FUZZ and -sanitize=fuzzer it is a libFuzzer binary (Fuzz/README.md);
// built normally it replays files given on the command line (the regression tests run it so).
import Foundation
import LodeGLPK
@_spi(Fuzzing) import LodeSourcing

/// One input, as `lode check` and then `lode export` of every policy would take it.
///
/// The bytes are a model file's text. Lines starting with `#set ` (YAML comments) are also read
/// as `--set PATH=VALUE` overrides, so that the fuzzer reaches the override paths too.
enum FuzzInput {
    /// The name the input's diagnostics carry.
    static let file = "fuzz.yaml"

    static func run(_ bytes: UnsafeRawBufferPointer) {
        // The same decoding as ModelLoader.load(path:): UTF-8 or nothing.
        guard let text = String(data: Data(bytes), encoding: .utf8) else { return }
        var overrides: [Override] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("#set ") {
            do {
                overrides.append(try Override(parsing: String(line.dropFirst(5))))
            } catch {
                _ = error.description
                return
            }
        }
        let loaded: LoadedModel
        do {
            loaded = try ModelLoader.load(text: text, file: file, overrides: overrides)
        } catch {
            _ = error.description
            return
        }
        _ = loaded.warnings.map(\.description)
        let model = loaded.model
        // What `lode solve` without --policy picks, then every policy formulated and loaded into
        // GLPK (not solved: a solve may take as long as the time limit).
        _ = try? Planner.policy(nil, of: model)
        for policy in model.policies {
            guard let formulation = try? Formulation(model: model, policy: policy) else { continue }
            _ = GLPKProblem(formulation.program)
        }
    }
}

#if LODE_FUZZ
    /// libFuzzer's entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func lodeFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzInput.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
        return 0
    }

    /// libFuzzer's driver (compiler-rt's FuzzerInterface.h), which its own `main` calls.
    @_silgen_name("LLVMFuzzerRunDriver")
    func llvmFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable target with `main` defined as `LodeFuzz_main` (the entry point it
    /// renames so that tests can link the module), which keeps libFuzzer's own `main` out: this one
    /// starts libFuzzer's driver instead.
    @_cdecl("LodeFuzz_main")
    public func lodeFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        // Swift's crash backtracer keeps libFuzzer from seeing a crash (libFuzzer leaves a handler that
        // is already installed alone), so no crash input would be saved. The runtime reads the setting
        // at start-up: start again without it.
        if getenv("SWIFT_BACKTRACE") == nil, let argv {
            setenv("SWIFT_BACKTRACE", "enable=no", 1)
            execv("/proc/self/exe", argv)
        }
        var count = argc
        var arguments = argv
        return llvmFuzzerRunDriver(&count, &arguments) { data, size in lodeFuzzTestOneInput(data, size) }
    }
#else
    /// Replays files (or every file of a folder): prints `ok PATH` after each, so that a caller that
    /// sees the process die knows which file killed it (the first one after the last `ok`).
    @main
    struct Replay {
        static func main() {
            var files: [String] = []
            for argument in CommandLine.arguments.dropFirst() {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                    files += names.filter { !$0.hasPrefix(".") }.sorted()
                        .map { (argument as NSString).appendingPathComponent($0) }
                } else {
                    files.append(argument)
                }
            }
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(1)
                }
                data.withUnsafeBytes { FuzzInput.run($0) }
                FileHandle.standardOutput.write(Data("ok \(path)\n".utf8))  // unbuffered
            }
        }
    }
#endif
