/// The platform facts of `/etc/os-release` (freedesktop.org os-release(5)), mapped to Sensu's `platform`,
/// `platform_family` and `platform_version` the way gopsutil (used by Sensu Go `system/system.go`) does.
public struct OSRelease: Sendable, Hashable {
    /// `ID`, e.g. `debian`, `ubuntu`, `alpine`; empty when missing.
    public var platform: String
    /// The family: `debian` for Debian and its derivatives, `rhel` for Red Hat-like systems, `suse`, `alpine`,
    /// `arch`, `fedora`, or the first `ID_LIKE` entry, else `ID`.
    public var platformFamily: String
    /// `VERSION_ID`, e.g. `12` (``SystemInfo`` prefers `/etc/debian_version` on Debian, e.g. `12.11`).
    public var platformVersion: String

    /// Creates the facts directly.
    public init(platform: String, platformFamily: String, platformVersion: String) {
        self.platform = platform
        self.platformFamily = platformFamily
        self.platformVersion = platformVersion
    }

    /// Parses the text of an os-release file: `KEY=value` lines, values optionally in single or double quotes
    /// (with `\"`, `\\`, `\$` and `` \` `` escapes in double quotes), `#` comments and blank lines ignored.
    /// Never fails: missing keys give empty strings.
    public init(parsing text: String) {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            values[key] = Self.unquote(line[line.index(after: equals)...])
        }
        let identifier = (values["ID"] ?? "").lowercased()
        let like = (values["ID_LIKE"] ?? "").lowercased().split(separator: " ").map(String.init)
        self.platform = identifier
        self.platformFamily = Self.family(identifier: identifier, like: like)
        self.platformVersion = values["VERSION_ID"] ?? ""
    }

    /// gopsutil's family for an `ID`, then for the `ID_LIKE` list.
    static func family(identifier: String, like: [String]) -> String {
        let known: [String: String] = [
            "debian": "debian", "ubuntu": "debian", "linuxmint": "debian", "raspbian": "debian", "pop": "debian",
            "kali": "debian", "rhel": "rhel", "centos": "rhel", "rocky": "rhel", "almalinux": "rhel",
            "oracle": "rhel", "ol": "rhel", "amzn": "rhel", "scientific": "rhel", "fedora": "fedora",
            "suse": "suse", "opensuse": "suse", "opensuse-leap": "suse", "opensuse-tumbleweed": "suse", "sles": "suse",
            "alpine": "alpine", "arch": "arch", "archlinux": "arch", "manjaro": "arch", "gentoo": "gentoo",
        ]
        if let family = known[identifier] { return family }
        for candidate in like {
            if let family = known[candidate] { return family }
        }
        return like.first ?? identifier
    }

    /// A shell-style value without its quotes.
    static func unquote(_ value: Substring) -> String {
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            return String(value)
        }
        var result = ""
        var escaped = false
        for character in value.dropFirst() {
            if escaped {
                if !"\"\\$`".contains(character) { result.append("\\") }
                result.append(character)
                escaped = false
            } else if character == "\\" && quote == "\"" {
                escaped = true
            } else if character == quote {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }
}
