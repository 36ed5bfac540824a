import Foundation
public import Hummingbird
import NIOCore
public import PharosStore
public import PharosWire

/// An error answered by the REST API as `{"message": …, "code": N}` with the matching HTTP status
/// (Sensu Go error codes, reference §2.3). The message is always safe to show the caller.
public struct APIError: Error, Sendable, Hashable, HTTPResponseError, CustomStringConvertible {
    /// Sensu's error code; it decides the HTTP status.
    public var code: ErrorCode
    /// A message safe to show the caller, naming the field or resource concerned.
    public var message: String
    /// An HTTP status that differs from the one `code` maps to (413 for an oversized body), or `nil`.
    public var statusOverride: Int?

    /// Creates an API error.
    /// - Parameters:
    ///   - code: Sensu's error code.
    ///   - message: Safe to show the caller.
    ///   - status: HTTP status when it is not the one `code` maps to.
    public init(_ code: ErrorCode, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.statusOverride = status
    }

    /// Maps a store error: already exists → 409, not found → 404, invalid → 400, conflict → 409, internal → 500 (bare message).
    public init(_ error: StoreError) {
        switch error.kind {
        case .alreadyExists: self.init(.alreadyExists, error.description)
        case .notFound: self.init(.notFound, error.description)
        case .invalid: self.init(.invalidArgument, error.description)
        case .conflict: self.init(.alreadyExists, error.description)
        case .internalError: self.init(.internalError, "internal error")
        }
    }

    /// `404 {"message":"not found","code":2}`, the answer to an unknown route.
    public static let routeNotFound = APIError(.notFound, "not found")
    /// `401 {"message":"bad credentials","code":5}`.
    public static let badCredentials = APIError(.unauthenticated, "bad credentials")
    /// `500 {"message":"internal error","code":0}`; the detail is only logged.
    public static let internalError = APIError(.internalError, "internal error")

    /// `413 {"message":"request body is larger than 512000 bytes","code":1}` (Sensu `api-request-limit`).
    public static let requestTooLarge = APIError(
        .invalidArgument, "request body is larger than \(APIRequestContext.requestLimit) bytes", status: 413)

    /// The HTTP status of `code` (or the override).
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusOverride ?? code.httpStatus) }

    /// `message (code N)`.
    public var description: String { "\(message) (code \(code.rawValue))" }

    /// The JSON error response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? JSONEncoder().encode(ErrorBody(message: message, code: code))) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
