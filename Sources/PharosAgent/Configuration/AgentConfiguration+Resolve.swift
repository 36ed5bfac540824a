import Logging

extension AgentConfiguration {
    /// The flag names ``resolve(flags:environment:hostname:)`` understands, without the leading `--`.
    public static let flagNames: [String] = [
        "backend-url", "namespace", "subscriptions", "name", "deregister", "keepalive-interval",
        "keepalive-timeout", "keepalive-warning-timeout", "user", "password", "log-level",
        "insecure-skip-tls-verify", "trusted-ca-file", "statsd-event-handlers", "cache-dir", "labels",
    ]

    /// Merges command-line flags and environment variables into a configuration (DESIGN.md precedence:
    /// flag > `PHAROS_<FLAG>` > `SENSU_<FLAG>` > default; Sensu Go 6.x flag names and defaults, reference §4.1-4.2).
    ///
    /// The variable for a flag is its name upper-cased with dashes turned into underscores, e.g. `--backend-url` →
    /// `PHAROS_BACKEND_URL`, `SENSU_BACKEND_URL`. Empty variables count as unset. List values (`backend-url`,
    /// `subscriptions`, `statsd-event-handlers`) accept commas and white space; `labels` is `k=v,k2=v2`; booleans
    /// accept Go's `strconv.ParseBool` spellings (`true`, `false`, `1`, `0`, `t`, `f`, ...).
    ///
    /// - Parameters:
    ///   - flags: values given on the command line by flag name without `--` (a repeated flag has several values;
    ///     a boolean flag given without a value is `["true"]`).
    ///   - environment: the process environment.
    ///   - hostname: the default for `name`.
    /// - Returns: the validated configuration; backend URLs carry a port (8081 when none was given).
    /// - Throws: `ConfigurationError` naming the flag (and variable) and the bad value: a URL whose scheme is not
    ///   `ws`/`wss` or without a host, a non-numeric or zero interval, a keepalive timeout under 5 s or not greater
    ///   than the interval, an unknown log level, a malformed label or boolean.
    public static func resolve(
        flags: [String: [String]], environment: [String: String], hostname: String
    ) throws(ConfigurationError) -> AgentConfiguration {
        let lookup = SettingLookup(flags: flags, environment: environment)
        var configuration = AgentConfiguration(name: hostname)

        if let setting = lookup.value("backend-url") {
            var urls: [String] = []
            for item in setting.values.flatMap(Self.splitList) {
                urls.append(try Self.normalizeBackendURL(item, source: setting.source))
            }
            if !urls.isEmpty { configuration.backendURLs = urls }
        }
        if let setting = lookup.value("namespace"), let value = setting.last { configuration.namespace = value }
        if let setting = lookup.value("subscriptions") {
            configuration.subscriptions = Self.unique(setting.values.flatMap(Self.splitList))
        }
        if let setting = lookup.value("name"), let value = setting.last { configuration.name = value }
        if let setting = lookup.value("deregister"), let value = setting.last {
            configuration.deregister = try Self.parseBool(value, source: setting.source)
        }
        if let setting = lookup.value("keepalive-interval"), let value = setting.last {
            configuration.keepaliveInterval = try Self.parseSeconds(value, source: setting.source)
        }
        let timeoutSetting = lookup.value("keepalive-timeout") ?? lookup.value("keepalive-warning-timeout")
        if let setting = timeoutSetting, let value = setting.last {
            configuration.keepaliveTimeout = try Self.parseSeconds(value, source: setting.source)
            guard configuration.keepaliveTimeout >= .seconds(5) else {
                throw ConfigurationError("\(setting.source) must be at least 5 seconds; got \(value)")
            }
        }
        guard configuration.keepaliveTimeout > configuration.keepaliveInterval else {
            throw ConfigurationError(
                "keepalive-timeout (\(configuration.keepaliveTimeout.components.seconds) s) must be greater than "
                    + "keepalive-interval (\(configuration.keepaliveInterval.components.seconds) s)")
        }
        if let setting = lookup.value("user"), let value = setting.last { configuration.user = value }
        if let setting = lookup.value("password"), let value = setting.last { configuration.password = value }
        if let setting = lookup.value("log-level"), let value = setting.last {
            guard let level = Self.logLevel(named: value) else {
                throw ConfigurationError(
                    "\(setting.source) must be one of panic, fatal, error, warn, info, debug; got \"\(value)\"")
            }
            configuration.logLevel = level
        }
        if let setting = lookup.value("insecure-skip-tls-verify"), let value = setting.last {
            configuration.insecureSkipTLSVerify = try Self.parseBool(value, source: setting.source)
        }
        if let setting = lookup.value("trusted-ca-file"), let value = setting.last {
            configuration.trustedCAFile = value
        }
        if let setting = lookup.value("statsd-event-handlers") {
            configuration.statsdEventHandlers = Self.unique(setting.values.flatMap(Self.splitList))
        }
        if let setting = lookup.value("cache-dir"), let value = setting.last { configuration.cacheDirectory = value }
        if let setting = lookup.value("labels") {
            for entry in setting.values.flatMap({ $0.split(separator: ",") }) {
                let text = entry.trimmingWhitespace()
                guard !text.isEmpty else { continue }
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw ConfigurationError("\(setting.source) entries must be key=value; got \"\(text)\"")
                }
                configuration.labels[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
        }
        return configuration
    }

    /// Sensu's log level names mapped to swift-log levels (`panic`/`fatal` → critical, `warn` → warning).
    static func logLevel(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "panic", "fatal": .critical
        case "error": .error
        case "warn", "warning": .warning
        case "info": .info
        case "debug": .debug
        default: nil
        }
    }

