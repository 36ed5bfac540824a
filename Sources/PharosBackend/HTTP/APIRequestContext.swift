public import Hummingbird

/// The request context of the REST API: Hummingbird's core storage plus the authenticated subject.
public struct APIRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger with `hb.request.id`, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The username from the verified access token (`sub`); `nil` on unauthenticated routes.
    public var subject: String?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        subject = nil
    }

    /// REST bodies are limited to 512000 bytes (Sensu `api-request-limit`).
    public var maxUploadSize: Int { 512_000 }
}
