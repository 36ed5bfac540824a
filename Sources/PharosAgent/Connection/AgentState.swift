import PharosCore

/// The agent's mutable view of itself, shared by the connection, the keepalive loop and the check loop:
/// the subscriptions in effect (the backend's stored entity config replaces the configured ones).
actor AgentState {
    private(set) var subscriptions: [String]
    /// Whether a backend session is established.
    var connected = false
    /// Whether a backend was tried at least once, connected or not (the health listener's startup condition).
    private(set) var triedBackend = false
    /// Checks running now.
    private(set) var runningChecks = 0

    init(subscriptions: [String]) {
        self.subscriptions = subscriptions
    }

    /// Records whether a backend session is established.
    func setConnected(_ value: Bool) {
        connected = value
        if value { triedBackend = true }
    }

    /// Records that a connection attempt ended (connected or failed).
    func markTried() {
        triedBackend = true
    }

    /// Counts a check starting (`+1`) or ending (`-1`).
    func countRunningCheck(_ change: Int) {
        runningChecks += change
    }

    /// Applies an `entity_config` from the backend; the `not found` placeholder changes nothing.
    func apply(_ config: EntityConfig) {
        guard config.metadata.name != "not found" else { return }
        subscriptions = config.subscriptions
    }
}