    /// Splits a list value at commas and white space, dropping empty items.
    static func splitList(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// `values` without repeats, first occurrence kept.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Validates a backend URL and appends `:8081` when it has no port (Sensu Go `agent/cmd/start.go`).
    static func normalizeBackendURL(_ url: String, source: String) throws(ConfigurationError) -> String {
        let scheme: String
        if url.hasPrefix("ws://") {
            scheme = "ws://"
        } else if url.hasPrefix("wss://") {
            scheme = "wss://"
        } else {
            throw ConfigurationError("\(source) must use the ws or wss scheme; got \"\(url)\"")
        }
        let rest = url.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        let hostEnd = authority.hasPrefix("[") ? authority.firstIndex(of: "]").map { authority.index(after: $0) } : nil
        let afterHost = hostEnd.map { authority[$0...] } ?? authority.drop(while: { $0 != ":" })
        let host = authority[..<afterHost.startIndex]
        guard !host.isEmpty, host != "[]" else {
            throw ConfigurationError("\(source) has no host; got \"\(url)\"")
        }
        if afterHost.isEmpty {
            return scheme + host + ":8081" + tail
        }
        guard afterHost.first == ":", let port = Int(afterHost.dropFirst()), (1...65535).contains(port) else {
            throw ConfigurationError("\(source) has an invalid port; got \"\(url)\"")
        }
        return url
    }

    /// Go `strconv.ParseBool`.
    static func parseBool(_ value: String, source: String) throws(ConfigurationError) -> Bool {
        switch value {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw ConfigurationError("\(source) must be true or false; got \"\(value)\"")
        }
    }

    /// A whole number of seconds greater than zero.
    static func parseSeconds(_ value: String, source: String) throws(ConfigurationError) -> Duration {
        guard let seconds = UInt32(value.trimmingWhitespace()), seconds > 0 else {
            throw ConfigurationError("\(source) must be a whole number of seconds greater than 0; got \"\(value)\"")
        }
        return .seconds(Int64(seconds))
    }
}

/// Finds one setting by flag name in the flags, then `PHAROS_*`, then `SENSU_*` variables.
private struct SettingLookup {
    let flags: [String: [String]]
    let environment: [String: String]

    /// The values of a setting and a description of where they came from (`--flag` or `VAR (--flag)`).
    struct Setting {
        var values: [String]
        var source: String
        var last: String? { values.last }
    }

    func value(_ flag: String) -> Setting? {
        if let values = flags[flag], !values.isEmpty {
            return Setting(values: values, source: "--\(flag)")
        }
        let suffix = flag.uppercased().replacing("-", with: "_")
        for prefix in ["PHAROS_", "SENSU_"] {
            if let value = environment[prefix + suffix], !value.isEmpty {
                return Setting(values: [value], source: "\(prefix)\(suffix) (--\(flag))")
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
