import Foundation
import JWTKit

/// The claims of Pharos' HS256 tokens: `sub` (username), `iat`, `exp` (Unix seconds), `kind` and `sid` (the
/// session both tokens of a pair share; logging out or refreshing ends it).
struct TokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var kind: TokenKind
    /// A random id, so two tokens issued in the same second differ.
    var jti: IDClaim
    /// The session id shared by the access and refresh token of one pair.
    var sid: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
