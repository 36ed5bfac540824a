/// The agent's version as reported in `sensu_agent_version` and `GET /version`.
public enum AgentVersion {
    /// Pharos' own version string.
    public static let current = "0.1.0"
}
