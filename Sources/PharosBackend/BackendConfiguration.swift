/// The backend's settings, read at the edge by `pharos-backend` (flags, then `PHAROS_BACKEND_*`, then
/// `SENSU_BACKEND_*` environment).
public struct BackendConfiguration: Sendable {
    /// Host the REST API binds (`::` = every address).
    public var apiHost: String
    /// TCP port of the REST API (default 8080; 0 picks a free port).
    public var apiPort: Int
    /// The agent gateway's listener.
    public var agentGateway: AgentGatewayConfiguration
    /// bcrypt cost for new password hashes (default 10).
    public var bcryptCost: UInt8
    /// Time between keepalive deadline checks (default 1 s).
    public var keepaliveTick: Duration
    /// The dashboard's listener; `nil` serves no dashboard (the default here; `pharos-backend start` serves it on
    /// port 3000 unless told otherwise).
    public var dashboard: DashboardConfiguration?
    /// The state directory; handler and mutator runtime assets are installed under `<stateDirectory>/cache/assets`.
    public var stateDirectory: String
    /// Per-key serial event lanes (default: one per core).
    public var eventLanes: Int
    /// Handler runs in flight at once in the pipeline (default 8).
    public var maxConcurrentHandlers: Int
    /// Whether the check scheduler runs (default true).
    public var runsScheduler: Bool

    /// Creates a configuration.
    public init(
        apiHost: String = "::", apiPort: Int = 8080, agentGateway: AgentGatewayConfiguration = .init(),
        bcryptCost: UInt8 = 10, keepaliveTick: Duration = .seconds(1), dashboard: DashboardConfiguration? = nil,
        stateDirectory: String = "/var/lib/pharos", eventLanes: Int = EventLanes.defaultCount,
        maxConcurrentHandlers: Int = 8, runsScheduler: Bool = true
    ) {
        self.dashboard = dashboard
        self.stateDirectory = stateDirectory
        self.eventLanes = eventLanes
        self.maxConcurrentHandlers = maxConcurrentHandlers
        self.runsScheduler = runsScheduler
        self.apiHost = apiHost
        self.apiPort = apiPort
        self.agentGateway = agentGateway
        self.bcryptCost = bcryptCost
        self.keepaliveTick = keepaliveTick
    }

    /// Splits a listen address such as `[::]:8080`, `0.0.0.0:8080` or `127.0.0.1:0` into host and port.
    /// - Returns: `nil` when there is no port or it is not a number 0…65535.
    public static func parseListenAddress(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"),
            let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "::" : host, port)
    }
}
