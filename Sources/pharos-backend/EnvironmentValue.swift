import Foundation

/// Configuration precedence at the edge: flag, then `PHAROS_BACKEND_<NAME>`, then `SENSU_BACKEND_<NAME>`, then
/// the default (DESIGN.md §Processes).
enum EnvironmentValue {
    /// The value of `flag`, else of the environment variables for `name` (e.g. `STATE_DIR`).
    static func resolve(
        _ flag: String?, _ name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> String?
    {
        if let flag { return flag }
        if let value = environment["PHAROS_BACKEND_\(name)"], !value.isEmpty { return value }
        if let value = environment["SENSU_BACKEND_\(name)"], !value.isEmpty { return value }
        return nil
    }
}
