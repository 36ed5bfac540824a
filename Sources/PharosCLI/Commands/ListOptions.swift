import ArgumentParser

/// Options of every `<type> list` command (sensuctl's list flags, reference §9).
struct ListOptions: ParsableArguments {
    @Flag(help: "List resources of every namespace")
    var allNamespaces = false

    @Option(name: .customLong("label-selector"), help: "Only resources whose labels match, e.g. 'region == eu'")
    var labelSelector: String = ""

    @Option(name: .customLong("field-selector"), help: "Only resources whose fields match, e.g. 'check.status != 0'")
    var fieldSelector: String = ""

    @Option(name: .customLong("chunk-size"), help: "Fetch the list in pages of this many resources (0: one request)")
    var chunkSize: Int = 0

    func validate() throws {
        guard chunkSize >= 0 else { throw ValidationError("--chunk-size must be 0 or more, not \(chunkSize)") }
    }
}
