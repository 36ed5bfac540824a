/// Where the dashboard listens (`pharos-backend start --dashboard-host/--dashboard-port`, Sensu's flag names).
public struct DashboardConfiguration: Sendable, Hashable {
    /// Host the dashboard binds (`::` = every address; default `[::]` as in Sensu).
    public var host: String
    /// TCP port (default 3000; 0 picks a free port).
    public var port: Int

    /// Creates a configuration.
    public init(host: String = "::", port: Int = 3000) {
        self.host = host
        self.port = port
    }
}
