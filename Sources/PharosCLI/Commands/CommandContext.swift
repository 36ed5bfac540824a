import Foundation
import PharosClient
import PharosCore

/// What a command needs at run time, resolved from its global options, the environment and the config files:
/// the config directory, the current namespace and format, and an authenticated API client.
struct CommandContext {
    /// Seconds before expiry at which an access token is already refreshed.
    static let refreshMargin: Int64 = 10

    let options: GlobalOptions
    let directory: ConfigDirectory
    let profile: ProfileConfig

    /// Resolves the config directory and reads the profile.
    /// - Throws: `CLIError` when the profile file exists but cannot be read.
    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.options = options
        directory = ConfigDirectory.resolve(explicit: options.configDir, environment: environment)
        profile = try directory.loadProfile() ?? ProfileConfig()
    }

    /// `--namespace`, else the profile's namespace.
    var namespace: String { options.namespace ?? profile.namespace }

    /// `--format`, else the profile's format.
    var format: OutputFormat { options.format ?? profile.format }

    /// A client for the configured API whose access token is valid: an expired (or nearly expired) token is
    /// refreshed at `POST /auth/token` and the `cluster` file updated.
    /// - Throws: `CLIError` when pharosctl is not configured; `ClientError` when the refresh fails.
    func client(now: Date = Date()) async throws -> PharosClient {
        guard var cluster = try directory.loadCluster() else {
            throw CLIError(
                "pharosctl is not configured (no \(directory.url.appendingPathComponent("cluster").path)); "
                    + "run pharosctl configure")
        }
        let apiURL = options.apiURL ?? cluster.apiURL
        var client = PharosClient(apiURL: apiURL, accessToken: cluster.accessToken)
        if cluster.expiresAt <= Int64(now.timeIntervalSince1970) + Self.refreshMargin {
            let tokens = try await client.refresh(refreshToken: cluster.refreshToken)
            cluster.accessToken = tokens.accessToken
            cluster.refreshToken = tokens.refreshToken
            cluster.expiresAt = tokens.expiresAt
            try directory.save(cluster)
            client.accessToken = tokens.accessToken
        }
        return client
    }
}
