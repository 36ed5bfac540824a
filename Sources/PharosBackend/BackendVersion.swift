/// The versions the backend reports on `GET /version`.
public enum BackendVersion {
    /// Pharos' own version.
    public static let pharos = "0.1.0"
    /// The Sensu Go version Pharos is compatible with, suffixed with Pharos' version (`sensu_backend`).
    public static let sensuCompatible = "6.12.0-pharos.\(pharos)"
}
