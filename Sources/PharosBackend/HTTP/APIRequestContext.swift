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

    /// Largest REST request body, bytes (Sensu `api-request-limit`, 512000).
    public static let requestLimit = 512_000

    /// REST bodies are limited to `requestLimit` bytes.
    public var maxUploadSize: Int { Self.requestLimit }
}
