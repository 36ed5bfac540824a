public import Foundation
public import PharosCore

/// The tabular views of `pharosctl <type> list`, with sensuctl's column titles (Sensu Go 6 `sensuctl` list
/// commands): one function per resource type, each mapping resources to a ``Table``.
public struct ResourceTables: Sendable {
    /// Time zone of the `Last Seen` and `Timestamp` columns.
    public var timeZone: TimeZone

    /// Creates the views.
    /// - Parameter timeZone: Time zone for times (default: the local one, as sensuctl prints them).
    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// Entities: ID, Class, OS, Subscriptions, Last Seen (`N/A` when never seen).
    public func entities(_ entities: [Entity]) -> Table {
        Table(
            headers: ["ID", "Class", "OS", "Subscriptions", "Last Seen"],
            rows: entities.map { entity in
                [
                    entity.metadata.name, entity.entityClass, entity.system.os,
                    entity.subscriptions.joined(separator: ","), time(entity.lastSeen),
                ]
            })
    }

    /// Checks: Name, Command, Interval, Cron, Timeout, TTL, Subscriptions, Handlers, Assets, Hooks, Publish?,
    /// Stdin?, Metric Format, Metric Handlers. Zero interval, timeout and TTL print empty; hooks print as
    /// `type:hook,hook` groups separated by `;`.
    public func checks(_ checks: [CheckConfig]) -> Table {
        Table(
            headers: [
                "Name", "Command", "Interval", "Cron", "Timeout", "TTL", "Subscriptions", "Handlers", "Assets",
                "Hooks", "Publish?", "Stdin?", "Metric Format", "Metric Handlers",
            ],
            rows: checks.map { check in
                [
                    check.metadata.name, check.command, number(check.interval), check.cron, number(check.timeout),
                    number(check.ttl), check.subscriptions.joined(separator: ","),
                    check.handlers.joined(separator: ","), check.runtimeAssets.joined(separator: ","),
                    check.checkHooks.map { "\($0.type):\($0.hooks.joined(separator: ","))" }.joined(separator: ";"),
                    String(check.publish), String(check.stdin), check.outputMetricFormat,
                    check.outputMetricHandlers.joined(separator: ","),
                ]
            })
    }

    /// Events: Entity, Check, Output, Status, Silenced, Timestamp, UUID.
    public func events(_ events: [Event]) -> Table {
        Table(
            headers: ["Entity", "Check", "Output", "Status", "Silenced", "Timestamp", "UUID"],
            rows: events.map { event in
                [
                    event.entity?.metadata.name ?? "", event.check?.config.metadata.name ?? "",
                    event.check?.output ?? "", event.check.map { String($0.status) } ?? "",
                    String(event.isSilenced), time(event.timestamp), event.id,
                ]
            })
    }

    /// Handlers: Name, Type, Timeout, Filters, Mutator, Execute, Environment Variables, Assets. `Execute` is
    /// `RUN:  <command>` for pipe handlers, `PUSH:  <type>://<host>:<port>` for TCP/UDP and
    /// `CALL:  <handlers>` for handler sets.
    public func handlers(_ handlers: [Handler]) -> Table {
        Table(
            headers: ["Name", "Type", "Timeout", "Filters", "Mutator", "Execute", "Environment Variables", "Assets"],
            rows: handlers.map { handler in
                let type = handler.type.isEmpty ? "pipe" : handler.type
                let execute: String
                switch type {
                case "tcp", "udp":
                    execute = "PUSH:  \(type)://\(handler.socket?.host ?? ""):\(handler.socket?.port ?? 0)"
                case "set":
                    execute = "CALL:  \(handler.handlers.joined(separator: ","))"
                default:
                    execute = "RUN:  \(handler.command)"
                }
                return [
                    handler.metadata.name, type, number(handler.timeout), handler.filters.joined(separator: ","),
                    handler.mutator, execute, handler.envVars.joined(separator: ","),
                    handler.runtimeAssets.joined(separator: ","),
                ]
            })
    }

    /// Assets: Name, URL, Hash (the first 7 characters of the sha512); an asset with builds shows its first
    /// build's URL and hash.
    public func assets(_ assets: [Asset]) -> Table {
        Table(
            headers: ["Name", "URL", "Hash"],
            rows: assets.map { asset in
                let url = asset.url.isEmpty ? (asset.builds.first?.url ?? "") : asset.url
                let hash = asset.sha512.isEmpty ? (asset.builds.first?.sha512 ?? "") : asset.sha512
                return [asset.metadata.name, url, String(hash.prefix(7))]
            })
    }

    /// Mutators: Name, Command, Environment Variables, Assets.
    public func mutators(_ mutators: [Mutator]) -> Table {
        Table(
            headers: ["Name", "Command", "Environment Variables", "Assets"],
            rows: mutators.map { mutator in
                [
                    mutator.metadata.name, mutator.command, mutator.envVars.joined(separator: ","),
                    mutator.runtimeAssets.joined(separator: ","),
                ]
            })
    }

    /// Namespaces: Name.
    public func namespaces(_ namespaces: [Namespace]) -> Table {
        Table(headers: ["Name"], rows: namespaces.map { [$0.name] })
    }

    private func number<T: BinaryInteger>(_ value: T) -> String {
        value == 0 ? "" : String(value)
    }

    /// `2026-01-02 15:04:05 +0000` in `timeZone`, or `N/A` for 0 (seconds since the Unix epoch).
    func time(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "N/A" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xx"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
