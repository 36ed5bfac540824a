import Foundation
import PharosCLI
import PharosClient
import PharosCore
import Testing

/// The all-or-nothing decode of `create -f` and the PUT loop.
@Suite struct ResourceBatchTests {
    static let threeDocuments = """
        type: Namespace
        api_version: core/v2
        spec:
          name: webinar
        ---
        type: Handler
        api_version: core/v2
        metadata:
          name: influxdb
        spec:
          type: pipe
          command: pharos-influxdb-handler
        ---
        type: CheckConfig
        api_version: core/v2
        metadata:
          name: check-nginx
        spec:
          command: check_http -H 127.0.0.1
          interval: ten
          subscriptions: [nginx]
        """

    @Test func anInvalidThirdDocumentStoresNothing() async throws {
        let inputs = [
            ResourceInput(source: "ok.yaml", data: Data("type: Namespace\nspec:\n  name: other\n".utf8)),
            ResourceInput(source: "demo.yaml", data: Data(Self.threeDocuments.utf8)),
        ]
        let batch = ResourceBatch(decoding: inputs, namespace: "webinar")
        #expect(batch.resources.isEmpty)
        #expect(batch.errors.count == 1)
        let error = try #require(batch.errors.first)
        #expect(error.hasPrefix("demo.yaml: document 3 (line 20): spec.interval: "), "\(error)")

        var puts = 0
        try await ResourceCreator.create(batch.resources) { (_: AnyResource) throws(ClientError) in puts += 1 }
        #expect(puts == 0)
    }

    @Test func validDocumentsGetNamespaceAndManagedByLabel() throws {
        let fixture = SeedFixture.checkNginx
        let batch = ResourceBatch(
            decoding: [ResourceInput(source: "check-nginx.yaml", data: try Data(contentsOf: fixture))],
            namespace: "webinar")
        #expect(batch.errors.isEmpty)
        #expect(
            batch.resources.map(\.uriPath) == [
                "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-alpine",
                "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-centos",
                "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-debian",
                "/api/core/v2/namespaces/webinar/checks/check-nginx",
            ])
        #expect(batch.resources.allSatisfy { $0.metadata.labels == ["sensu.io/managed_by": "sensuctl"] })
    }

    @Test func agentManagedLabelIsKept() throws {
        let entity = """
            type: Entity
            metadata: {name: pod-1, labels: {"sensu.io/managed_by": sensu-agent}}
            spec: {entity_class: agent}
            """
        let batch = ResourceBatch(decoding: [ResourceInput(source: "-", data: Data(entity.utf8))], namespace: "n")
        #expect(batch.resources.first?.metadata.labels == ["sensu.io/managed_by": "sensu-agent"])
        #expect(batch.resources.first?.namespace == "n")
    }

    @Test func putFailureNamesTheResourceAndProgress() async throws {
        let batch = ResourceBatch(
            decoding: [
                ResourceInput(
                    source: "demo.yaml",
                    data: Data(Self.threeDocuments.components(separatedBy: "---\ntype: CheckConfig")[0].utf8))
            ],
            namespace: "webinar")
        try #require(batch.resources.count == 2)
        var seen: [String] = []
        let error = await #expect(throws: ClientError.self) {
            try await ResourceCreator.create(batch.resources) { (resource: AnyResource) async throws(ClientError) in
                seen.append(resource.name)
                if resource.resourceType == .handler {
                    throw ClientError(.server(status: 403, message: "permission denied", code: 4))
                }
            }
        }
        #expect(seen == ["webinar", "influxdb"])
        #expect(error?.description == "Handler \"influxdb\" (1 of 2 stored): permission denied (code 4, HTTP 403)")
    }
}
