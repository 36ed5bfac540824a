import Foundation
import PharosCore

/// Builders of the events the keepalive monitor emits (reference §4.7, §7.9).
enum KeepaliveEvents {
    /// Go's default time format, as in Sensu's keepalive output: `2006-01-02 15:04:05 +0000 UTC` (``GoTime``; a
    /// `DateFormatter` per keepalive cost ≈ 5 % of the backend's CPU at 400 keepalives/s).
    static func goTime(_ seconds: Int64) -> String {
        GoTime.utcString(unixSeconds: seconds)
    }

    /// The `registration` event (status 1, interval 1, handlers `["registration"]`), sent to the pipeline only.
    static func registration(entity: Entity, now: Int64) -> Event {
        let namespace = entity.metadata.namespace
        var config = CheckConfig(metadata: ObjectMeta(name: "registration", namespace: namespace))
        config.interval = 1
        config.handlers = ["registration"]
        let check = Check(
            config: config, status: 1, output: "Entity \(entity.metadata.name) registered", issued: now,
            executed: now)
        return Event(
            timestamp: now, entity: entity, check: check, metadata: ObjectMeta(namespace: namespace),
            id: UUID().uuidString)
    }

    /// The `deregistration` event (status 1, interval 1, handlers `[handler]`), sent to the pipeline only.
    static func deregistration(entity: Entity, handler: String, now: Int64) -> Event {
        let namespace = entity.metadata.namespace
        var config = CheckConfig(metadata: ObjectMeta(name: "deregistration", namespace: namespace))
        config.interval = 1
        config.handlers = [handler]
        let check = Check(
            config: config, status: 1, output: "Entity \(entity.metadata.name) deregistered", issued: now,
            executed: now)
        return Event(
            timestamp: now, entity: entity, check: check, metadata: ObjectMeta(namespace: namespace),
            id: UUID().uuidString)
    }

    /// A resolution copy of a deleted event: status 0, output `Resolving due to entity deregistering`, history
    /// cleared.
    static func resolution(of event: Event, now: Int64) -> Event {
        var resolved = event
        resolved.timestamp = now
        resolved.id = UUID().uuidString
        if var check = resolved.check {
            check.status = 0
            check.output = "Resolving due to entity deregistering"
            check.history = []
            check.executed = now
            resolved.check = check
        }
        return resolved
    }

    /// The keepalive check of an event, with the handlers the entity asks for (default `["keepalive"]`).
    static func keepaliveCheck(from event: Event?, entity: Entity, timeout: Int64) -> CheckConfig {
        var config =
            event?.check?.config
            ?? CheckConfig(metadata: ObjectMeta(name: "keepalive", namespace: entity.metadata.namespace))
        config.metadata.name = "keepalive"
        config.metadata.namespace = entity.metadata.namespace
        if config.timeout == 0 { config.timeout = UInt32(clamping: timeout) }
        config.handlers = entity.keepaliveHandlers.isEmpty ? ["keepalive"] : entity.keepaliveHandlers
        return config
    }

    /// The OK keepalive event: `Keepalive last sent from NAME at TIME`.
    static func ok(entity: Entity, config: CheckConfig, now: Int64) -> Event {
        let check = Check(
            config: config, status: 0,
            output: "Keepalive last sent from \(entity.metadata.name) at \(goTime(now))", issued: now, executed: now)
        return Event(
            timestamp: now, entity: entity, check: check, metadata: ObjectMeta(namespace: entity.metadata.namespace),
            id: UUID().uuidString)
    }

    /// The failing keepalive event: `status` 1 (warning timeout passed) or 2 (critical timeout passed; then
    /// `timeout` is the critical one), `No keepalive sent from NAME for N seconds (>= TIMEOUT)`.
    static func failing(
        entity: Entity, config: CheckConfig, silentFor: Int64, timeout: Int64, status: UInt32 = 1, now: Int64
    ) -> Event {
        let check = Check(
            config: config, status: status,
            output: "No keepalive sent from \(entity.metadata.name) for \(silentFor) seconds (>= \(timeout))",
            issued: now, executed: now)
        return Event(
            timestamp: now, entity: entity, check: check, metadata: ObjectMeta(namespace: entity.metadata.namespace),
            id: UUID().uuidString)
    }
}
