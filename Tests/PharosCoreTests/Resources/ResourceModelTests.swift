import Foundation
import PharosCore
import Testing

@Suite struct ResourceModelTests {
    @Test(arguments: [
        ("linux", "check-cpu", "linux:check-cpu"), ("entity:web01", "", "entity:web01:*"),
        ("", "check-cpu", "*:check-cpu"),
    ])
    func silencedNameIsDerived(subscription: String, check: String, expected: String) throws {
        let silence = Silenced(subscription: subscription, check: check)
        #expect(silence.derivedName == expected)
        #expect(silence.metadata.name == expected)
        try silence.validate()
    }

    @Test func silencedEncodesLikeSensu() throws {
        let silence = Silenced(
            metadata: ObjectMeta(namespace: "default"), subscription: "linux", begin: 100, expire: 60,
            expireOnResolve: true, creator: "admin")
        #expect(
            try JSONValue(encoding: silence)
                == (try TestJSON.tree(
                    """
                    {"metadata":{"name":"linux:*","namespace":"default"},"expire":60,"expire_on_resolve":true,
                     "creator":"admin","subscription":"linux","begin":100,"expire_at":0}
                    """)))
    }

    @Test(arguments: [
        (
            AnyResource.checkConfig(CheckConfig(metadata: ObjectMeta(name: "check-cpu", namespace: "default"))),
            "/api/core/v2/namespaces/default/checks/check-cpu"
        ),
        (
            .silenced(Silenced(metadata: ObjectMeta(namespace: "ops"), subscription: "entity:web01")),
            "/api/core/v2/namespaces/ops/silenced/entity:web01:%2A"
        ),
        (.namespace(Namespace(name: "dev")), "/api/core/v2/namespaces/dev"),
        (.user(User(username: "alice")), "/api/core/v2/users/alice"),
        (
            .clusterRoleBinding(ClusterRoleBinding(metadata: ObjectMeta(name: "admins"))),
            "/api/core/v2/clusterrolebindings/admins"
        ),
        (
            .event(
                Event(
                    entity: Entity(metadata: ObjectMeta(name: "web01")),
                    check: Check(config: CheckConfig(metadata: ObjectMeta(name: "disk"))),
                    metadata: ObjectMeta(namespace: "default"))),
            "/api/core/v2/namespaces/default/events/web01/disk"
        ),
        (
            .asset(Asset(metadata: ObjectMeta(name: "sensu/plugins", namespace: "default"))),
            "/api/core/v2/namespaces/default/assets/sensu%2Fplugins"
        ),
    ])
    func uriPaths(_ resource: AnyResource, expected: String) {
        #expect(resource.uriPath == expected)
    }

    @Test func resourceTypesHaveSensuNames() {
        #expect(ResourceType.allCases.count == 17)
        #expect(ResourceType(name: "event_filter") == .eventFilter)
        #expect(ResourceType(name: "EventFilter")?.collection == "filters")
        #expect(ResourceType(name: "api_key")?.typeName == "APIKey")
        #expect(ResourceType(name: "Tessen") == nil)
        #expect(
            ResourceType.allCases.filter { !$0.isNamespaced } == [
                .namespace, .user, .clusterRole, .clusterRoleBinding, .apiKey,
            ])
        for type in ResourceType.allCases { #expect(type.modelType.resourceType == type) }
    }

    @Test func anyResourceMetadataSetterReplacesTheValue() {
        var resource = AnyResource.handler(Handler(metadata: ObjectMeta(name: "h"), type: "pipe", command: "cat"))
        resource.metadata.namespace = "ops"
        #expect(
            resource
                == .handler(Handler(metadata: ObjectMeta(name: "h", namespace: "ops"), type: "pipe", command: "cat")))
        var namespace = AnyResource.namespace(Namespace(name: "a"))
        namespace.metadata = ObjectMeta(name: "b")
        #expect(namespace == .namespace(Namespace(name: "b")))
    }

    @Test func bareJSONOfSmallTypes() throws {
        let pipeline = Pipeline(
            metadata: ObjectMeta(name: "p"),
            workflows: [
                PipelineWorkflow(
                    name: "w", filters: [ResourceReference(name: "is_incident", type: "EventFilter")],
                    handler: ResourceReference(name: "slack", type: "Handler"))
            ])
        #expect(
            try JSONValue(encoding: pipeline)
                == (try TestJSON.tree(
                    """
                    {"metadata":{"name":"p"},"workflows":[{"name":"w",
                     "filters":[{"name":"is_incident","type":"EventFilter","api_version":"core/v2"}],
                     "handler":{"name":"slack","type":"Handler","api_version":"core/v2"}}]}
                    """)))
        let binding = RoleBinding(
            metadata: ObjectMeta(name: "b", namespace: "default"), subjects: [RoleSubject(type: "Group", name: "ops")],
            roleRef: RoleRef(type: "Role", name: "edit"))
        #expect(
            try JSONValue(encoding: binding)
                == (try TestJSON.tree(
                    """
                    {"subjects":[{"type":"Group","name":"ops"}],"role_ref":{"type":"Role","name":"edit"},
                     "metadata":{"name":"b","namespace":"default"}}
                    """)))
        let user = User(username: "alice", groups: ["ops"], passwordHash: "$2a$10$x")
        #expect(
            try JSONValue(encoding: user)
                == (try TestJSON.tree(
                    #"{"username":"alice","groups":["ops"],"disabled":false,"password_hash":"$2a$10$x"}"#)))
        let request = CheckRequest(config: CheckConfig(metadata: ObjectMeta(name: "c")), issued: 5)
        let tree = try JSONValue(encoding: request)
        #expect(tree["hook_assets"] == .object([:]))
        #expect(tree["assets"] == nil)
        #expect(try tree.decode(CheckRequest.self) == request)
    }
}
