public import PharosClient
public import PharosCore

/// Sends decoded resources to the API one after the other, in input order.
public enum ResourceCreator {
    /// PUTs each resource with `put`; stops at the first failure.
    /// - Parameters:
    ///   - resources: The resources, in order.
    ///   - put: Stores one resource (normally `PharosClient.put`).
    /// - Throws: `ClientError` of the first failed PUT, its message prefixed with the resource's type, name and
    ///   how many were stored before it.
    public static func create(
        _ resources: [AnyResource], put: (AnyResource) async throws(ClientError) -> Void
    ) async throws(ClientError) {
        for (index, resource) in resources.enumerated() {
            do {
                try await put(resource)
            } catch {
                var failure = error
                let prefix =
                    "\(resource.resourceType.typeName) \"\(resource.name)\" (\(index) of \(resources.count) stored): "
                switch error.kind {
                case .server(let status, let message, let code):
                    failure = ClientError(.server(status: status, message: prefix + message, code: code))
                case .invalidRequest(let reason):
                    failure = ClientError(.invalidRequest(reason: prefix + reason))
                case .connection, .invalidResponse:
                    break
                }
                throw failure
            }
        }
    }
}
