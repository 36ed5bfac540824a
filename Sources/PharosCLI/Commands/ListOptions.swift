import ArgumentParser

/// Options of every `<type> list` command.
struct ListOptions: ParsableArguments {
    @Flag(help: "List resources of every namespace")
    var allNamespaces = false
}
