/// One collector run, resolved from the flags and the environment (see ``CollectorOptions``).
public struct CollectorConfiguration: Sendable, Hashable {
    /// What to ask.
    public enum Target: Sendable, Hashable {
        /// Scrape an exporter (`GET` the URL, text exposition format).
        case exporter(HTTPURL)
        /// Run an instant query (`GET <url>/api/v1/query?query=…`).
        case query(HTTPURL, String)
    }

    /// TLS settings for `https` URLs.
    public struct TLS: Sendable, Hashable {
        /// Do not verify the server's certificate.
        public var insecureSkipVerify: Bool
        /// Client certificate file (PEM), with ``key``.
        public var certificate: String?
        /// Client private key file (PEM).
        public var key: String?
        /// CA bundle file (PEM) to verify the server with.
        public var caFile: String?

        /// Creates TLS settings.
        public init(
            insecureSkipVerify: Bool = false, certificate: String? = nil, key: String? = nil, caFile: String? = nil
        ) {
            self.insecureSkipVerify = insecureSkipVerify
            self.certificate = certificate
            self.key = key
            self.caFile = caFile
        }
    }

    /// What to ask.
    public var target: Target
    /// The `Authorization` header value to send, if any (never printed).
    public var authorization: String?
    /// The output format.
    public var format: CollectorOutputFormat
    /// Prefix for metric names (influx and graphite).
    public var metricPrefix: String
    /// TLS settings.
    public var tls: TLS
    /// Whole-request timeout, seconds.
    public var timeoutSeconds: Int64

    /// Creates a configuration.
    public init(
        target: Target, authorization: String? = nil, format: CollectorOutputFormat = .influx,
        metricPrefix: String = "",
        tls: TLS = TLS(), timeoutSeconds: Int64 = 10
    ) {
        self.target = target
        self.authorization = authorization
        self.format = format
        self.metricPrefix = metricPrefix
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
    }
}

/// An `http` or `https` URL with a host, kept as the text given.
public struct HTTPURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL text.
    public var text: String

    /// Accepts `http://host[:port][/path][?query]` and `https://…`; `nil` for anything else.
    public init?(_ text: String) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.hasPrefix(":"), !text.contains(where: \.isWhitespace) else { return nil }
        self.text = text
    }

    public var description: String { text }
}
