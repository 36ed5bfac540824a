import ArgumentParser

/// Options every pharosctl command takes (sensuctl's global flags, reference §9). Each also comes from the
/// `SENSU_*` environment variable sensuctl reads (`SENSU_API_URL`, `SENSU_API_KEY`, `SENSU_NAMESPACE`,
/// `SENSU_FORMAT`, `SENSU_TIMEOUT`, `SENSU_TRUSTED_CA_FILE`, `SENSU_INSECURE_SKIP_TLS_VERIFY`); a flag wins over
/// the variable, which wins over the config files.
struct GlobalOptions: ParsableArguments, Sendable {
    /// `--api-url`: the API base URL; overrides the configured one.
    @Option(name: .customLong("api-url"), help: "API URL, e.g. http://127.0.0.1:8080 (default: the configured one)")
    var apiURL: String?

    /// `--api-key`: authenticate with an API key instead of the configured tokens.
    @Option(name: .customLong("api-key"), help: "API key (a UUID) used instead of the configured access token")
    var apiKey: String?

    /// `--namespace`: the namespace to work in.
    @Option(help: "Namespace to work in (default: the profile's, else \"default\")")
    var namespace: String?

    /// `--format`: the output format.
    @Option(help: "Output format: tabular, json, wrapped-json or yaml (default: the profile's, else tabular)")
    var format: OutputFormat?

    /// `--timeout`: time allowed for one request.
    @Option(help: "Time allowed for one API request, e.g. 15s, 500ms, 1m (default: the configured one, else 15s)")
    var timeout: String?

    /// `--trusted-ca-file`: PEM CA bundle for an https API.
    @Option(name: .customLong("trusted-ca-file"), help: "PEM file of CA certificates trusted for an https:// API")
    var trustedCAFile: String?

    /// `--insecure-skip-tls-verify`: accept any server certificate.
    @Flag(
        name: .customLong("insecure-skip-tls-verify"),
        help: "Accept the API's TLS certificate without verifying it (testing only)")
    var insecureSkipTLSVerify = false

    /// `--config-dir`: where the `cluster` and `profile` files live.
    @Option(help: "Configuration directory (default: $PHAROSCTL_CONFIG_DIR, else ~/.config/pharos/pharosctl)")
    var configDir: String?

    /// Creates empty options (ArgumentParser fills them).
    init() {}
}
