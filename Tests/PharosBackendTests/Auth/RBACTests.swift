import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Role-based access control: the request → (verb, resource, namespace, name) mapping, the built-ins seeded at
/// init, rule matching, namespace filtering, and the `view` role refused on every write (reference §2.2).
@Suite struct RBACTests {
    // MARK: Mapping

    @Test(arguments: [
        (
            "GET", "/api/core/v2/namespaces/default/checks",
            AccessRequest(verb: "list", resource: "checks", namespace: "default")
        ),
        (
            "GET", "/api/core/v2/namespaces/default/checks/c1",
            AccessRequest(verb: "get", resource: "checks", namespace: "default", name: "c1")
        ),
        (
            "POST", "/api/core/v2/namespaces/default/checks",
            AccessRequest(verb: "create", resource: "checks", namespace: "default")
        ),
        (
            "PUT", "/api/core/v2/namespaces/default/checks/c1",
            AccessRequest(verb: "update", resource: "checks", namespace: "default", name: "c1")
        ),
        (
            "PATCH", "/api/core/v2/namespaces/default/checks/c1",
            AccessRequest(verb: "update", resource: "checks", namespace: "default", name: "c1")
        ),
        (
            "DELETE", "/api/core/v2/namespaces/default/checks/c1",
            AccessRequest(verb: "delete", resource: "checks", namespace: "default", name: "c1")
        ),
        (
            "POST", "/api/core/v2/namespaces/default/checks/c1/execute",
            AccessRequest(verb: "create", resource: "checks", namespace: "default", name: "c1", subresource: "execute")
        ),
        (
            "GET", "/api/core/v2/namespaces/ops/events/web-1",
            AccessRequest(verb: "list", resource: "events", namespace: "ops", name: "web-1")
        ),
        (
            "GET", "/api/core/v2/namespaces/ops/events/web-1/ping",
            AccessRequest(verb: "get", resource: "events", namespace: "ops", name: "web-1/ping")
        ),
        (
            "POST", "/api/core/v2/namespaces/ops/events/web-1/ping",
            AccessRequest(verb: "create", resource: "events", namespace: "ops", name: "web-1/ping")
        ),
        (
            "GET", "/api/core/v2/namespaces/ops/silenced/subscriptions/linux",
            AccessRequest(verb: "list", resource: "silenced", namespace: "ops", name: "subscriptions/linux")
        ),
        (
            "GET", "/api/core/v2/silenced/checks/ping",
            AccessRequest(verb: "list", resource: "silenced", name: "checks/ping")
        ),
        ("GET", "/api/core/v2/checks", AccessRequest(verb: "list", resource: "checks")),
        ("GET", "/api/core/v2/namespaces", AccessRequest(verb: "list", resource: "namespaces")),
        ("GET", "/api/core/v2/namespaces/ops", AccessRequest(verb: "get", resource: "namespaces", name: "ops")),
        ("DELETE", "/api/core/v2/namespaces/ops", AccessRequest(verb: "delete", resource: "namespaces", name: "ops")),
        ("GET", "/api/core/v2/users/bob", AccessRequest(verb: "get", resource: "localselfuser", name: "bob")),
        (
            "PUT", "/api/core/v2/users/bob/password",
            AccessRequest(verb: "update", resource: "localselfuser", name: "bob", subresource: "password")
        ),
        (
            "PUT", "/api/core/v2/users/bob/reset_password",
            AccessRequest(verb: "update", resource: "users", name: "bob", subresource: "reset_password")
        ),
        ("PUT", "/api/core/v2/users/bob", AccessRequest(verb: "update", resource: "users", name: "bob")),
        ("GET", "/api/core/v2/users/alice", AccessRequest(verb: "get", resource: "users", name: "alice")),
        (
            "PUT", "/api/core/v2/users/alice/password",
            AccessRequest(verb: "update", resource: "users", name: "alice", subresource: "password")
        ),
        (
            "PUT", "/api/core/v2/namespaces/default/checks/c1/hooks/critical",
            AccessRequest(
                verb: "update", resource: "checks", namespace: "default", name: "c1", subresource: "hooks/critical")
        ),
        ("POST", "/api/core/v2/apikeys", AccessRequest(verb: "create", resource: "apikeys")),
        ("GET", "/api/core/v2/clusterroles/view", AccessRequest(verb: "get", resource: "clusterroles", name: "view")),
        (
            "DELETE", "/api/core/v2/clusterroles/system%3Aagent",
            AccessRequest(verb: "delete", resource: "clusterroles", name: "system:agent")
        ),
    ])
    func requestsMapToAccess(method: String, path: String, expected: AccessRequest) {
        #expect(AccessRequest(method: method, path: path, username: "bob") == expected)
    }

