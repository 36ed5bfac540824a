import ArgumentParser

/// Options every pharosctl command takes (sensuctl's global flags, reference §9).
struct GlobalOptions: ParsableArguments, Sendable {
    /// `--api-url`: the API base URL; overrides the configured one.
    @Option(name: .customLong("api-url"), help: "API URL, e.g. http://127.0.0.1:8080 (default: the configured one)")
    var apiURL: String?

    /// `--namespace`: the namespace to work in.
    @Option(help: "Namespace to work in (default: the profile's, else \"default\")")
    var namespace: String?

    /// `--format`: the output format.
    @Option(help: "Output format: tabular, json, wrapped-json or yaml (default: the profile's, else tabular)")
    var format: OutputFormat?

    /// `--config-dir`: where the `cluster` and `profile` files live.
    @Option(help: "Configuration directory (default: $PHAROSCTL_CONFIG_DIR, else ~/.config/pharos/pharosctl)")
    var configDir: String?

    /// Creates empty options (ArgumentParser fills them).
    init() {}
}
