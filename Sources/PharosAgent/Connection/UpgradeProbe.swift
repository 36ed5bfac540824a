import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Finds out why a backend declined the WebSocket upgrade: the WebSocket client only reports "upgrade failed", so
/// a plain HTTP(S) GET with the same handshake headers (and no upgrade headers) is sent to the same URL and the
/// response status is read. This relies on the backend checking credentials and namespace on plain requests too.
enum UpgradeProbe {
    /// A header marking the probe request, so a backend (or a test) can tell it from a real connection attempt.
    static let probeHeader = "Pharos-Upgrade-Probe"

    /// A one-line reason for a declined upgrade, e.g. `backend refused credentials (401)`.
    static func reason(
        url: String, headers: [(String, String)], tlsConfiguration: TLSConfiguration?
    ) async -> String {
        let httpURL =
            url.hasPrefix("wss://")
            ? "https://" + url.dropFirst(6) : "http://" + url.dropFirst(url.hasPrefix("ws://") ? 5 : 0)
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tlsConfiguration
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var request = HTTPClientRequest(url: String(httpURL))
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: probeHeader, value: "1")
        let reason: String
        do {
            let response = try await client.execute(request, timeout: .seconds(3))
            let body = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            reason = describe(status: Int(response.status.code), body: body)
        } catch {
            reason = "backend declined the WebSocket upgrade (\(error))"
        }
        try? await client.shutdown()
        return reason
    }

    /// The reason for an HTTP status the backend answered the upgrade with.
    static func describe(status: Int, body: String) -> String {
        let detail =
            body.isEmpty ? "" : ": " + body.prefix(200).split(whereSeparator: \.isNewline).joined(separator: " ")
        switch status {
        case 401: return "backend refused credentials (401)\(detail)"
        case 403: return "backend denied access (403)\(detail)"
        case 404: return "backend does not know the namespace (404)\(detail)"
        default: return "backend declined the WebSocket upgrade (HTTP \(status))\(detail)"
        }
    }
}
