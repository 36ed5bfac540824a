/// sensuctl's delete confirmation: the user types the resource's name again.
enum Confirmation {
    /// Returns when deleting may go ahead: `skip` is set, or the user typed `answer` at the prompt.
    /// - Throws: `CLIError` when the answer differs (`Canceled`) or there is no terminal to ask on.
    static func require(skip: Bool, what: String, answer: String) throws {
        guard !skip else { return }
        guard Terminal.standardInputIsTerminal else {
            throw CLIError("refusing to delete \(what) without confirmation: no terminal; use --skip-confirm")
        }
        let typed = Terminal.prompt("Are you sure you would like to delete \(what)? Type '\(answer)' to confirm")
        guard typed == answer else { throw CLIError("Canceled: \(what) was not deleted") }
    }
}
