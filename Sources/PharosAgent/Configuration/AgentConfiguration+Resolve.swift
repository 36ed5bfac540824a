import Foundation
import Logging

extension AgentConfiguration {
    /// The flag names ``resolve(flags:environment:hostname:file:)`` understands, without the leading `--`.
    public static var flagNames: [String] { AgentFlag.all.flatMap { [$0.name] + $0.aliases } }

    /// Merges command-line flags, environment variables and configuration-file values into a configuration
    /// (precedence: flag > `PHAROS_<FLAG>` > `SENSU_<FLAG>` > file > default; Sensu Go 6.x flag names and defaults,
    /// reference §4.1-4.2; the flags are ``AgentFlag/all``).
    ///
    /// The variable for a flag is its name upper-cased with dashes turned into underscores, e.g. `--backend-url` →
    /// `PHAROS_BACKEND_URL`, `SENSU_BACKEND_URL`. Empty variables count as unset. List values accept commas and
    /// white space; maps are `k=v,k2=v2`; booleans accept Go's `strconv.ParseBool` spellings; durations are whole
    /// seconds or Go duration text (`1s`, `500ms`, `2m`).
    ///
    /// - Parameters:
    ///   - flags: values given on the command line by flag name without `--` (a repeated flag has several values;
    ///     a boolean flag given without a value is `["true"]`); aliases (`id`, `keepalive-timeout`) are accepted.
    ///   - environment: the process environment.
    ///   - hostname: the default for `name` outside a pod (see ``defaultName(environment:hostname:)``).
    ///   - file: values from the configuration file (``fileValues(yaml:source:)``).
    /// - Returns: the validated configuration; backend URLs carry a port (8081 when none was given).
    /// - Throws: `ConfigurationError` naming the flag (and variable) and the bad value: a URL whose scheme is not
    ///   `ws`/`wss` or without a host, a non-numeric or zero interval, a keepalive timeout under 5 s or not greater
    ///   than the interval, an unknown log level, a malformed label, number or boolean, a port outside 0-65535,
    ///   a key file without a certificate file.
    public static func resolve(
        flags: [String: [String]], environment: [String: String], hostname: String,
        file: [String: [String]] = [:]
    ) throws(ConfigurationError) -> AgentConfiguration {
        var canonical: [String: [String]] = [:]
        for (name, values) in flags where !values.isEmpty {
            guard let flag = AgentFlag.named(name) else { throw ConfigurationError("unknown flag --\(name)") }
            canonical[flag.name, default: []] += values
        }
        let lookup = SettingLookup(flags: canonical, environment: environment, file: file)
        var configuration = AgentConfiguration(name: Self.defaultName(environment: environment, hostname: hostname))

        if let setting = lookup.value("backend-url") {
            var urls: [String] = []
            for item in setting.values.flatMap(Self.splitList) {
                urls.append(try Self.normalizeBackendURL(item, source: setting.source))
            }
            if !urls.isEmpty { configuration.backendURLs = urls }
        }
        lookup.text("namespace", into: &configuration.namespace)
        lookup.list("subscriptions", into: &configuration.subscriptions)
        lookup.text("name", into: &configuration.name)
        try lookup.bool("deregister", into: &configuration.deregister)
        lookup.text("deregistration-handler", into: &configuration.deregistrationHandler)
        try lookup.seconds("keepalive-interval", into: &configuration.keepaliveInterval)
        if let setting = lookup.value("keepalive-warning-timeout"), let value = setting.last {
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
        if let setting = lookup.value("keepalive-critical-timeout"), let value = setting.last {
            let seconds = try Self.parseNumber(value, source: setting.source)
            if seconds > 0 {
                guard seconds >= 5, seconds > Double(configuration.keepaliveInterval.components.seconds),
                    seconds >= Double(configuration.keepaliveTimeout.components.seconds)
                else {
                    throw ConfigurationError(
                        "\(setting.source) must be 0 or at least 5, greater than keepalive-interval and not less "
                            + "than keepalive-warning-timeout; got \(value)")
                }
            }
            configuration.keepaliveCriticalTimeout = .seconds(seconds)
        }
        lookup.list("keepalive-handlers", into: &configuration.keepaliveHandlers)
        lookup.list("keepalive-pipelines", into: &configuration.keepalivePipelines)
        try lookup.map("keepalive-check-labels", into: &configuration.keepaliveCheckLabels)
        try lookup.map("keepalive-check-annotations", into: &configuration.keepaliveCheckAnnotations)
        lookup.text("user", into: &configuration.user)
        lookup.text("password", into: &configuration.password)
        if let setting = lookup.value("log-level"), let value = setting.last {
            guard let level = Self.logLevel(named: value) else {
                throw ConfigurationError(
                    "\(setting.source) must be one of panic, fatal, error, warn, info, debug; got \"\(value)\"")
            }
            configuration.logLevel = level
        }
        try lookup.bool("insecure-skip-tls-verify", into: &configuration.insecureSkipTLSVerify)
        lookup.text("trusted-ca-file", into: &configuration.trustedCAFile)
        lookup.text("cert-file", into: &configuration.certFile)
        lookup.text("key-file", into: &configuration.keyFile)
        guard configuration.certFile.isEmpty == configuration.keyFile.isEmpty else {
            throw ConfigurationError("--cert-file and --key-file must be given together")
        }
        lookup.list("statsd-event-handlers", into: &configuration.statsdEventHandlers)
        lookup.text("cache-dir", into: &configuration.cacheDirectory)
        try lookup.map("labels", into: &configuration.labels)
        try lookup.map("annotations", into: &configuration.annotations)
        lookup.text("api-host", into: &configuration.apiHost)
        try lookup.port("api-port", into: &configuration.apiPort)
        try lookup.bool("disable-api", into: &configuration.disableAPI)
        lookup.text("health-host", into: &configuration.healthHost)
        try lookup.port("health-port", into: &configuration.healthPort)
        lookup.text("labels-file", into: &configuration.labelsFile)
        lookup.text("socket-host", into: &configuration.socketHost)
        try lookup.port("socket-port", into: &configuration.socketPort)
        try lookup.bool("disable-sockets", into: &configuration.disableSockets)
        try lookup.bool("statsd-disable", into: &configuration.statsdDisable)
        lookup.text("statsd-metrics-host", into: &configuration.statsdHost)
        try lookup.port("statsd-metrics-port", into: &configuration.statsdPort)
        try lookup.seconds("statsd-flush-interval", into: &configuration.statsdFlushInterval)
        try lookup.number("events-rate-limit", into: &configuration.eventsRateLimit)
        try lookup.integer("events-burst-limit", into: &configuration.eventsBurstLimit)
        try lookup.number("assets-rate-limit", into: &configuration.assetsRateLimit)
        try lookup.integer("assets-burst-limit", into: &configuration.assetsBurstLimit)
        try lookup.integer("outbox-max-bytes", into: &configuration.outboxMaxBytes)
        try lookup.bool("disable-assets", into: &configuration.disableAssets)
        lookup.list("redact", into: &configuration.redact)
        lookup.text("allow-list", into: &configuration.allowListFile)
        try lookup.seconds("backend-handshake-timeout", into: &configuration.handshakeTimeout)
        try lookup.seconds("backend-heartbeat-interval", into: &configuration.heartbeatInterval)
        try lookup.seconds("backend-heartbeat-timeout", into: &configuration.heartbeatTimeout)
        // Sensu forces the read deadline to at least interval × 10/6.
        configuration.heartbeatTimeout = max(configuration.heartbeatTimeout, configuration.heartbeatInterval * 10 / 6)
        try lookup.duration("retry-min", into: &configuration.retryMinimum)
        try lookup.duration("retry-max", into: &configuration.retryMaximum)
        try lookup.number("retry-multiplier", into: &configuration.retryMultiplier)
        guard configuration.retryMultiplier >= 1 else {
            throw ConfigurationError("--retry-multiplier must be at least 1; got \(configuration.retryMultiplier)")
        }
        try lookup.duration("max-session-length", into: &configuration.maxSessionLength, allowZero: true)
        try lookup.duration("shutdown-grace", into: &configuration.shutdownGrace, allowZero: true)
        try lookup.bool("agent-managed-entity", into: &configuration.agentManagedEntity)
        try lookup.bool("detect-cloud-provider", into: &configuration.detectCloudProvider)
        try lookup.bool("strip-networks", into: &configuration.stripNetworks)
        lookup.text("config-file", into: &configuration.configFile)
        return configuration
    }

    /// The entity name when none is configured: the pod's name in a pod, else the host name.
    ///
    /// In a pod, `POD_NAME` (the Downward API's `metadata.name`, as the manifests under `deploy/` set it) is the
    /// pod's name even with `hostNetwork` (where the host name is the node's); without it, inside Kubernetes
    /// (`KUBERNETES_SERVICE_HOST` set) `HOSTNAME`, which the kubelet sets to the pod's name. Elsewhere `hostname`.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - hostname: the host name (`gethostname`).
    public static func defaultName(environment: [String: String], hostname: String) -> String {
        if let pod = environment["POD_NAME"]?.trimmingWhitespace(), !pod.isEmpty { return pod }
        if let service = environment["KUBERNETES_SERVICE_HOST"], !service.isEmpty,
            let name = environment["HOSTNAME"]?.trimmingWhitespace(), !name.isEmpty
        {
            return name
        }
        return hostname
    }

    /// Reads labels in the Kubernetes Downward API file format (`metadata.labels` as a volume file): one
    /// `key="value"` line per label, the value a Go-quoted string (`\"`, `\\`, `\n`, `\t`, `\r`, `\xHH`,
    /// `\uHHHH`, `\UHHHHHHHH` escapes); blank lines are skipped.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - source: the file's path, for errors.
    /// - Returns: the labels by key.
    /// - Throws: `ConfigurationError` naming the file and line of a line that is not `key="value"`.
    public static func parseLabelsFile(_ text: String, source: String) throws(ConfigurationError) -> [String: String] {
        var labels: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let failure = ConfigurationError(
                "\(source) line \(index + 1): expected key=\"value\" (Kubernetes Downward API labels); got \"\(line)\"")
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else { throw failure }
            let key = String(line[..<equals])
            guard let value = unquoteGo(line[line.index(after: equals)...]) else { throw failure }
            labels[key] = value
        }
        return labels
    }

