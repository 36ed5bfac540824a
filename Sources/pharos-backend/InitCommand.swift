import ArgumentParser
import PharosBackend
import PharosStore
import PharosStoreSQLite

/// `pharos-backend init`: seeds the store (namespace `default`, admin user, agent user, JWT key). Idempotent.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Initialise the backend's store.")

    @OptionGroup var options: BackendOptions

    func run() async throws {
        guard let (username, password) = options.adminCredentials else {
            throw ValidationError(
                "--cluster-admin-username and --cluster-admin-password (or PHAROS_BACKEND_CLUSTER_ADMIN_USERNAME/"
                    + "_PASSWORD) are required")
        }
        let logger = options.makeLogger()
        let store = try SQLiteStore(stateDirectory: options.resolvedStateDir, logger: logger)
        if try await BackendInitializer.initialize(store, adminUsername: username, adminPassword: password) {
            print("pharos-backend: initialised \(options.resolvedStateDir)")
        } else {
            print("pharos-backend: \(options.resolvedStateDir) is already initialised")
        }
    }
}
