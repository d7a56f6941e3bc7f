internal import CGLPK

/// Routes GLPK's terminal output of the calling thread: silenced by default, or delivered line
/// by line to a caller's closure. GLPK's output switches live in thread-local storage, so this is
/// set around every GLPK call section that may print.
final class TerminalOutput {
    private let sink: @Sendable (String) -> Void
    private var pending = ""

    private init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Runs `body` with GLPK's output silenced, or sent to `log` when it is given.
    static func routed<Result>(to log: (@Sendable (String) -> Void)?, _ body: () throws -> Result) rethrows -> Result {
        guard let log else {
            glp_term_out(GLP_OFF)
            return try body()
        }
        let output = TerminalOutput(sink: log)
        return try withExtendedLifetime(output) {
            glp_term_hook(
                { info, text in
                    guard let info, let text else { return 1 }
                    Unmanaged<TerminalOutput>.fromOpaque(info).takeUnretainedValue().receive(String(cString: text))
                    return 1  // swallowed: the caller decides where it goes
                }, Unmanaged.passUnretained(output).toOpaque())
            glp_term_out(GLP_ON)
            defer {
                glp_term_out(GLP_OFF)
                glp_term_hook(nil, nil)
                output.flush()
            }
            return try body()
        }
    }

    private func receive(_ text: String) {
        pending += text
        while let newline = pending.firstIndex(of: "\n") {
            sink(String(pending[..<newline]))
            pending = String(pending[pending.index(after: newline)...])
        }
    }

    private func flush() {
        if !pending.isEmpty { sink(pending) }
        pending = ""
    }
}
