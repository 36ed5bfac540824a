import AsyncHTTPClient
import Foundation
import PharosClient
import PharosCore

/// What a command needs at run time, resolved from its global options, the `SENSU_*` environment and the config
/// files (flag, then variable, then file): the config directory, the current namespace and format, and an
/// authenticated API client.
struct CommandContext {
    /// Seconds before expiry at which an access token is already refreshed.
    static let refreshMargin: Int64 = 10

    let options: GlobalOptions
    let environment: [String: String]
    let directory: ConfigDirectory
    let profile: ProfileConfig

    /// Resolves the config directory and reads the profile.
    /// - Throws: `CLIError` when the profile file exists but cannot be read.
    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.options = options
        self.environment = environment
        directory = ConfigDirectory.resolve(explicit: options.configDir, environment: environment)
        profile = try directory.loadProfile() ?? ProfileConfig()
    }

    private func variable(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `--namespace`, else `$SENSU_NAMESPACE`, else the profile's namespace.
    var namespace: String { options.namespace ?? variable("SENSU_NAMESPACE") ?? profile.namespace }

    /// `--format`, else `$SENSU_FORMAT`, else the profile's format.
    var format: OutputFormat {
        options.format ?? variable("SENSU_FORMAT").flatMap(OutputFormat.init(rawValue:)) ?? profile.format
    }

    /// The request timeout: `--timeout`, else `$SENSU_TIMEOUT`, else the cluster file's, else 15 s.
    /// - Throws: `CLIError` naming the flag for a value that is not a duration.
    func timeout(cluster: ClusterConfig?) throws -> Duration {
        if let text = options.timeout ?? variable("SENSU_TIMEOUT") {
            guard let seconds = DurationText.seconds(text), seconds > 0 else {
                throw CLIError("--timeout \"\(text)\": expected a duration such as 15s, 500ms or 1m")
            }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return .milliseconds(Int64(((cluster?.timeoutSeconds ?? 15) * 1000).rounded()))
    }

    /// The TLS settings: flags, else variables, else the cluster file's.
    func tlsOptions(cluster: ClusterConfig?) -> TLSOptions {
        let insecureVariable = variable("SENSU_INSECURE_SKIP_TLS_VERIFY").map { $0 == "true" || $0 == "1" }
        return TLSOptions(
            trustedCAFile: options.trustedCAFile ?? variable("SENSU_TRUSTED_CA_FILE") ?? cluster?.trustedCAFile ?? "",
            insecureSkipVerify: options.insecureSkipTLSVerify
                || insecureVariable ?? cluster?.insecureSkipTLSVerify
                    ?? false
        )
    }

    /// An unauthenticated client for `apiURL` with the TLS and timeout settings (for `configure`).
    /// - Throws: `CLIError` for a bad `--timeout`; `ClientError` for an unreadable CA file.
    func anonymousClient(apiURL: String, cluster: ClusterConfig? = nil) throws -> PharosClient {
        PharosClient(
            apiURL: apiURL, accessToken: nil, httpClient: try HTTPClients.client(for: tlsOptions(cluster: cluster)),
            timeout: try timeout(cluster: cluster))
    }

    /// A client for the configured API that is authenticated: with `--api-key`/`$SENSU_API_KEY` when given,
    /// else with `$SENSU_ACCESS_TOKEN`, else with the cluster file's access token, refreshed at `POST /auth/token`
    /// (and the file updated) when it has expired or is about to.
    /// - Throws: `CLIError` when pharosctl is not configured; `ClientError` when the refresh fails.
    func client(now: Date = Date()) async throws -> PharosClient {
        let stored = try directory.loadCluster()
        let apiKey = options.apiKey ?? variable("SENSU_API_KEY")
        let environmentToken = variable("SENSU_ACCESS_TOKEN")
        guard let apiURL = options.apiURL ?? variable("SENSU_API_URL") ?? stored?.apiURL else {
            throw CLIError(
                "pharosctl is not configured (no \(directory.url.appendingPathComponent("cluster").path)); "
                    + "run pharosctl configure, or give --api-url with --api-key")
        }
        var client = try anonymousClient(apiURL: apiURL, cluster: stored)
        if let apiKey {
            client.apiKey = apiKey
            return client
        }
        if let environmentToken {
            client.accessToken = environmentToken
            return client
        }
        guard var cluster = stored else {
            throw CLIError(
                "pharosctl is not configured (no \(directory.url.appendingPathComponent("cluster").path)); "
                    + "run pharosctl configure")
        }
        client.accessToken = cluster.accessToken
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
