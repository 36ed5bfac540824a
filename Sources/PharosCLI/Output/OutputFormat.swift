public import ArgumentParser

/// How commands print resources (sensuctl's `--format`).
public enum OutputFormat: String, Sendable, Hashable, Codable, CaseIterable, ExpressibleByArgument {
    /// An aligned table with sensuctl's columns.
    case tabular
    /// A pretty-printed JSON array of bare resources (metadata inline), as the REST API sends them.
    case json
    /// Wrapped documents (`{type, api_version, metadata, spec}`) as a JSON stream, one object per resource.
    case wrappedJSON = "wrapped-json"
    /// Wrapped documents as YAML, separated by `---` (what `create -f` reads back).
    case yaml
}
