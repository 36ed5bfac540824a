import ArgumentParser
import PharosClient

/// `pharosctl logout`: revokes the tokens at the server (`POST /auth/logout`) and removes them from the
/// `cluster` file (the API URL and TLS settings stay, so `configure` can log in again).
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log out: revoke and forget the access tokens.")

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(options: globals)
        guard var cluster = try context.directory.loadCluster(), !cluster.accessToken.isEmpty else {
            Terminal.write("Not logged in\n")
            return
        }
        let client = try await context.client()
        try await Self.revoke(client: client, refreshToken: cluster.refreshToken)
        cluster.accessToken = ""
        cluster.refreshToken = ""
        cluster.expiresAt = 0
        try context.directory.save(cluster)
        Terminal.write("Logged out\n")
    }

    /// Revokes the tokens; a 401 means they were already revoked or expired, which is fine.
    /// - Throws: `ClientError` for any other failure.
    static func revoke(client: PharosClient, refreshToken: String) async throws(ClientError) {
        do {
            try await client.logout(refreshToken: refreshToken)
        } catch {
            guard error.httpStatus == 401 else { throw error }
        }
    }
}
