/// One entry of a check's history (`{"status","executed"}`), as in Sensu Go `core/v2` `CheckHistory`.
///
/// Sensu keeps at most 21 entries, oldest first (reference §1.6, §7.3).
public struct CheckHistory: Sendable, Hashable, Codable {
    /// Exit status of that execution (0 OK, 1 warning, 2 critical, ≥3 unknown).
    public var status: UInt32
    /// Unix time in seconds when the check was executed.
    public var executed: Int64

    public init(status: UInt32, executed: Int64) {
        self.status = status
        self.executed = executed
    }

    private enum CodingKeys: String, CodingKey { case status, executed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(UInt32.self, forKey: .status) ?? 0
        executed = try container.decodeIfPresent(Int64.self, forKey: .executed) ?? 0
    }
}
