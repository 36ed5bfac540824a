import ArgumentParser

/// `pharosctl completion bash|zsh`: prints a shell completion script (generated from the command tree).
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print a shell completion script: source <(pharosctl completion bash), or for zsh put it on $fpath.")

    @Argument(help: "Shell: bash or zsh")
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil, shell == "bash" || shell == "zsh" else {
            throw ValidationError("unsupported shell \"\(shell)\": expected bash or zsh")
        }
    }

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else { return }
        Terminal.write(PharosCtl.completionScript(for: kind))
    }
}
