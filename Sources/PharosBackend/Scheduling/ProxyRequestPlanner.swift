public import Foundation
public import PharosCore

/// Expands a check with `proxy_requests` into one check per matching entity (Sensu Go 6.x `schedulerd` proxy
/// checks, reference §5.1).
///
/// An entity matches when every `entity_attributes` expression is true with `entity` bound to its synthesized
/// configuration (metadata lifted to the top level, no `system` facts); an empty list matches nothing and an
/// expression that fails to parse or evaluate counts as false. Each match gets a copy of the check with its string
/// fields token-substituted against the entity and `proxy_entity_name` set to the entity's name.
public enum ProxyRequestPlanner {
    /// One expanded execution.
    public struct Target: Sendable, Hashable {
        /// The proxy entity's name.
        public var entityName: String
        /// The substituted check with `proxy_entity_name` set.
        public var check: CheckConfig
    }

    /// The result of an expansion.
    public struct Plan: Sendable, Hashable {
        /// The checks to publish, in entity-name order.
        public var targets: [Target]
        /// Entities skipped because token substitution failed, with the error text.
        public var substitutionErrors: [String: String]
        /// Expression errors (entity name and error text); such entities do not match.
        public var expressionErrors: [String]
    }

    /// Expands `check` over `entities` (the entities of the check's namespace).
    public static func plan(_ check: CheckConfig, entities: [Entity], now: Date = Date()) -> Plan {
        var plan = Plan(targets: [], substitutionErrors: [:], expressionErrors: [])
        guard let requests = check.proxyRequests, !requests.entityAttributes.isEmpty else { return plan }
        var expressions: [FilterExpression] = []
        for source in requests.entityAttributes {
            do {
                expressions.append(try FilterExpression(source))
            } catch {
                plan.expressionErrors.append("\(source): \(error)")
                return plan
            }
        }
        for entity in entities.sorted(by: { $0.metadata.name < $1.metadata.name }) {
            guard let encoded = try? JSONValue(encoding: entity.config) else { continue }
            let data = TokenSubstitution.entityData(from: encoded)
            var matches = true
            for expression in expressions {
                do {
                    if try !expression.evaluate(["entity": data], now: now) {
                        matches = false
                        break
                    }
                } catch {
                    plan.expressionErrors.append("\(entity.metadata.name): \(expression.source): \(error)")
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            do {
                var substituted = try substitute(check, data: data)
                substituted.proxyEntityName = entity.metadata.name
                plan.targets.append(Target(entityName: entity.metadata.name, check: substituted))
            } catch {
                plan.substitutionErrors[entity.metadata.name] = "\(error)"
            }
        }
        return plan
    }

    /// The delay between two consecutive proxy requests with `splay`: `interval × coverage / 100 / count` seconds
    /// (cron checks: the time to the next fire instead of the interval, at least 5 s); zero without splay.
    public static func splayDelay(_ check: CheckConfig, count: Int, untilNextFire: Duration?) -> Duration {
        guard let requests = check.proxyRequests, requests.splay, count > 1 else { return .zero }
        let coverage = Double(min(requests.splayCoverage, 100)) / 100
        var period: Double = Double(check.interval)
        if !check.cron.isEmpty, let untilNextFire {
            period = max(5, Double(untilNextFire.components.seconds))
        }
        return .milliseconds(Int64(period * coverage / Double(count) * 1000))
    }

    private static func substitute(_ check: CheckConfig, data: JSONValue) throws -> CheckConfig {
        var withoutAttributes = check
        withoutAttributes.proxyRequests = nil
        let rendered = try TokenSubstitution.substitute(in: try JSONValue(encoding: withoutAttributes), data: data)
        var result = try rendered.decode(CheckConfig.self)
        result.proxyRequests = check.proxyRequests
        result.metadata = check.metadata
        return result
    }
}
