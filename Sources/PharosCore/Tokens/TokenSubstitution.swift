/// Sensu token substitution: renders `{{ … }}` tokens in check, hook and asset strings against an entity
/// (Sensu Go 6.12 `token` package, reference §5.2).
///
/// Supported template language (a subset of Go `text/template`):
/// - Fields from the data root: `{{ .name }}`, `{{ .labels.disk_warning }}`, `{{ .system.hostname }}`, `{{ . }}`.
///   A missing key anywhere along the path is `nil` (Go's `<no value>`), as is JSON `null`.
/// - `default`: `{{ .labels.url | default "http://localhost" }}` or `{{ default "x" .labels.y }}` — the value
///   unless it is `nil`, else the fallback (an empty string is not `nil`).
/// - `index`: `{{ index .labels "cpu.threshold" }}` for keys that contain dots; integer indexes into arrays.
/// - `assetPath`: `{{ assetPath "sensu/http-checks" }}` renders `SENSU_HTTP_CHECKS_PATH`, the *name* of the
///   environment variable holding the asset's path (upper-cased, non-alphanumerics → `_`, plus `_PATH`), exactly
///   as Sensu does; commands write `${{ assetPath "…" }}` (sh) or `%{{ assetPath "…" }}%` (cmd) around it.
/// - Pipes `|`, parentheses, string literals (`"…"` with Go escapes, `` `raw` ``), numbers, `true`, `false`,
///   `nil`, comments `{{/* … */}}`, and the trim markers `{{- ` / ` -}}` that remove adjacent white space.
///
/// Values print as Go prints them: strings verbatim, integral numbers without a fraction, other numbers in Go's
/// `%v` form, booleans as `true`/`false`. Printing `nil` is an error (`unmatched token: {{ .labels.x }}`), so a check
/// never runs with `<no value>` in its command. Control actions (`if`, `range`, …) and variables (`$x`) are
/// rejected as syntax errors.
public enum TokenSubstitution {
    /// Renders one template string.
    ///
    /// - Parameters:
    ///   - template: text with `{{ … }}` tokens; text without `{{` is returned unchanged.
    ///   - data: the token data, normally `entityData(from:)` of the entity.
    /// - Returns: the rendered text.
    /// - Throws: `TokenError` — `.unmatchedToken` naming the token, `.syntax` or `.evaluation` with line and column.
    public static func render(_ template: String, data: JSONValue) throws(TokenError) -> String {
        guard template.contains("{{") else { return template }
        var parser = TemplateParser(template)
        let nodes = try parser.parse()
        return try TemplateEvaluator(data: data).render(nodes)
    }

    /// Renders every string in `value`, recursively (object keys are left alone; numbers, booleans and `null`
    /// are unchanged). Substitute a check by converting it with `JSONValue(encoding:)` and decoding the result.
    ///
    /// - Parameters:
    ///   - value: the JSON tree to substitute, e.g. a `CheckConfig` as JSON.
    ///   - data: the token data, normally `entityData(from:)` of the entity.
    /// - Returns: the tree with every string rendered.
    /// - Throws: `TokenError` of the first failing string, with `path` set to its location (`command`,
    ///   `env_vars[1]`, `proxy_requests.entity_attributes[0]`).
    public static func substitute(in value: JSONValue, data: JSONValue) throws(TokenError) -> JSONValue {
        try substitute(in: value, data: data, path: "")
    }

    private static func substitute(in value: JSONValue, data: JSONValue, path: String) throws(TokenError) -> JSONValue {
        switch value {
        case .string(let text):
            do {
                return .string(try render(text, data: data))
            } catch {
                throw error.at(path: path)
            }
        case .array(let elements):
            var rendered: [JSONValue] = []
            rendered.reserveCapacity(elements.count)
            for (offset, element) in elements.enumerated() {
                rendered.append(try substitute(in: element, data: data, path: "\(path)[\(offset)]"))
            }
            return .array(rendered)
        case .object(let members):
            var rendered: [String: JSONValue] = [:]
            rendered.reserveCapacity(members.count)
            for (key, member) in members {
                rendered[key] = try substitute(in: member, data: data, path: path.isEmpty ? key : "\(path).\(key)")
            }
            return .object(rendered)
        case .null, .bool, .number:
            return value
        }
    }

    /// The token data for an entity: its core/v2 JSON with the members of `metadata` (`name`, `namespace`,
    /// `labels`, `annotations`, `created_by`) lifted to the top level and `metadata` removed, as Sensu's
    /// synthesized entity; `labels` and `annotations` are `{}` when absent so `index .labels "x"` works.
    ///
    /// - Parameter entityJSON: an Entity as JSON (`{"metadata": {...}, "entity_class": ..., "system": {...}}`).
    /// - Returns: the flattened object; a non-object input is returned unchanged.
    public static func entityData(from entityJSON: JSONValue) -> JSONValue {
        guard case .object(var members) = entityJSON else { return entityJSON }
        if case .object(let metadata)? = members.removeValue(forKey: "metadata") {
            for (key, value) in metadata { members[key] = value }
        }
        for key in ["labels", "annotations"] where members[key] == nil || members[key] == .null {
            members[key] = .object([:])
        }
        return .object(members)
    }
}
