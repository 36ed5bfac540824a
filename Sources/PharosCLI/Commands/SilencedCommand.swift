import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl silenced`: silenced entries (`list`, `info`, `delete`, `create`).
struct SilencedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silenced", abstract: "Manage silenced entries.",
        subcommands: [
            ListCommand<SilencedKind>.self, InfoCommand<SilencedKind>.self, DeleteCommand<SilencedKind>.self,
            Create.self,
        ])

    /// `pharosctl silenced create -s SUB -c CHECK [-r REASON] [-e SECONDS] [-x] [-b BEGIN]`: stores a silenced
    /// entry named `SUB:CHECK` (`*` for a missing part) and prints `Created`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Silence a subscription, a check or both.")

        @OptionGroup var globals: GlobalOptions

        @Option(name: [.short, .customLong("subscription")], help: "Subscription to silence (entity:NAME for one)")
        var subscription: String = ""

        @Option(name: [.short, .customLong("check")], help: "Check to silence")
        var check: String = ""

        @Option(name: [.short, .customLong("reason")], help: "Why it is silenced")
        var reason: String = ""

        @Option(name: [.short, .customLong("expire")], help: "Seconds until the entry expires (-1: never)")
        var expire: Int64 = -1

        @Flag(
            name: [.customShort("x"), .customLong("expire-on-resolve")],
            help: "Remove the entry when the event resolves")
        var expireOnResolve = false

        @Option(
            name: [.short, .customLong("begin")],
            help: "When silencing starts: RFC 3339 time (2026-01-02T15:04:05Z) or seconds since the Unix epoch")
        var begin: String = ""

        func validate() throws {
            if subscription.isEmpty && check.isEmpty {
                throw ArgumentParser.ValidationError("give --subscription (-s), --check (-c) or both")
            }
            if !begin.isEmpty && Self.parseTime(begin) == nil {
                throw ArgumentParser.ValidationError(
                    "--begin \"\(begin)\": expected an RFC 3339 time or seconds since the Unix epoch")
            }
        }

        static func parseTime(_ text: String) -> Int64? {
            if let seconds = Int64(text) { return seconds }
            let formatter = ISO8601DateFormatter()
            return formatter.date(from: text).map { Int64($0.timeIntervalSince1970) }
        }

        func run() async throws {
            let context = try CommandContext(options: globals)
            var entry = Silenced(
                metadata: ObjectMeta(name: "", namespace: context.namespace), subscription: subscription,
                check: check)
            entry.metadata.name = entry.derivedName
            entry.reason = reason
            entry.expire = expire
            entry.expireOnResolve = expireOnResolve
            entry.begin = Self.parseTime(begin) ?? 0
            try entry.validate()
            let client = try await context.client()
            try await client.put(AnyResource(entry))
            Terminal.write("Created\n")
        }
    }
}
