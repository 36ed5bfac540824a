import Hummingbird

/// Counts every answered request in `pharos_http_requests_total` by route pattern, method and status (errors
/// included, with the status their `APIError` maps to).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let metrics: BackendMetrics

    func handle(
        _ request: Request, context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            record(request, context, code: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            record(request, context, code: error.status.code)
            throw error
        } catch {
            record(request, context, code: 500)
            throw error
        }
    }

    private func record(_ request: Request, _ context: APIRequestContext, code: Int) {
        let route = context.endpointPath ?? "unmatched"
        metrics.httpRequest(route: route, method: request.method.rawValue, code: code)
    }
}
