public import Foundation
import JWTKit

/// Issues and verifies the API's HS256 JWTs with the backend's signing key (kept in the store's settings).
public struct TokenIssuer: Sendable {
    /// Lifetime of an access token: 5 minutes (Sensu Go default).
    public static let accessLifetime: Duration = .seconds(300)
    /// Lifetime of a refresh token: 12 hours (Sensu Go default).
    public static let refreshLifetime: Duration = .seconds(12 * 3600)

    private let keys: JWTKeyCollection
    private let now: @Sendable () -> Date

    /// Creates an issuer.
    /// - Parameters:
    ///   - secret: The HMAC-SHA256 key bytes (32 random bytes from `BackendSettings.jwtSecret`).
    ///   - now: The wall clock (injected for tests).
    public init(secret: [UInt8], now: @escaping @Sendable () -> Date = { Date() }) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.now = now
    }

    /// Issues an access and a refresh token for `subject`, both carrying `session` as their `sid`.
    /// - Parameters:
    ///   - subject: The user name.
    ///   - session: The session id the pair belongs to (`TokenSessions` keeps the live ones).
    /// - Throws: JWTKit's error when signing fails (it does not with an HMAC key).
    public func issue(subject: String, session: String = UUID().uuidString) async throws -> TokenPair {
        let issuedAt = now()
        let accessExpiry = issuedAt.addingTimeInterval(Self.seconds(Self.accessLifetime))
        let refreshExpiry = issuedAt.addingTimeInterval(Self.seconds(Self.refreshLifetime))
        let access = try await keys.sign(
            TokenClaims(
                sub: SubjectClaim(value: subject), iat: IssuedAtClaim(value: issuedAt),
                exp: ExpirationClaim(value: accessExpiry), kind: .access, jti: IDClaim(value: UUID().uuidString),
                sid: session))
        let refresh = try await keys.sign(
            TokenClaims(
                sub: SubjectClaim(value: subject), iat: IssuedAtClaim(value: issuedAt),
                exp: ExpirationClaim(value: refreshExpiry), kind: .refresh, jti: IDClaim(value: UUID().uuidString),
                sid: session))
        return TokenPair(
            accessToken: access, expiresAt: Int64(accessExpiry.timeIntervalSince1970), refreshToken: refresh)
    }

    /// Verifies a token's signature, expiry and kind.
    /// - Returns: The subject (username), or `nil` when the token is invalid, expired or of the other kind.
    public func verify(_ token: String, kind: TokenKind) async -> String? {
        await verified(token, kind: kind)?.subject
    }

    /// Verifies a token's signature, expiry and kind.
    /// - Returns: The token's subject, session and expiry, or `nil` when the token is invalid, expired or of the
    ///   other kind.
    public func verified(_ token: String, kind: TokenKind) async -> VerifiedToken? {
        guard let claims = try? await keys.verify(token, as: TokenClaims.self), claims.kind == kind,
            (try? claims.exp.verifyNotExpired(currentDate: now())) != nil
        else { return nil }
        return VerifiedToken(
            subject: claims.sub.value, session: claims.sid, expiresAt: Int64(claims.exp.value.timeIntervalSince1970))
    }

    /// The issuer's clock, Unix seconds.
    public var currentTime: Int64 { Int64(now().timeIntervalSince1970) }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds)
    }
}
