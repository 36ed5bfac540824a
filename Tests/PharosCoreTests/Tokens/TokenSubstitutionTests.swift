import Foundation
import PharosCore
import Testing

@Suite struct TokenSubstitutionTests {
    /// A core/v2 agent entity as the backend stores it.
    static let entityJSON = #"""
        {
          "entity_class": "agent",
          "metadata": {
            "name": "web-1",
            "namespace": "default",
            "labels": {"disk_warning": "65", "url": "http://web-1:8080", "empty": ""},
            "annotations": {"cpu.threshold": "90"}
          },
          "system": {
            "hostname": "web-1.example",
            "os": "linux",
            "network": {"interfaces": [{"name": "lo"}]}
          },
          "subscriptions": ["linux", "nginx"],
          "last_seen": 1767225600,
          "deregister": false,
          "deregistration": null,
          "ratio": 0.25,
          "big": 1234567.5,
          "tiny": 0.00001
        }
        """#

    static func data() throws -> JSONValue {
        let entity = try JSONDecoder().decode(JSONValue.self, from: Data(entityJSON.utf8))
        return TokenSubstitution.entityData(from: entity)
    }

    @Test(arguments: [
        ("check-http -u {{ .labels.url }}", "check-http -u http://web-1:8080"),
        ("{{ .name }}", "web-1"),
        ("{{ .namespace }}/{{ .name }}", "default/web-1"),
        ("{{ .system.hostname }}", "web-1.example"),
        ("{{.entity_class}}", "agent"),
        ("-w {{ .labels.disk_warning | default 80 }}", "-w 65"),
        ("-c {{ .labels.disk_critical | default 90 }}", "-c 90"),
        (#"{{ .labels.missing | default "http://localhost" }}"#, "http://localhost"),
        (#"{{ default "x" .labels.y }}"#, "x"),
        (#"{{ default "x" .labels.url }}"#, "http://web-1:8080"),
        (#"{{ .labels.empty | default "fallback" }}"#, ""),
        (#"{{ .deregistration | default "none" }}"#, "none"),
        (#"{{ .nothing.deeper | default "deep" }}"#, "deep"),
        (#"{{ index .annotations "cpu.threshold" }}"#, "90"),
        (#"{{ index .labels "disk_warning" | default 80 }}"#, "65"),
        (#"{{ index .labels "nope" | default 80 }}"#, "80"),
        (#"{{ index .subscriptions 1 }}"#, "nginx"),
        (#"{{ default "d" (index .labels "zzz") }}"#, "d"),
        (#"{{ .labels.disk_warning | default 80 | default 10 }}"#, "65"),
        (#"${{ assetPath "sensu/http-checks" }}/bin/check"#, "$SENSU_HTTP_CHECKS_PATH/bin/check"),
        (#"%{{assetPath "sensu/sensu-windows-powershell-checks"}}%"#, "%SENSU_SENSU_WINDOWS_POWERSHELL_CHECKS_PATH%"),
        ("a  {{- .name -}}  b", "aweb-1b"),
        ("a {{- .name }} b", "aweb-1 b"),
        ("a\n{{- /* a comment */ -}}\n b", "ab"),
        ("x{{/* comment */}}y", "xy"),
        (#"{{ "tab\there \"q\" \u00e9 \x41\101" }}"#, "tab\there \"q\" é AA"),
        (#"{{ `raw\n` }}"#, #"raw\n"#),
        ("{{ .last_seen }}", "1767225600"),
        ("{{ .ratio }}", "0.25"),
        ("{{ .big }}", "1.2345675e+06"),
        ("{{ .tiny }}", "1e-05"),
        ("{{ .deregister }}", "false"),
        ("{{ 80 }} {{ -1.5 }} {{ true }}", "80 -1.5 true"),
        ("{{ .subscriptions }}", "[linux nginx]"),
        ("{{ .system.network.interfaces }}", "[map[name:lo]]"),
        ("{{ .name }}{{ .name }}", "web-1web-1"),
        ("line1\n{{ .name }}\nline3", "line1\nweb-1\nline3"),
        ("no tokens {here} }}", "no tokens {here} }}"),
    ])
    func renders(_ template: String, expected: String) throws {
        #expect(try TokenSubstitution.render(template, data: try Self.data()) == expected)
    }

    @Test(arguments: [
        ("{{ .labels.disk_warning_x }}", "unmatched token: {{ .labels.disk_warning_x }}"),
        ("x {{ .nothing.deep }} y", "unmatched token: {{ .nothing.deep }}"),
        ("{{- .deregistration -}}", "unmatched token: {{- .deregistration -}}"),
        ("{{ upper .name }}", "template line 1, column 4: function \"upper\" is not defined"),
        ("ab {{ .name ", "template line 1, column 4: unclosed action"),
        ("ab\ncd {{ if .name }}x{{ end }}", "template line 2, column 7: \"if\" actions are not supported"),
        (#"{{ "unterminated }}"#, "template line 1, column 4: unterminated quoted string"),
        (#"{{ "\q" }}"#, "template line 1, column 5: unknown escape sequence \"\\q\""),
        ("{{ .name.first }}", "template line 1, column 4: can't evaluate field first in type string"),
        ("{{ }}", "template line 1, column 4: missing value for command"),
        ("{{ .name | }}", "template line 1, column 12: missing value for command"),
        ("{{ .name .name }}", "template line 1, column 4: can't give argument to non-function"),
        ("{{ default }}", "template line 1, column 4: wrong number of arguments for default: want 1 or 2, got 0"),
        ("{{ assetPath 5 }}", "template line 1, column 4: assetPath needs an asset name string"),
        ("{{ $x := 1 }}", "template line 1, column 4: template variables are not supported"),
        ("{{ index .subscriptions 5 }}", "template line 1, column 4: index out of range: 5"),
        ("{{ nil }}", "template line 1, column 4: nil is not a command"),
        ("{{ .name ) }}", "template line 1, column 10: unexpected right parenthesis"),
        ("{{ (.name }}", "template line 1, column 4: unclosed left parenthesis"),
        ("{{/* open", "template line 1, column 1: unclosed comment"),
        ("{{ 12abc }}", "template line 1, column 4: bad number syntax: \"12abc\""),
        // Field failure #18 item 18: a dashed label name said only "unexpected '-'".
        (
            "{{ .labels.memory-warning }}",
            "template line 1, column 4: unexpected \"-\" in field name \"memory-warning\": a key with a dash is "
                + "reached with {{ index .labels \"memory-warning\" }}"
        ),
        (
            "{{ .labels.disk-1 | default 90 }}",
            "template line 1, column 4: unexpected \"-\" in field name \"disk-1\": a key with a dash is "
                + "reached with {{ index .labels \"disk-1\" }}"
        ),
    ])
    func rejects(_ template: String, message: String) throws {
        let data = try Self.data()
        #expect {
            _ = try TokenSubstitution.render(template, data: data)
        } throws: { error in
            (error as? TokenError)?.description == message
        }
    }

    @Test func unmatchedTokenKindAndPosition() throws {
        let data = try Self.data()
        let error = try #require(throws: TokenError.self) {
            try TokenSubstitution.render("check\n  {{ .labels.disk_warning_x }}", data: data)
        }
        #expect(error.kind == .unmatchedToken)
        #expect(error.line == 2)
        #expect(error.column == 3)
    }

    @Test func entityDataLiftsMetadata() throws {
        let data = try Self.data()
        #expect(data["name"] == .string("web-1"))
        #expect(data["labels"]?["url"] == .string("http://web-1:8080"))
        #expect(data["metadata"] == nil)
        let bare = TokenSubstitution.entityData(from: .object(["metadata": .object(["name": .string("p")])]))
        #expect(bare == .object(["name": .string("p"), "labels": .object([:]), "annotations": .object([:])]))
        #expect(TokenSubstitution.entityData(from: .string("x")) == .string("x"))
    }

    /// A stand-in for a check configuration (the real `CheckConfig` lives elsewhere).
    struct Check: Codable, Equatable {
        var command: String
        var env_vars: [String]
        var interval: Int
        var publish: Bool
        var output_metric_tags: [[String: String]]
    }

    @Test func substitutesEveryStringOfACheck() throws {
        let check = Check(
            command:
                "check-disk -w {{ .labels.disk_warning | default 80 }} -c {{ .labels.disk_critical | default 90 }}",
            env_vars: ["HOST={{ .system.hostname }}", "PLAIN=1"], interval: 60, publish: true,
            output_metric_tags: [["name": "entity", "value": "{{ .name }}"]])
        let substituted = try TokenSubstitution.substitute(in: try JSONValue(encoding: check), data: try Self.data())
        let expected = Check(
            command: "check-disk -w 65 -c 90", env_vars: ["HOST=web-1.example", "PLAIN=1"], interval: 60, publish: true,
            output_metric_tags: [["name": "entity", "value": "web-1"]])
        #expect(try substituted.decode(Check.self) == expected)
    }

    @Test func substitutionErrorNamesThePath() throws {
        let value = JSONValue.object([
            "env_vars": .array([.string("A=1"), .string("B={{ .labels.nope }}")]), "interval": .number(10),
        ])
        let data = try Self.data()
        let error = try #require(throws: TokenError.self) { try TokenSubstitution.substitute(in: value, data: data) }
        #expect(error.path == "env_vars[1]")
        #expect(error.description == "env_vars[1]: unmatched token: {{ .labels.nope }}")
    }
}
