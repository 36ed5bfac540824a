import AsyncHTTPClient
import Foundation
import PharosClient

/// The HTTP clients of this process: the shared one for default TLS settings, else one made for the settings.
/// Made clients are kept until the process ends (AsyncHTTPClient insists a client is shut down before it is
/// released; a CLI process simply exits).
final class HTTPClients: @unchecked Sendable {
    private static let kept = HTTPClients()
    private let lock = NSLock()
    private var clients: [HTTPClient] = []

    /// The client for `options`.
    /// - Throws: `ClientError` for an unreadable CA file.
    static func client(for options: TLSOptions) throws -> HTTPClient {
        if options.isDefault { return HTTPClient.shared }
        let client = try options.makeHTTPClient()
        kept.lock.withLock { kept.clients.append(client) }
        return client
    }
}
