import ArgumentParser

/// `pharosctl version`: prints pharosctl's version and the Sensu Go version whose sensuctl it follows.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show pharosctl's version.")

    /// Pharos' version.
    static let pharos = "0.1.0"
    /// The sensuctl release pharosctl's commands and flags follow.
    static let sensuctlCompatible = "6.12.0"

    func run() {
        Terminal.write("pharosctl version \(Self.pharos) (sensuctl \(Self.sensuctlCompatible) compatible)\n")
    }
}