    /// A Go double-quoted string literal's value (`strconv.Unquote`), or nil when `literal` is not one.
    static func unquoteGo(_ literal: Substring) -> String? {
        guard literal.count >= 2, literal.first == "\"", literal.last == "\"" else { return nil }
        var scalars = Array(literal.dropFirst().dropLast().unicodeScalars)[...]
        var bytes: [UInt8] = []
        func append(_ scalar: Unicode.Scalar) { bytes += Array(String(scalar).utf8) }
        func hex(_ count: Int) -> UInt32? {
            guard scalars.count >= count else { return nil }
            let digits = String(String.UnicodeScalarView(scalars.prefix(count)))
            scalars = scalars.dropFirst(count)
            return UInt32(digits, radix: 16)
        }
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else {
                guard scalar != "\"" else { return nil }
                append(scalar)
                continue
            }
            guard let escape = scalars.popFirst() else { return nil }
            switch escape {
            case "n": bytes.append(0x0A)
            case "t": bytes.append(0x09)
            case "r": bytes.append(0x0D)
            case "a": bytes.append(0x07)
            case "b": bytes.append(0x08)
            case "f": bytes.append(0x0C)
            case "v": bytes.append(0x0B)
            case "\\", "\"", "'": append(escape)
            case "x":
                guard let byte = hex(2) else { return nil }
                bytes.append(UInt8(byte))
            case "u", "U":
                guard let code = hex(escape == "u" ? 4 : 8), let value = Unicode.Scalar(code) else { return nil }
                append(value)
            default: return nil
            }
        }
        return String(validating: bytes, as: UTF8.self)
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

