import Foundation

/// The seed's Sensu files, read from the project's shared fixtures (`$PHAROS_SHARED_DIR`, default `../shared` beside
/// the repository); they carry no licence, so the repository does not hold copies.
enum SeedFixture {
    static func url(_ relativePath: String) -> URL {
        let shared: URL
        if let configured = ProcessInfo.processInfo.environment["PHAROS_SHARED_DIR"], !configured.isEmpty {
            shared = URL(fileURLWithPath: configured)
        } else {
            shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared")
        }
        return shared.appendingPathComponent("fixtures/seed-demo").appendingPathComponent(relativePath)
    }

    /// `sensu/checks/check-nginx.yaml`: three monitoring-plugins assets and the `check-nginx` check.
    static var checkNginx: URL { url("sensu/checks/check-nginx.yaml") }
}
