import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl event`: events (`list`, `info ENTITY CHECK`, `delete ENTITY CHECK`, `resolve ENTITY CHECK`).
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Manage events.",
        subcommands: [ListCommand<EventKind>.self, Info.self, Delete.self, Resolve.self])

    /// The two arguments naming an event.
    struct EventName: ParsableArguments {
        @Argument(help: "Name of the entity")
        var entity: String

        @Argument(help: "Name of the check")
        var check: String
    }

    /// `pharosctl event info ENTITY CHECK`.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var event: EventName

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            let path = PharosClient.eventPath(entity: event.entity, check: event.check, namespace: context.namespace)
            let value = try await client.getJSON(path)
            let resolved = try value.decode(Event.self)
            let printer = ResourcePrinter(renderer: TableRenderer(width: Terminal.width, colour: Terminal.colour))
            let tables = ResourceTables()
            Terminal.write(try printer.renderDetail(resolved, format: context.format) { tables.events($0) })
        }
    }

    /// `pharosctl event delete ENTITY CHECK [--skip-confirm]`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete one event.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var event: EventName

        @Flag(name: .customLong("skip-confirm"), help: "Delete without asking for confirmation")
        var skipConfirm = false

        func run() async throws {
            let context = try CommandContext(options: globals)
            try Confirmation.require(
                skip: skipConfirm, what: "event \(event.entity)/\(event.check)",
                answer: "\(event.entity)/\(event.check)")
            let client = try await context.client()
            try await client.delete(
                path: PharosClient.eventPath(entity: event.entity, check: event.check, namespace: context.namespace))
            Terminal.write("Deleted\n")
        }
    }

    /// `pharosctl event resolve ENTITY CHECK`: PUTs the event back with status 0 so it flows through the
    /// pipeline as a resolution; prints `Resolved`.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an event by hand.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var event: EventName

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            try await client.resolveEvent(
                entity: event.entity, check: event.check, namespace: context.namespace,
                now: Int64(Date().timeIntervalSince1970))
            Terminal.write("Resolved\n")
        }
    }
}