    /// A non-negative decimal number.
    static func parseNumber(_ value: String, source: String) throws(ConfigurationError) -> Double {
        guard let number = Double(value.trimmingWhitespace()), number >= 0, number.isFinite else {
            throw ConfigurationError("\(source) must be a number >= 0; got \"\(value)\"")
        }
        return number
    }

    /// Whole seconds (`20`) or Go duration text (`1s`, `1.5s`, `500ms`, `2m`, `1h30m`).
    static func parseDuration(
        _ value: String, source: String, allowZero: Bool
    ) throws(ConfigurationError) -> Duration {
        let text = value.trimmingWhitespace()
        let failure = ConfigurationError(
            "\(source) must be seconds or a duration like 1s, 500ms, 2m\(allowZero ? "" : " greater than 0"); "
                + "got \"\(value)\"")
        var total = 0.0
        if let seconds = Double(text) {
            total = seconds
        } else {
            var rest = Substring(text)
            guard !rest.isEmpty else { throw failure }
            while !rest.isEmpty {
                let digits = rest.prefix(while: { $0.isNumber || $0 == "." })
                let unit = rest.dropFirst(digits.count).prefix(while: { !$0.isNumber && $0 != "." })
                guard let amount = Double(digits) else { throw failure }
                let scale: Double
                switch unit {
                case "ns": scale = 1e-9
                case "us", "µs": scale = 1e-6
                case "ms": scale = 1e-3
                case "s": scale = 1
                case "m": scale = 60
                case "h": scale = 3600
                default: throw failure
                }
                total += amount * scale
                rest = rest.dropFirst(digits.count + unit.count)
            }
        }
        guard total.isFinite, total >= 0, allowZero || total > 0 else { throw failure }
        return .milliseconds(Int64(total * 1000))
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

/// Finds one setting by flag name in the flags, then `PHAROS_*`, then `SENSU_*` variables, then the file.
private struct SettingLookup {
    let flags: [String: [String]]
    let environment: [String: String]
    let file: [String: [String]]

    /// The values of a setting and a description of where they came from (`--flag`, `VAR (--flag)`, `file (--flag)`).
    struct Setting {
        var values: [String]
        var source: String
        var last: String? { values.last }
    }

    func value(_ flag: String) -> Setting? {
        if let values = flags[flag], !values.isEmpty {
            return Setting(values: values, source: "--\(flag)")
        }
        let names = [flag] + (AgentFlag.named(flag)?.aliases ?? [])
        for prefix in ["PHAROS_", "SENSU_"] {
            for name in names {
                let variable = prefix + AgentFlag.environmentSuffix(name)
                if let value = environment[variable], !value.isEmpty {
                    return Setting(values: [value], source: "\(variable) (--\(flag))")
                }
            }
        }
        for name in names {
            if let values = file[name], !values.isEmpty {
                return Setting(values: values, source: "config file key \(name) (--\(flag))")
            }
        }
        return nil
    }

    func text(_ flag: String, into target: inout String) {
        if let value = value(flag)?.last { target = value }
    }

    func list(_ flag: String, into target: inout [String]) {
        if let setting = value(flag) {
            target = AgentConfiguration.unique(setting.values.flatMap(AgentConfiguration.splitList))
        }
    }

    func bool(_ flag: String, into target: inout Bool) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            target = try AgentConfiguration.parseBool(text, source: setting.source)
        }
    }

