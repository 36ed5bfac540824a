import Foundation
import PharosCore
import Testing

@Suite struct ResourceCodecTests {
    let codec = ResourceCodec()

    static let handlerYAML = """
        type: Handler
        api_version: core/v2
        metadata:
          name: slack
          namespace: default
        spec:
          type: pipe
          command: sensu-slack-handler
        """

    @Test func decodesWrappedYAML() throws {
        let result = try codec.decode(Self.handlerYAML)
        #expect(
            result.resources == [
                .handler(
                    Handler(
                        metadata: ObjectMeta(name: "slack", namespace: "default"), type: "pipe",
                        command: "sensu-slack-handler"))
            ])
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: ["CheckConfig", "check_config", "checkconfig"])
    func typeAcceptsCamelCaseAndSnakeCase(_ type: String) throws {
        let text = #"{"type":"\#(type)","metadata":{"name":"c"},"spec":{"command":"true","interval":10}}"#
        let result = try codec.decode(text)
        #expect(result.resources.first?.resourceType == .checkConfig)
    }

    @Test func splitsAtEveryLineStartingWithThreeDashes() throws {
        let text = """
            --- # first
            type: Namespace
            spec: {name: one}
            ---
            ---
            # only a comment
            ---
            type: Namespace
            spec:
              name: two
            """
        let result = try codec.decode(text)
        #expect(result.resources == [.namespace(Namespace(name: "one")), .namespace(Namespace(name: "two"))])
    }

    @Test func readsAStreamOfConcatenatedJSONObjects() throws {
        let text = """
            {"type":"Namespace","spec":{"name":"a"}}{"type":"Namespace","spec":{"name":"b"}}
            {"type":"Namespace","spec":{"name":"c {not a brace}"}}
            """
        let codec = ResourceCodec(validates: false)
        let result = try codec.decode(text)
        #expect(result.resources.map(\.name) == ["a", "b", "c {not a brace}"])
    }

    @Test func mixesJSONAndYAMLChunks() throws {
        let text = """
            {"type":"Namespace","spec":{"name":"json"}}
            ---
            type: Namespace
            spec: {name: yaml}
            """
        #expect(try codec.decode(text).resources.map(\.name) == ["json", "yaml"])
    }

    @Test func outerMetadataWinsAndMapsMerge() throws {
        let text = """
            type: CheckConfig
            metadata:
              name: outer
              labels: {team: ops, shared: outer}
            spec:
              command: "true"
              interval: 10
              metadata:
                name: inner
                namespace: prod
                labels: {shared: inner, own: x}
                annotations: {note: kept}
            """
        let resource = try #require(try codec.decode(text).resources.first)
        #expect(
            resource.metadata
                == ObjectMeta(
                    name: "outer", namespace: "prod", labels: ["team": "ops", "shared": "outer", "own": "x"],
                    annotations: ["note": "kept"]))
    }

    @Test func unknownTopLevelKeyIsAnError() {
        let text = """
            type: Namespace
            kind: Namespace
            spec: {name: a}
            """
        #expect(throws: ResourceDecodingError.self) { try codec.decode(text) }
        do {
            _ = try codec.decode(text)
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    #"document 1 (line 2): kind: unknown field (a document has only type, api_version, metadata and spec)"#
                ])
        }
    }

    @Test func unknownSpecKeyIsAWarning() throws {
        let text = """
            type: Handler
            metadata: {name: h}
            spec:
              type: pipe
              command: cat
              extended_attributes: {x: 1}
            """
        let result = try codec.decode(text)
        #expect(result.resources.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "document 1 (line 6): spec.extended_attributes: unknown field ignored (not a Handler field)"
            ])
    }

    @Test(arguments: [
        (
            "type: Handler\nmetadata: {name: h}\n",
            "document 1 (line 1): spec: no spec provided"
        ),
        (
            "type: Gizmo\nspec: {}\n",
            #"document 1 (line 1): type: unknown resource type "Gizmo""#
        ),
        (
            "type: Handler\napi_version: core/v3\nspec: {}\n",
            #"document 1 (line 2): api_version: unsupported API version "core/v3"; Pharos serves core/v2"#
        ),
        (
            "spec: {name: x}\n",
            "document 1 (line 1): type: is required"
        ),
        (
            "- a\n- b\n",
            "document 1 (line 1): expected a resource document (a mapping with type, api_version, metadata and spec)"
        ),
    ])
    func envelopeErrors(_ text: String, expected: String) {
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func errorsNameDocumentLineAndFieldPath() {
        let text = """
            type: Namespace
            spec: {name: ok}
            ---
            type: CheckConfig
            metadata: {name: c}
            spec:
              command: "true"
              interval: 10
              timeout: ten
            ---
            type: CheckConfig
            metadata: {name: d}
            spec:
              command: "true"
              publish: true
            """
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    #"document 2 (line 9): spec.timeout: expected a number, found string "ten""#,
                    "document 3 (line 11): spec.interval: must be greater than 0 unless cron is set",
                ])
        }
    }

    @Test func jsonErrorsNameTheLineOfTheObject() {
        let text = """
            {"type":"Namespace","spec":{"name":"a"}}

            {"type":"CheckConfig","metadata":{"name":"c"},"spec":{"check_hooks":[{"critical":"x"}]}}
            """
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    #"document 2 (line 3): spec.check_hooks[0].critical: expected a list, found string "x""#
                ])
        }
    }

    @Test func collectsAtMostTenErrors() {
        let text = (1...12).map { _ in "type: Gizmo\nspec: {}" }.joined(separator: "\n---\n")
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 10)
            #expect(error.diagnostics.last?.document == 10)
        }
    }

    @Test func yamlSyntaxErrorsNameTheLine() {
        let text = "type: Namespace\nspec: {name: a}\n---\ntype: Namespace\nspec:\n  name: [unclosed\n"
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.document == 2)
            #expect(error.diagnostics.first?.description.contains("invalid YAML") == true)
        }
    }

    @Test func yamlScalarsKeepSensuTypes() throws {
        let text = """
            type: Entity
            metadata:
              name: "10"
              labels: {quoted: "yes", version: "1.0"}
            spec:
              entity_class: agent
              deregister: yes
            """
        let resource = try #require(try codec.decode(text).resources.first)
        guard case .entity(let entity) = resource else {
            Issue.record("not an entity")
            return
        }
        #expect(entity.metadata.name == "10")
        #expect(entity.metadata.labels == ["quoted": "yes", "version": "1.0"])
        #expect(entity.deregister)
    }

    @Test func unquotedNumberInStringFieldIsAClearError() {
        let text = "type: Entity\nmetadata:\n  name: web\n  labels:\n    version: 1.0\nspec: {entity_class: proxy}\n"
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == "document 1 (line 5): metadata.labels.version: expected a string, found number 1")
        }
    }

    @Test func fillsTheDefaultNamespaceOnlyForNamespacedTypes() throws {
        let codec = ResourceCodec(defaultNamespace: "default")
        let text = """
            type: Handler
            metadata: {name: h}
            spec: {type: pipe, command: cat}
            ---
            type: ClusterRole
            metadata: {name: r}
            spec:
              rules: [{verbs: [get], resources: [checks]}]
            """
        let result = try codec.decode(text)
        #expect(result.resources.map(\.namespace) == ["default", ""])
    }

    @Test func validationFailuresAreErrorsUnlessDisabled() throws {
        let text = "type: Mutator\nmetadata: {name: m}\nspec: {type: javascript, eval: 'x'}\n"
        do {
            _ = try codec.decode(text)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "document 1 (line 3): spec.type: javascript mutators are not supported by Pharos; use a pipe mutator"
            )
        }
        let lenient = ResourceCodec(validates: false)
        #expect(try lenient.decode(text).resources.count == 1)
    }

    @Test func decodesBareBodies() throws {
        let body = try TestJSON.tree(
            #"{"metadata":{"name":"h","namespace":"ns"},"type":"tcp","socket":{"host":"h","port":1},"bogus":1}"#)
        let result = try codec.decodeBare(.handler, from: body)
        #expect(
            result.resources == [
                .handler(
                    Handler(
                        metadata: ObjectMeta(name: "h", namespace: "ns"), type: "tcp",
                        socket: HandlerSocket(host: "h", port: 1)))
            ])
        #expect(result.warnings.map(\.description) == ["document 1: bogus: unknown field"])
        do {
            _ = try codec.decodeBare(.handler, from: Data(#"{"timeout":-1}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "document 1: timeout: number -1 is out of range or not a whole number")
        }
    }

    @Test func wrappedDocumentIsTheDumpFormat() throws {
        let handler = AnyResource.handler(
            Handler(metadata: ObjectMeta(name: "slack", namespace: "default"), type: "pipe", command: "cat"))
        let expected = try TestJSON.tree(
            """
            {"type":"Handler","api_version":"core/v2","metadata":{"name":"slack","namespace":"default"},
             "spec":{"type":"pipe","command":"cat","timeout":0,"handlers":null,"filters":null,"env_vars":null,
                     "runtime_assets":null,"secrets":null}}
            """)
        #expect(try ResourceCodec.wrappedDocument(handler) == expected)
        let namespace = try ResourceCodec.wrappedDocument(.namespace(Namespace(name: "dev")))
        #expect(
            namespace
                == (try TestJSON.tree(
                    #"{"type":"Namespace","api_version":"core/v2","metadata":{"name":"dev"},"spec":{"name":"dev"}}"#)))
    }

    @Test func encodedYAMLAndJSONDecodeBack() throws {
        let resources: [AnyResource] = [
            .handler(
                Handler(
                    metadata: ObjectMeta(name: "slack", namespace: "default", labels: ["on": "yes"]), type: "pipe",
                    command: "cat")),
            .checkConfig(
                CheckConfig(
                    metadata: ObjectMeta(name: "c", namespace: "default", annotations: ["n": "10", "e": ""]),
                    command: "echo 'a: b'\nexit 1", interval: 10, publish: true, subscriptions: ["true", "null"])),
            .namespace(Namespace(name: "dev")),
        ]
        let yaml = try ResourceCodec.encodeYAML(resources)
        #expect(yaml.hasPrefix("---\ntype: Handler\napi_version: core/v2\nmetadata:\n"))
        #expect(try codec.decode(yaml).resources == resources)
        let json = try ResourceCodec.encodeJSON(resources)
        #expect(try codec.decode(json).resources == resources)
    }

    @Test func documentsReturnsRawTrees() throws {
        let trees = try ResourceCodec.documents(in: "a: 1\n---\n{\"b\": true}\n")
        #expect(trees == [.object(["a": .number(1)]), .object(["b": .bool(true)])])
    }

    // Issue 18 item 20: a CRLF file (`sed 's/$/\r/'`) was one "line" to the splitter, so its two documents failed
    // with "but found another document".
    @Test func acceptsCRLFLineEndings() throws {
        let lf = """
            type: Namespace
            spec:
              name: one
            ---
            # a comment first
            type: CheckConfig
            metadata:
              name: disk
              namespace: default
            spec:
              command: check-disk
              interval: 30
              subscriptions: [linux]
            """
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        #expect(crlf.contains("\r\n"))
        let result = try codec.decode(crlf)
        #expect(result.resources == (try codec.decode(lf)).resources)
        #expect(result.resources.count == 2)
        #expect(result.resources.first == .namespace(Namespace(name: "one")))
    }

    @Test func aCRLFChunkStartingWithACommentIsNotBlank() throws {
        let text = "# comment\r\ntype: Namespace\r\nspec: {name: two}\r\n"
        #expect(try codec.decode(text).resources == [.namespace(Namespace(name: "two"))])
    }

    // Issue 18 item 21: nested anchors ("billion laughs") made `create -f` grow to 12.8 GB. Aliases stay usable;
    // their expansion is bounded by a node budget linear in the document size, so this fails after a bounded amount
    // of work with an error naming the cause.
    @Test func aliasBombIsRefusedWithABoundedExpansion() throws {
        var lines = ["type: Namespace", "metadata:", "  labels:", "    l0: &l0 \"lol\""]
        for level in 1...12 {
            let previous = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("    l\(level): &l\(level) [\(previous)]")
        }
        lines.append("spec: {name: bomb}")
        let text = lines.joined(separator: "\n")
        do {
            _ = try codec.decode(text)
            Issue.record("an alias bomb was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.description.contains("expands to too many nodes") == true)
        }
    }

    @Test func moderateAliasesAreExpanded() throws {
        let text = """
            type: Namespace
            metadata:
              labels: &shared {team: ops, site: a}
              annotations: *shared
            spec: {name: aliased}
            """
        let trees = try ResourceCodec.documents(in: text)
        let shared = JSONValue.object(["team": .string("ops"), "site": .string("a")])
        #expect(
            trees == [
                .object([
                    "type": .string("Namespace"),
                    "metadata": .object(["labels": shared, "annotations": shared]),
                    "spec": .object(["name": .string("aliased")]),
                ])
            ])
    }

    @Test func oversizedYAMLDocumentIsRefused() throws {
        let text =
            "type: Namespace\nspec: {name: big}\nmetadata: {annotations: {a: \""
            + String(
                repeating: "x", count: 16 << 20) + "\"}}\n"
        do {
            _ = try codec.decode(text)
            Issue.record("a 16 MiB document was accepted")
        } catch {
            #expect(error.diagnostics.first?.description.contains("over the limit of 16777216 bytes") == true)
        }
    }
}
