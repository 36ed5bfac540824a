public import ArgumentParser
import Foundation

/// The flags of `pharos-prometheus-collector`: those of sensu-prometheus-collector 1.3.3, Go-style with one dash
/// (`-exporter-url`), also accepted with two (`--exporter-url`), plus `-timeout`.
public struct CollectorOptions: ParsableArguments, Sendable {
    /// `-exporter-url`: the exporter to scrape (`http(s)://host:port/metrics`); without it the collector runs
    /// `-prom-query` against `-prom-url`.
    @Option(name: Self.names("exporter-url"), help: "Prometheus exporter URL to pull metrics from.")
    public var exporterURL: String?

    /// `-exporter-user`: basic-auth user (default `$EXPORTER_USER`); used only with a password.
    @Option(name: Self.names("exporter-user"), help: "Exporter basic auth user (default: $EXPORTER_USER).")
    public var exporterUser: String?

    /// `-exporter-password`: basic-auth password (default `$EXPORTER_PASSWORD`).
    @Option(
        name: Self.names("exporter-password"), help: "Exporter basic auth password (default: $EXPORTER_PASSWORD).")
    public var exporterPassword: String?

    /// `-exporter-authorization`: the whole `Authorization` header value, e.g. `Bearer <token>` for the kubelet
    /// (default `$EXPORTER_HEADER`); wins over basic auth.
    @Option(
        name: Self.names("exporter-authorization"),
        help: "Exporter Authorization header, e.g. 'Bearer TOKEN' (default: $EXPORTER_HEADER).")
    public var exporterAuthorization: String?

    /// `-prom-url`: the Prometheus server whose query API is asked (default `http://localhost:9090`).
    @Option(name: Self.names("prom-url"), help: "Prometheus API URL.")
    public var promURL = "http://localhost:9090"

    /// `-prom-query`: the PromQL instant query (default `up`).
    @Option(name: Self.names("prom-query"), help: "Prometheus API query string.")
    public var promQuery = "up"

    /// `-output-format`: `influx` (default), `graphite` or `json`.
    @Option(name: Self.names("output-format"), help: "Output format: influx, graphite or json.")
    public var outputFormat = "influx"

    /// `-metric-prefix`: put before every metric name (influx and graphite).
    @Option(name: Self.names("metric-prefix"), help: "Metric name prefix (influx and graphite only).")
    public var metricPrefix = ""

    /// `-insecure-skip-verify`: do not verify the server's TLS certificate.
    @Flag(name: Self.names("insecure-skip-verify"), help: "Skip TLS peer verification.")
    public var insecureSkipVerify = false

    /// `-cert`: client certificate (PEM) for mutual TLS; needs `-key`.
    @Option(name: Self.names("cert"), help: "Client certificate file (PEM) for mutual TLS.")
    public var cert: String?

    /// `-key`: the client certificate's private key (PEM).
    @Option(name: Self.names("key"), help: "Client private key file (PEM) for mutual TLS.")
    public var key: String?

    /// `-cacert` (or `-trusted-ca-file`): CA bundle (PEM) that verifies the server, e.g. the service account's
    /// `ca.crt`; without it the system's trust store is used.
    @Option(
        name: [
            .customLong("cacert", withSingleDash: true), .customLong("cacert"),
            .customLong("trusted-ca-file", withSingleDash: true), .customLong("trusted-ca-file"),
        ],
        help: "CA certificate file (PEM) to verify the server with.")
    public var cacert: String?

    /// `-timeout`: seconds allowed for the whole request (connect, answer, body); default 10.
    @Option(name: Self.names("timeout"), help: "Request timeout in seconds.")
    public var timeout = 10

    /// Options with every default (ArgumentParser's requirement).
    public init() {}

    /// Checks the values that need no file or environment.
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        guard CollectorOutputFormat(rawValue: outputFormat) != nil else {
            throw ValidationError("-output-format must be influx, graphite or json (got '\(outputFormat)')")
        }
        guard timeout > 0 else { throw ValidationError("-timeout must be a positive number of seconds") }
        guard !metricPrefix.contains(where: \.isNewline) else {
            throw ValidationError("-metric-prefix must not contain a line break")
        }
        guard (cert == nil) == (key == nil) else { throw ValidationError("-cert and -key go together") }
    }

    /// The request to make, with `EXPORTER_USER`, `EXPORTER_PASSWORD` and `EXPORTER_HEADER` from `environment` as
    /// fallbacks (a flag wins over its variable).
    /// - Parameter environment: the process environment.
    /// - Returns: the resolved configuration.
    /// - Throws: ``CollectorError/invalidURL(flag:url:)`` when the URL to use is not `http(s)` with a host.
    public func configuration(environment: [String: String]) throws(CollectorError) -> CollectorConfiguration {
        let target: CollectorConfiguration.Target
        if let exporterURL, !exporterURL.isEmpty {
            guard let url = HTTPURL(exporterURL) else { throw .invalidURL(flag: "exporter-url", url: exporterURL) }
            target = .exporter(url)
        } else {
            guard let url = HTTPURL(promURL) else { throw .invalidURL(flag: "prom-url", url: promURL) }
            target = .query(url, promQuery)
        }
        var authorization: String?
        let user = exporterUser ?? environment["EXPORTER_USER"] ?? ""
        let password = exporterPassword ?? environment["EXPORTER_PASSWORD"] ?? ""
        if !user.isEmpty, !password.isEmpty {
            authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        if let header = exporterAuthorization ?? environment["EXPORTER_HEADER"], !header.isEmpty {
            authorization = header
        }
        return CollectorConfiguration(
            target: target,
            authorization: authorization,
            format: CollectorOutputFormat(rawValue: outputFormat) ?? .influx,
            metricPrefix: metricPrefix,
            tls: .init(insecureSkipVerify: insecureSkipVerify, certificate: cert, key: key, caFile: cacert),
            timeoutSeconds: Int64(max(timeout, 1))
        )
    }

    /// A flag's names: `-name` (Go style, as the original) and `--name`.
    private static func names(_ name: String) -> NameSpecification {
        [.customLong(name, withSingleDash: true), .customLong(name)]
    }
}
