/// What a valid JWT says: who, which session, until when.
public struct VerifiedToken: Sendable, Hashable {
    /// The user name (`sub`).
    public var subject: String
    /// The session id (`sid`) shared by the pair.
    public var session: String
    /// When the token expires, Unix seconds.
    public var expiresAt: Int64
}
