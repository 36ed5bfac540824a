import ArgumentParser
import Foundation
import Logging

/// Options shared by `init` and `start`.
struct BackendOptions: ParsableArguments {
    @Option(help: "State directory (env PHAROS_BACKEND_STATE_DIR / SENSU_BACKEND_STATE_DIR).")
    var stateDir: String?

    @Option(help: "Log level: debug, info, warn or error (env …_LOG_LEVEL).")
    var logLevel: String?

    @Option(help: "Cluster admin username (env …_CLUSTER_ADMIN_USERNAME).")
    var clusterAdminUsername: String?

    @Option(help: "Cluster admin password (env …_CLUSTER_ADMIN_PASSWORD).")
    var clusterAdminPassword: String?

    var resolvedStateDir: String { EnvironmentValue.resolve(stateDir, "STATE_DIR") ?? "/var/lib/pharos" }

    var adminCredentials: (String, String)? {
        guard let username = EnvironmentValue.resolve(clusterAdminUsername, "CLUSTER_ADMIN_USERNAME"),
            let password = EnvironmentValue.resolve(clusterAdminPassword, "CLUSTER_ADMIN_PASSWORD")
        else { return nil }
        return (username, password)
    }

    func validate() throws {
        if let level = EnvironmentValue.resolve(logLevel, "LOG_LEVEL"), Self.level(level) == nil {
            throw ValidationError("--log-level must be debug, info, warn or error, not \"\(level)\"")
        }
    }

    static func level(_ text: String) -> Logger.Level? {
        switch text.lowercased() {
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        case "trace": .trace
        default: nil
        }
    }

    func makeLogger() -> Logger {
        var logger = Logger(label: "pharos-backend") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = EnvironmentValue.resolve(logLevel, "LOG_LEVEL").flatMap(Self.level) ?? .info
        return logger
    }
}
