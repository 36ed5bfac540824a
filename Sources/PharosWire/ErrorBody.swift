/// The REST error body `{"message": …, "code": N}` with Sensu Go's error codes (reference §2.3).
public struct ErrorBody: Sendable, Hashable, Codable {
    /// A message safe to show the caller.
    public var message: String
    /// Sensu's error code (see `ErrorCode`).
    public var code: Int

    /// Creates an error body.
    public init(message: String, code: ErrorCode) {
        self.message = message
        self.code = code.rawValue
    }
}

/// Sensu Go's REST error codes and the HTTP status each maps to (reference §2.3).
public enum ErrorCode: Int, Sendable, Hashable, CaseIterable {
    case internalError = 0
    case invalidArgument = 1
    case notFound = 2
    case alreadyExists = 3
    case permissionDenied = 4
    case unauthenticated = 5
    case paymentRequired = 6
    case preconditionFailed = 7
    case deadlineExceeded = 8

    /// The HTTP status code for this error code.
    public var httpStatus: Int {
        switch self {
        case .internalError: 500
        case .invalidArgument: 400
        case .notFound: 404
        case .alreadyExists: 409
        case .permissionDenied: 403
        case .unauthenticated: 401
        case .paymentRequired: 402
        case .preconditionFailed: 412
        case .deadlineExceeded: 504
        }
    }
}
