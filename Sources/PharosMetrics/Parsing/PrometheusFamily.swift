/// What `# HELP` and `# TYPE` lines said about one metric family.
struct PrometheusFamily: Hashable {
    /// Lower-case type (`counter`, `gauge`, `histogram`, `summary`, `untyped`), `nil` without a TYPE line.
    var type: String?
    /// Unescaped HELP text, `nil` without a HELP line.
    var help: String?
}