    @Test func pathsOutsideCoreV2AreNotMapped() {
        #expect(AccessRequest(method: "GET", path: "/graphql", username: "bob") == nil)
        #expect(AccessRequest(method: "GET", path: "/api/enterprise/x", username: "bob") == nil)
    }

    // MARK: Seeds and rules

    @Test func initSeedsBuiltinRolesAndBindings() async throws {
        let store = try await TestSupport.seededStore()
        let roles = try await store.resources(ClusterRole.self, namespace: nil).map(\.metadata.name)
        #expect(roles == ["admin", "cluster-admin", "edit", "system:agent", "system:user", "view"])
        let bindings = try await store.resources(ClusterRoleBinding.self, namespace: nil)
        #expect(
            bindings.map { "\($0.metadata.name)->\($0.roleRef.name):\($0.subjects.map(\.name))" } == [
                "cluster-admin->cluster-admin:[\"cluster-admins\"]", "system:agent->system:agent:[\"system:agents\"]",
                "system:user->system:user:[\"system:users\"]",
            ])
        #expect(try await store.resource(User.self, namespace: "", name: "admin")?.groups == ["cluster-admins"])
        #expect(try await store.resource(User.self, namespace: "", name: "agent")?.groups == ["system:agents"])
        for role in BuiltinAccessControl.clusterRoles { try role.validate() }
        for binding in BuiltinAccessControl.clusterRoleBindings { try binding.validate() }

