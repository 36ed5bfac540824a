import PharosBackend
import PharosCore
import Testing

/// Field failure #18 item 6: an existing entity's ownership when its agent connects.
@Suite struct EntityOwnershipTests {
    static func config(
        labels: [String: String] = ["tier": "web"], subscriptions: [String] = ["linux", "entity:web-1"],
        deregister: Bool = false
    ) -> EntityConfig {
        EntityConfig(
            metadata: ObjectMeta(name: "web-1", namespace: "default", labels: labels), entityClass: "agent",
            user: "agent", subscriptions: subscriptions, deregister: deregister)
    }

    @Test func backendOwnedKeepsTheStoredCopyAndNamesTheIgnoredFields() {
        let stored = Self.config()
        let reported = Self.config(labels: ["tier": "db"], subscriptions: ["linux", "postgres"])
        let (config, decision) = EntityOwnership.reconcile(stored: stored, reported: reported)
        #expect(config == stored)
        #expect(decision == .backendOwned(ignored: ["labels", "subscriptions"]))
        let same = EntityOwnership.reconcile(stored: stored, reported: Self.config(subscriptions: ["linux"]))
        #expect(same.decision == .backendOwned(ignored: []))
    }

    @Test func handshakeSubscriptionsAreTheAgentsOwn() {
        // The agent may already have adopted the stored subscriptions from entity_config; its handshake has its own.
        let stored = Self.config()
        let (_, decision) = EntityOwnership.reconcile(
            stored: stored, reported: stored, declaredSubscriptions: ["linux", "nginx"])
        #expect(decision == .backendOwned(ignored: ["subscriptions"]))
    }

    @Test func agentManagedTakesTheAgentsConfiguration() {
        let stored = Self.config()
        let reported = Self.config(
            labels: ["tier": "db", "sensu.io/managed_by": "sensu-agent"], subscriptions: ["postgres"])
        let (config, decision) = EntityOwnership.reconcile(stored: stored, reported: reported)
        #expect(decision == .agentManaged)
        #expect(config.metadata.labels == ["tier": "db", "sensu.io/managed_by": "sensu-agent"])
        #expect(config.subscriptions == ["postgres", "entity:web-1"])
    }

    @Test func droppingTheFlagHandsOwnershipBack() {
        let stored = Self.config(labels: ["tier": "db", "sensu.io/managed_by": "sensu-agent"])
        let reported = Self.config(labels: ["tier": "db"])
        let (config, decision) = EntityOwnership.reconcile(stored: stored, reported: reported)
        #expect(decision == .handedBack(ignored: []))
        #expect(config.metadata.labels == ["tier": "db"])
    }

    @Test func aDeregisterEntityIsReplacedByTheConnectingAgent() {
        let stored = Self.config(subscriptions: ["old", "entity:web-1"], deregister: true)
        let reported = Self.config(subscriptions: ["new"], deregister: true)
        let (config, decision) = EntityOwnership.reconcile(stored: stored, reported: reported)
        #expect(decision == .ephemeralReplaced)
        #expect(config.subscriptions == ["new", "entity:web-1"])
    }
}
