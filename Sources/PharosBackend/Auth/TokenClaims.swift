import Foundation
import JWTKit

/// The claims of Pharos' HS256 tokens: `sub` (username), `iat`, `exp` (Unix seconds) and `kind`.
struct TokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var kind: TokenKind
    /// A random id, so two tokens issued in the same second differ.
    var jti: IDClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
