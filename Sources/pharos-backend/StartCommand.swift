import ArgumentParser
import Foundation
import Logging
import PharosBackend
import PharosStore
import PharosStoreSQLite
import ServiceLifecycle
import UnixSignals

/// `pharos-backend start`: runs the REST API, the agent gateway and the backend's services until SIGTERM/SIGINT.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Run the backend.")

    @OptionGroup var options: BackendOptions

    @Option(help: "REST API listen address (default [::]:8080; env …_API_LISTEN_ADDRESS).")
    var apiListenAddress: String?

    @Option(help: "Agent gateway host (default [::]; env …_AGENT_HOST).")
    var agentHost: String?

    @Option(help: "Agent gateway port (default 8081; env …_AGENT_PORT).")
    var agentPort: String?

    @Option(help: "Dashboard host (default [::]; env …_DASHBOARD_HOST).")
    var dashboardHost: String?

    @Option(help: "Dashboard port (default 3000; env …_DASHBOARD_PORT).")
    var dashboardPort: String?

    @Option(help: "TLS certificate (PEM) for the agent gateway (env …_CERT_FILE).")
    var certFile: String?

    @Option(help: "TLS private key (PEM) for the agent gateway (env …_KEY_FILE).")
    var keyFile: String?

    @Option(help: "Trusted CA bundle (PEM) (env …_TRUSTED_CA_FILE).")
    var trustedCaFile: String?

    @Option(
        help: """
            TLS certificate (PEM) of the agent gateway when agents use client certificates; overrides --cert-file \
            for the agent port (env …_AGENT_AUTH_CERT_FILE).
            """)
    var agentAuthCertFile: String?

    @Option(help: "TLS private key (PEM) of --agent-auth-cert-file (env …_AGENT_AUTH_KEY_FILE).")
    var agentAuthKeyFile: String?

    @Option(
        help: """
            CA bundle (PEM) for agent client certificates (mTLS). When set, every agent must present a certificate \
            signed by it (a connection without one fails its TLS handshake); the certificate's subject CN is the \
            agent's user, which must exist, be enabled and may create events (no password needed). Needs a TLS \
            certificate and key (env …_AGENT_AUTH_TRUSTED_CA_FILE).
            """)
    var agentAuthTrustedCaFile: String?

    @Option(
        help: """
            Certificate revocation list URLs for agent certificates: not supported; giving any is an error at start \
            (env …_AGENT_AUTH_CRL_URLS).
            """)
    var agentAuthCrlUrls: String?

    func run() async throws {
        let logger = options.makeLogger()
        var configuration = try makeConfiguration()
        let stateDir = options.resolvedStateDir
        let credentials = options.adminCredentials
        if credentials == nil, !SQLiteStore.exists(stateDirectory: stateDir) {
            throw StartError.notInitialised(stateDir)
        }
        let store = try SQLiteStore(stateDirectory: stateDir, logger: logger)
        if !(try await BackendInitializer.isInitialized(store)) {
            guard let (username, password) = credentials else { throw StartError.notInitialised(stateDir) }
            try await BackendInitializer.initialize(store, adminUsername: username, adminPassword: password)
            logger.info("state directory initialised", metadata: ["state.dir": "\(stateDir)"])
        }
        configuration.stateDirectory = stateDir
        let backend = try await Backend.makeServices(
            configuration: configuration, store: store, logger: logger,
            onAPIRunning: { port in logger.info("api listening", metadata: ["api.port": "\(port)"]) },
            onAgentGatewayRunning: { port in logger.info("agent gateway listening", metadata: ["agent.port": "\(port)"])
            },
            onDashboardRunning: { port in logger.info("dashboard listening", metadata: ["dashboard.port": "\(port)"]) })
        let group = ServiceGroup(
            services: backend.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    private func makeConfiguration() throws -> BackendConfiguration {
        let listen = EnvironmentValue.resolve(apiListenAddress, "API_LISTEN_ADDRESS") ?? "[::]:8080"
        guard let (apiHost, apiPort) = BackendConfiguration.parseListenAddress(listen) else {
            throw ValidationError("--api-listen-address must be HOST:PORT, not \"\(listen)\"")
        }
        let portText = EnvironmentValue.resolve(agentPort, "AGENT_PORT") ?? "8081"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("--agent-port must be a number 0-65535, not \"\(portText)\"")
        }
        var gateway = AgentGatewayConfiguration(
            host: EnvironmentValue.resolve(agentHost, "AGENT_HOST") ?? "[::]", port: port,
            backendID: ProcessInfo.processInfo.hostName)
        if let crl = EnvironmentValue.resolve(agentAuthCrlUrls, "AGENT_AUTH_CRL_URLS"), !crl.isEmpty {
            throw ValidationError("--agent-auth-crl-urls is not supported (certificate revocation lists)")
        }
        let agentCert = EnvironmentValue.resolve(agentAuthCertFile, "AGENT_AUTH_CERT_FILE")
        let agentKey = EnvironmentValue.resolve(agentAuthKeyFile, "AGENT_AUTH_KEY_FILE")
        guard (agentCert == nil) == (agentKey == nil) else {
            throw ValidationError("--agent-auth-cert-file and --agent-auth-key-file must be given together")
        }
        let clientCA = EnvironmentValue.resolve(agentAuthTrustedCaFile, "AGENT_AUTH_TRUSTED_CA_FILE")
        let cert = agentCert ?? EnvironmentValue.resolve(certFile, "CERT_FILE")
        let key = agentKey ?? EnvironmentValue.resolve(keyFile, "KEY_FILE")
        switch (cert, key) {
        case (let cert?, let key?):
            gateway.tls = try AgentGatewayConfiguration.serverTLS(
                certificateFile: cert, keyFile: key,
                trustedCAFile: EnvironmentValue.resolve(trustedCaFile, "TRUSTED_CA_FILE"), clientCAFile: clientCA)
        case (nil, nil):
            if clientCA != nil {
                throw ValidationError(
                    "--agent-auth-trusted-ca-file needs --agent-auth-cert-file/--agent-auth-key-file or --cert-file/--key-file"
                )
            }
        default:
            throw ValidationError("--cert-file and --key-file must be given together")
        }
        let dashboardPortText = EnvironmentValue.resolve(dashboardPort, "DASHBOARD_PORT") ?? "3000"
        guard let dashboardPort = Int(dashboardPortText), (0...65535).contains(dashboardPort) else {
            throw ValidationError("--dashboard-port must be a number 0-65535, not \"\(dashboardPortText)\"")
        }
        var dashboardHost = EnvironmentValue.resolve(dashboardHost, "DASHBOARD_HOST") ?? "::"
        if dashboardHost.hasPrefix("["), dashboardHost.hasSuffix("]") {
            dashboardHost = String(dashboardHost.dropFirst().dropLast())
        }
        return BackendConfiguration(
            apiHost: apiHost, apiPort: apiPort, agentGateway: gateway,
            dashboard: DashboardConfiguration(host: dashboardHost, port: dashboardPort))
    }
}
