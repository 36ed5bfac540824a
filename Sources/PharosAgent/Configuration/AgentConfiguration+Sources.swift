import Foundation
import Yams

extension AgentConfiguration {
    /// Reads `pharos-agent start`'s arguments: `--flag value`, `--flag=value`, and a boolean flag alone (`true`);
    /// repeated flags keep every value. Aliases are returned under their own name.
    /// - Throws: `ConfigurationError` for an unknown flag, a flag missing its value, or a stray argument.
    public static func parseArguments(_ arguments: [String]) throws(ConfigurationError) -> [String: [String]] {
        var flags: [String: [String]] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ConfigurationError("unexpected argument \"\(argument)\" (flags start with --)")
            }
            let body = argument.dropFirst(2)
            let name: String
            var value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let flag = AgentFlag.named(name) else {
                throw ConfigurationError("unknown flag --\(name) (see pharos-agent start --help)")
            }
            if value == nil {
                if flag.kind == .bool {
                    value = "true"
                } else {
                    guard index < arguments.endIndex else {
                        throw ConfigurationError("--\(name) needs a value")
                    }
                    value = arguments[index]
                    index += 1
                }
            }
            flags[name, default: []].append(value ?? "")
        }
        return flags
    }

    /// The settings of a YAML configuration file keyed by flag name (reference §4.1): scalars become one value,
    /// sequences one value per item, mappings `key=value` items.
    /// - Throws: `ConfigurationError` naming `source` when the YAML does not parse, is not a mapping, or names an
    ///   unknown setting.
    public static func fileValues(yaml: String, source: String) throws(ConfigurationError) -> [String: [String]] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError("\(source): invalid YAML: \(error)")
        }
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            throw ConfigurationError("\(source): expected a mapping of setting names to values")
        }
        var values: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let name = key.string, AgentFlag.named(name) != nil else {
                throw ConfigurationError(
                    "\(source): unknown setting \"\(key.string ?? "?")\" (line \(key.mark?.line ?? 0))")
            }
            if let sequence = value.sequence {
                values[name] = sequence.compactMap(\.string)
            } else if let map = value.mapping {
                values[name] = map.compactMap { entry in
                    guard let key = entry.key.string else { return nil }
                    return "\(key)=\(entry.value.string ?? "")"
                }
            } else if let scalar = value.string, value.tag.rawValue != Tag.Name.null.rawValue {
                values[name] = [scalar]
            }
        }
        return values
    }

    /// The whole configuration from arguments, environment and configuration file: the file is `--config-file`,
    /// `PHAROS_CONFIG_FILE`, `SENSU_CONFIG_FILE`, else `/etc/pharos/agent.yml` (whose absence is fine).
    /// A `--labels-file` is read here and merged under `--labels`.
    /// - Throws: `ConfigurationError` from ``parseArguments(_:)``, ``fileValues(yaml:source:)``,
    ///   ``resolve(flags:environment:hostname:file:)`` or ``parseLabelsFile(_:source:)``, or when a named
    ///   configuration file or the labels file cannot be read.
    public static func load(
        arguments: [String], environment: [String: String], hostname: String
    ) throws(ConfigurationError) -> AgentConfiguration {
        let flags = try parseArguments(arguments)
        let named =
            flags["config-file"]?.last ?? environment["PHAROS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["SENSU_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let path = named ?? defaultConfigFile
        var file: [String: [String]] = [:]
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw ConfigurationError("cannot open config file \(path)")
                }
                defer { try? handle.close() }
                text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError("cannot read config file \(path): \(error.localizedDescription)")
            }
            file = try fileValues(yaml: text, source: path)
        } else if named != nil {
            throw ConfigurationError("config file \(path) does not exist")
        }
        var configuration = try resolve(flags: flags, environment: environment, hostname: hostname, file: file)
        configuration.configFile = FileManager.default.fileExists(atPath: path) ? path : ""
        if !configuration.labelsFile.isEmpty {
            let path = configuration.labelsFile
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("--labels-file \(path) cannot be read")
            }
            let fromFile = try parseLabelsFile(String(decoding: data, as: UTF8.self), source: path)
            configuration.labels = fromFile.merging(configuration.labels) { _, explicit in explicit }
        }
        return configuration
    }

    /// The configuration file read when none is named.
    public static let defaultConfigFile = "/etc/pharos/agent.yml"
}
