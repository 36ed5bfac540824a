/// The resolved start and end of a silence, as stored (reference §1.14).
public struct SilenceTiming: Sendable, Hashable, Codable {
    /// Unix seconds from which the silence applies (inclusive).
    public var begin: Int64
    /// Unix seconds at which the silence stops applying (exclusive); 0 means never.
    public var expireAt: Int64

    /// Creates a timing.
    /// - Parameters:
    ///   - begin: Unix seconds, start (inclusive).
    ///   - expireAt: Unix seconds, end (exclusive); 0 for never.
    public init(begin: Int64, expireAt: Int64) {
        self.begin = begin
        self.expireAt = expireAt
    }

    private enum CodingKeys: String, CodingKey {
        case begin
        case expireAt = "expire_at"
    }
}
