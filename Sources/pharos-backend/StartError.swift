/// A one-line reason `pharos-backend start` cannot run (printed as `Error: …`, exit code 1).
enum StartError: Error, CustomStringConvertible {
    /// The state directory holds no initialised store and no admin credentials were given.
    case notInitialised(String)

    var description: String {
        switch self {
        case .notInitialised(let directory):
            "\(directory) is not initialised: run `pharos-backend init` or set "
                + "PHAROS_BACKEND_CLUSTER_ADMIN_USERNAME and PHAROS_BACKEND_CLUSTER_ADMIN_PASSWORD"
        }
    }
}