        #expect(try await store.deleteResource(.clusterRole, namespace: "", name: "view"))
        #expect(try await BuiltinAccessControl.seed(store) == false)
        #expect(try await store.resource(ClusterRole.self, namespace: "", name: "view") == nil)
    }

    @Test func rulesMatchVerbsResourcesAndNames() async throws {
        let store = try await TestSupport.seededStore()
        try await store.putResource(Namespace(name: "dev"))
        try await store.putResource(
            Role(
                metadata: ObjectMeta(name: "one-check", namespace: "dev"),
                rules: [RoleRule(verbs: ["get", "update"], resources: ["checks"], resourceNames: ["c1"])]))
        try await store.putResource(
            RoleBinding(
                metadata: ObjectMeta(name: "devs-one-check", namespace: "dev"),
                subjects: [RoleSubject(type: "Group", name: "devs")], roleRef: RoleRef(type: "Role", name: "one-check"))
        )
        let authorizer = Authorizer(store: store)
        let dev = Principal(username: "dee", groups: ["devs"])
        let other = Principal(username: "dee", groups: ["ops"])
        let cases: [(Principal, AccessRequest, Bool)] = [
            (dev, AccessRequest(verb: "get", resource: "checks", namespace: "dev", name: "c1"), true),
            (dev, AccessRequest(verb: "update", resource: "checks", namespace: "dev", name: "c1"), true),
            (dev, AccessRequest(verb: "delete", resource: "checks", namespace: "dev", name: "c1"), false),
            (dev, AccessRequest(verb: "get", resource: "checks", namespace: "dev", name: "c2"), false),
            (dev, AccessRequest(verb: "list", resource: "checks", namespace: "dev"), false),
            (dev, AccessRequest(verb: "get", resource: "checks", namespace: "default", name: "c1"), false),
            (dev, AccessRequest(verb: "get", resource: "handlers", namespace: "dev", name: "c1"), false),
            (other, AccessRequest(verb: "get", resource: "checks", namespace: "dev", name: "c1"), false),
            (
                Principal(username: "admin", groups: ["cluster-admins"]),
                AccessRequest(verb: "delete", resource: "users"), true
            ),
            (
                Principal(username: "x", groups: ["system:agents"]),
                AccessRequest(verb: "create", resource: "events", namespace: "dev"), true
            ),
            (
                Principal(username: "x", groups: ["system:agents"]),
                AccessRequest(verb: "create", resource: "checks", namespace: "dev"), false
            ),
        ]
        for (principal, request, allowed) in cases {
            #expect(try await authorizer.allows(principal, request) == allowed, "\(principal.groups) \(request)")
        }
        #expect(try await authorizer.visibleNamespaces(dev) == ["dev"])
        #expect(try await authorizer.visibleNamespaces(other) == [])
        #expect(try await authorizer.visibleNamespaces(Principal(username: "admin", groups: ["cluster-admins"])) == nil)
    }

    // MARK: Over HTTP

    /// A `view` user (RoleBinding in `default` to the `view` cluster role) with a check, a handler and an event.
    static func viewerStore() async throws -> InMemoryStore {
        let store = try await TestSupport.seededStore()
        try await store.putResource(Namespace(name: "other"))
        try await AuthTestSupport.makeUser(store, "viewer", password: "viewer-password")
        try await AuthTestSupport.bind(store, user: "viewer", clusterRole: "view", namespace: "default")
        var check = CheckConfig(metadata: ObjectMeta(name: "c1", namespace: "default"))
        check.command = "true"
        check.interval = 10
        check.subscriptions = ["linux"]
        try await store.putResource(check)
        try await store.putResource(
            Handler(metadata: ObjectMeta(name: "h1", namespace: "default"), type: "pipe", command: "cat"))
        try await store.putResource(
            Role(
                metadata: ObjectMeta(name: "r1", namespace: "default"),
                rules: [RoleRule(verbs: ["get"], resources: ["checks"])]))
        return store
    }

    static let viewer = BasicCredentials(username: "viewer", password: "viewer-password")
    static let checkBody =
        #"{"metadata":{"name":"c1","namespace":"default"},"command":"x","interval":10,"subscriptions":["a"]}"#
    static let handlerBody = #"{"metadata":{"name":"h1","namespace":"default"},"type":"pipe","command":"cat"}"#
    static let entityBody = #"{"metadata":{"name":"e1","namespace":"default"},"entity_class":"proxy"}"#
    static let eventBody =
        #"{"entity":{"metadata":{"name":"e1","namespace":"default"},"entity_class":"proxy"},"check":{"metadata":{"name":"ping"},"status":2,"output":"x"}}"#
    static let silencedBody = #"{"metadata":{"namespace":"default"},"subscription":"linux","check":"c1"}"#
    static let roleBody =
        #"{"metadata":{"name":"r1","namespace":"default"},"rules":[{"verbs":["*"],"resources":["*"]}]}"#
    static let ns = "/api/core/v2/namespaces/default"

    /// Every write route of the acceptance table.
    static let writes: [(HTTPRequest.Method, String, String?)] = [
        (.post, ns + "/checks", checkBody), (.put, ns + "/checks/c1", checkBody), (.patch, ns + "/checks/c1", "{}"),
        (.delete, ns + "/checks/c1", nil), (.post, ns + "/checks/c1/execute", "{}"),
        (.post, ns + "/handlers", handlerBody), (.put, ns + "/handlers/h1", handlerBody),
        (.patch, ns + "/handlers/h1", "{}"), (.delete, ns + "/handlers/h1", nil),
        (.post, ns + "/entities", entityBody), (.put, ns + "/entities/e1", entityBody),
        (.patch, ns + "/entities/e1", "{}"), (.delete, ns + "/entities/e1", nil),
        (.post, ns + "/events", eventBody), (.put, ns + "/events/e1/ping", eventBody),
        (.post, ns + "/events/e1/ping", eventBody), (.patch, ns + "/events/e1/ping", "{}"),
        (.delete, ns + "/events/e1/ping", nil),
        (.post, ns + "/silenced", silencedBody), (.put, ns + "/silenced/linux:c1", silencedBody),
        (.patch, ns + "/silenced/linux:c1", "{}"), (.delete, ns + "/silenced/linux:c1", nil),
        (.post, "/api/core/v2/namespaces", #"{"name":"new"}"#),
        (.put, "/api/core/v2/namespaces/new", #"{"name":"new"}"#),
        (.patch, "/api/core/v2/namespaces/default", "{}"), (.delete, "/api/core/v2/namespaces/default", nil),
        (.post, "/api/core/v2/users", #"{"username":"mallory","password":"mallory-password"}"#),
        (.put, "/api/core/v2/users/admin", #"{"username":"admin","password":"taken-over!"}"#),
        (.patch, "/api/core/v2/users/admin", "{}"), (.delete, "/api/core/v2/users/admin", nil),
        (.put, "/api/core/v2/users/admin/reset_password", #"{"password_new":"taken-over!"}"#),
        (.put, "/api/core/v2/users/viewer/groups/cluster-admins", nil),
        (.post, ns + "/roles", roleBody), (.put, ns + "/roles/r1", roleBody), (.patch, ns + "/roles/r1", "{}"),
        (.delete, ns + "/roles/r1", nil),
        (.post, ns + "/rolebindings", "{}"), (.post, "/api/core/v2/clusterroles", "{}"),
        (.post, "/api/core/v2/clusterrolebindings", "{}"), (.post, "/api/core/v2/apikeys", #"{"username":"admin"}"#),
    ]

    @Test func viewRoleIsRefusedEveryWriteWith403AndNothingChanges() async throws {
        let store = try await Self.viewerStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            for (method, uri, body) in Self.writes {
                let response = try await client.execute(
                    uri: uri, method: method, headers: auth, body: body.map(TestSupport.json))
                #expect(response.status == .forbidden, "\(method) \(uri)")
                #expect(
                    try AuthTestSupport.error(response)
                        == ErrorBody(message: "unauthorized to perform action", code: .permissionDenied),
                    "\(method) \(uri)")
                let anonymous = try await client.execute(uri: uri, method: method, body: body.map(TestSupport.json))
                #expect(anonymous.status == .unauthorized, "anonymous \(method) \(uri)")
            }
        }
        #expect(try await store.resource(CheckConfig.self, namespace: "default", name: "c1")?.command == "true")
        #expect(try await store.resource(Handler.self, namespace: "default", name: "h1") != nil)
        #expect(try await store.resource(Role.self, namespace: "default", name: "r1")?.rules.first?.verbs == ["get"])
        #expect(try await store.resources(Namespace.self, namespace: nil).map(\.name) == ["default", "other"])
        #expect(try await store.resources(User.self, namespace: nil).map(\.username) == ["admin", "agent", "viewer"])
        #expect(try await store.resource(User.self, namespace: "", name: "viewer")?.groups == [])
        #expect(try await store.resources(APIKey.self, namespace: nil).isEmpty)
        #expect(try await store.entities(namespace: nil).isEmpty)
        #expect(try await store.events(namespace: nil, entity: nil).isEmpty)
    }

    @Test(arguments: [
        ns + "/checks", ns + "/checks/c1", ns + "/handlers", ns + "/handlers/h1", ns + "/entities", ns + "/events",
        ns + "/events/e1", ns + "/silenced", ns + "/assets", ns + "/filters", ns + "/hooks", ns + "/mutators",
        "/api/core/v2/namespaces", "/api/core/v2/namespaces/default", "/api/core/v2/users/viewer",
    ])
    func viewRoleReads(uri: String) async throws {
        let store = try await Self.viewerStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            let status = try await AuthTestSupport.status(client, .get, uri, auth)
            #expect(status == 200)
        }
    }

    @Test(arguments: [
        ns + "/roles", ns + "/rolebindings", "/api/core/v2/users", "/api/core/v2/users/admin",
        "/api/core/v2/clusterroles", "/api/core/v2/apikeys", "/api/core/v2/checks",
        "/api/core/v2/namespaces/other", "/api/core/v2/namespaces/other/checks",
    ])
    func viewRoleCannotReadOutsideItsGrant(uri: String) async throws {
        let store = try await Self.viewerStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            let status = try await AuthTestSupport.status(client, .get, uri, auth)
            #expect(status == 403)
        }
    }

    @Test func namespaceListIsFilteredToWhatTheCallerMaySee() async throws {
        let store = try await Self.viewerStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let viewer = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            let seen = try await client.execute(uri: "/api/core/v2/namespaces", method: .get, headers: viewer)
            #expect(try TestSupport.decode([Namespace].self, seen.body).map(\.name) == ["default"])
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            let all = try await client.execute(uri: "/api/core/v2/namespaces", method: .get, headers: admin)
            #expect(try TestSupport.decode([Namespace].self, all.body).map(\.name) == ["default", "other"])
            let agent = TestSupport.bearer(try await AuthTestSupport.login(client, TestSupport.agent).accessToken)
            let none = try await client.execute(uri: "/api/core/v2/namespaces", method: .get, headers: agent)
            #expect(none.status == .ok)
            #expect(try TestSupport.decode([Namespace].self, none.body).isEmpty)
        }
    }

    @Test func rbacResourcesHaveTheirRoutesAndGrantAccessOnceStored() async throws {
        let store = try await Self.viewerStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            let role = #"{"metadata":{"name":"checks-editor"},"rules":[{"verbs":["*"],"resources":["checks"]}]}"#
            #expect(
                try await AuthTestSupport.status(client, .post, "/api/core/v2/clusterroles", admin, body: role) == 201)
            #expect(
                try await AuthTestSupport.status(client, .post, "/api/core/v2/clusterroles", admin, body: role) == 409)
            let mismatch = try await client.execute(
                uri: "/api/core/v2/clusterroles/other-name", method: .put, headers: admin, body: TestSupport.json(role))
            #expect(mismatch.status == .badRequest)
            let badVerb = #"{"metadata":{"name":"bad"},"rules":[{"verbs":["write"],"resources":["checks"]}]}"#
            let invalid = try await client.execute(
                uri: "/api/core/v2/clusterroles", method: .post, headers: admin, body: TestSupport.json(badVerb))
            #expect(invalid.status == .badRequest)
            #expect(try AuthTestSupport.error(invalid).message.contains("rules[0].verbs[0]"))
            let fetched = try await client.execute(
                uri: "/api/core/v2/clusterroles/checks-editor", method: .get, headers: admin)
            #expect(
                try TestSupport.decode(ClusterRole.self, fetched.body).rules == [
                    RoleRule(verbs: ["*"], resources: ["checks"])
                ])

            let viewer = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            #expect(try await AuthTestSupport.status(client, .delete, Self.ns + "/checks/c1", viewer) == 403)
            let binding =
                #"{"metadata":{"name":"viewer-edits-checks","namespace":"default"},"subjects":[{"type":"User","name":"viewer"}],"role_ref":{"type":"ClusterRole","name":"checks-editor"}}"#
            #expect(
                try await AuthTestSupport.status(
                    client, .put, Self.ns + "/rolebindings/viewer-edits-checks", admin, body: binding) == 201)
            #expect(try await AuthTestSupport.status(client, .get, Self.ns + "/rolebindings", admin) == 200)
            #expect(try await AuthTestSupport.status(client, .delete, Self.ns + "/checks/c1", viewer) == 204)
            #expect(try await AuthTestSupport.status(client, .delete, Self.ns + "/handlers/h1", viewer) == 403)

            #expect(
                try await AuthTestSupport.status(client, .delete, Self.ns + "/rolebindings/viewer-edits-checks", admin)
                    == 204)
            #expect(
                try await AuthTestSupport.status(client, .post, Self.ns + "/checks", viewer, body: Self.checkBody)
                    == 403)
            let clusterBinding =
                #"{"metadata":{"name":"b"},"subjects":[{"type":"Group","name":"g"}],"role_ref":{"type":"ClusterRole","name":"view"}}"#
            #expect(
                try await AuthTestSupport.status(
                    client, .post, "/api/core/v2/clusterrolebindings", admin, body: clusterBinding) == 201)
            #expect(try await AuthTestSupport.status(client, .get, "/api/core/v2/clusterrolebindings/b", admin) == 200)
            #expect(
                try await AuthTestSupport.status(client, .delete, "/api/core/v2/clusterrolebindings/b", admin) == 204)
            #expect(
                try await AuthTestSupport.status(client, .delete, "/api/core/v2/clusterrolebindings/b", admin) == 404)
        }
    }

    @Test func putNeedsCreateForANewResourceAndUpdateForAnExistingOne() async throws {
        let store = try await Self.viewerStore()
        try await store.putResource(
            ClusterRole(
                metadata: ObjectMeta(name: "check-creator"),
                rules: [RoleRule(verbs: ["create"], resources: ["checks", "events"])]))
        try await AuthTestSupport.bind(store, user: "viewer", clusterRole: "check-creator", namespace: "default")
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await AuthTestSupport.login(client, Self.viewer).accessToken)
            let fresh =
                #"{"metadata":{"name":"c2","namespace":"default"},"command":"x","interval":10,"subscriptions":["a"]}"#
            #expect(try await AuthTestSupport.status(client, .put, Self.ns + "/checks/c2", auth, body: fresh) == 201)
            #expect(try await AuthTestSupport.status(client, .put, Self.ns + "/checks/c2", auth, body: fresh) == 403)
            #expect(
                try await AuthTestSupport.status(client, .put, Self.ns + "/checks/c1", auth, body: Self.checkBody)
                    == 403)
            #expect(
                try await AuthTestSupport.status(client, .post, Self.ns + "/checks", auth, body: Self.checkBody) == 409)
            #expect(try await store.resource(CheckConfig.self, namespace: "default", name: "c1")?.command == "true")
        }
    }
}