    func seconds(_ flag: String, into target: inout Duration) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            target = try AgentConfiguration.parseSeconds(text, source: setting.source)
        }
    }

    func duration(_ flag: String, into target: inout Duration, allowZero: Bool = false) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            target = try AgentConfiguration.parseDuration(text, source: setting.source, allowZero: allowZero)
        }
    }

    func number(_ flag: String, into target: inout Double) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            target = try AgentConfiguration.parseNumber(text, source: setting.source)
        }
    }

    func integer(_ flag: String, into target: inout Int) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            guard let number = Int(text.trimmingWhitespace()), number >= 0 else {
                throw ConfigurationError("\(setting.source) must be a whole number >= 0; got \"\(text)\"")
            }
            target = number
        }
    }

    func port(_ flag: String, into target: inout Int) throws(ConfigurationError) {
        if let setting = value(flag), let text = setting.last {
            guard let number = Int(text.trimmingWhitespace()), (0...65535).contains(number) else {
                throw ConfigurationError("\(setting.source) must be a port 0-65535; got \"\(text)\"")
            }
            target = number
        }
    }

    /// A map setting: `k=v,k2=v2` entries, or a JSON object of strings (as Sensu reads `SENSU_LABELS`, e.g.
    /// `{"app": "nginx"}`), whose entries replace the default.
    func map(_ flag: String, into target: inout [String: String]) throws(ConfigurationError) {
        guard let setting = value(flag) else { return }
        if setting.values.count == 1, let only = setting.last, only.trimmingWhitespace().hasPrefix("{") {
            target = try Self.jsonStringMap(only, source: setting.source)
            return
        }
        for entry in setting.values.flatMap({ $0.split(separator: ",") }) {
            let text = entry.trimmingWhitespace()
            guard !text.isEmpty else { continue }
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ConfigurationError("\(setting.source) entries must be key=value; got \"\(text)\"")
            }
            target[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
    }
}

extension SettingLookup {
    /// A JSON object whose values are all strings.
    static func jsonStringMap(_ text: String, source: String) throws(ConfigurationError) -> [String: String] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw ConfigurationError("\(source) is not valid JSON: \(error.localizedDescription); got \(text)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ConfigurationError("\(source) must be a JSON object of strings; got \(text)")
        }
        var map: [String: String] = [:]
        for (key, value) in dictionary {
            guard let string = value as? String else {
                throw ConfigurationError("\(source): the value of \"\(key)\" must be a string; got \(value)")
            }
            map[key] = string
        }
        return map
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
