extension AgentConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The settings with the password replaced by `REDACTED`, safe to log.
    public var description: String {
        "AgentConfiguration(name: \(name), namespace: \(namespace), backendURLs: \(backendURLs), "
            + "subscriptions: \(subscriptions), deregister: \(deregister), keepaliveInterval: \(keepaliveInterval), "
            + "keepaliveTimeout: \(keepaliveTimeout), user: \(user), password: REDACTED, logLevel: \(logLevel), "
            + "insecureSkipTLSVerify: \(insecureSkipTLSVerify), trustedCAFile: \(trustedCAFile), "
            + "cacheDirectory: \(cacheDirectory), labels: \(labels))"
    }

    /// Same as ``description`` (never shows the password).
    public var debugDescription: String { description }
}
