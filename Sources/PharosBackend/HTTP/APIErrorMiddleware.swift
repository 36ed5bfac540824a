import Hummingbird
import Logging
import NIOCore
import PharosStore
import PharosWire

/// Turns every error escaping a route into an `APIError`: Hummingbird's unknown-route 404 becomes
/// `{"message":"not found","code":2}`, store errors keep their kind, and anything unexpected becomes a bare 500
/// logged with the request id (DESIGN.md §Errors).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(
        _ request: Request, context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as StoreError {
            if error.kind == .internalError {
                context.logger.error(
                    "store failure", metadata: ["request.id": "\(context.id)", "error": "\(error.debugDescription)"])
            }
            throw APIError(error)
        } catch is NIOTooManyBytesError {
            throw APIError.requestTooLarge
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: throw APIError.routeNotFound
            case .methodNotAllowed: throw APIError.routeNotFound
            case .contentTooLarge: throw APIError.requestTooLarge
            case .unauthorized: throw APIError.badCredentials
            case .badRequest: throw APIError(.invalidArgument, error.body ?? "bad request")
            default:
                context.logger.error(
                    "request failed", metadata: ["request.id": "\(context.id)", "error": "\(error)"])
                throw APIError.internalError
            }
        } catch {
            context.logger.error("request failed", metadata: ["request.id": "\(context.id)", "error": "\(error)"])
            throw APIError.internalError
        }
    }
}
