extension BackendConnection: CustomStringConvertible {
    /// The connection and its configuration without the password (ServiceLifecycle logs its services).
    public var description: String {
        "BackendConnection(\(configuration))"
    }
}
