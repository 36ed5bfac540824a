import Foundation
import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// Every route of one resource type (reference §2.1). Namespaced types: `GET /{collection}` (all namespaces),
    /// `GET|POST /namespaces/{ns}/{collection}`, `GET|PUT|PATCH|DELETE /namespaces/{ns}/{collection}/{name}`;
    /// cluster-wide types: `GET|POST /{collection}`, `GET|PUT|PATCH|DELETE /{collection}/{name}`.
    ///
    /// Lists are paginated and filtered (`ListQuery`); `GET` of one resource carries an `ETag`; `PUT` and `PATCH`
    /// honour `If-Match` / `If-None-Match` (412), checked and written with one compare-and-swap on the store's
    /// resource version (the ETag), so a concurrent update cannot slip in between; `POST` answers 201 or 409, `PUT` 201, `PATCH` 200, `DELETE`
    /// 204 or 404. A namespace that does not exist is a 404. `created_by` is the authenticated user.
    func addResourceRoutes<R: Resource>(_ type: R.Type, to api: RouterGroup<APIRequestContext>) {
        let resourceType = R.resourceType
        let nameParameter = resourceType == .namespace ? "namespace" : "name"
        let collection =
            resourceType.isNamespaced
            ? "/namespaces/:namespace/\(resourceType.collection)" : "/\(resourceType.collection)"
        let item = collection + "/:\(nameParameter)"

        if resourceType.isNamespaced {
            api.get(RouterPath("/\(resourceType.collection)")) { request, _ -> Response in
                try await list(R.self, request: request, namespace: nil)
            }
        }
        api.get(RouterPath(collection)) { request, context -> Response in
            let namespace = try Self.namespace(of: R.self, context)
            if let namespace { try await requireNamespace(namespace) }
            return try await list(R.self, request: request, namespace: namespace)
        }
        api.get(RouterPath(item)) { _, context -> Response in
            let (namespace, name) = try Self.address(of: R.self, context, nameParameter: nameParameter)
            let (stored, shown) = try await presentedResource(R.self, namespace: namespace, name: name)
            var response = try Self.json(shown)
            response.headers[.eTag] = ETag.of(stored)
            return response
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let namespace = try Self.namespace(of: R.self, context)
            let resource = try await prepare(R.self, request: request, context: context, namespace: namespace)
            if let namespace {
                try Self.requireMatch(namespace, resource.metadata.namespace, field: "metadata.namespace")
                try await requireNamespace(namespace)
            }
            try await store.createResource(resource)
            return Response(status: .created)
        }
        api.put(RouterPath(item)) { request, context -> Response in
            let (namespace, name) = try Self.address(of: R.self, context, nameParameter: nameParameter)
            let resource = try await prepare(
                R.self, request: request, context: context, namespace: namespace, urlName: name)
            if let namespace {
                try Self.requireMatch(namespace, resource.metadata.namespace, field: "metadata.namespace")
                try await requireNamespace(namespace)
            }
            try Self.requireMatch(name, resource.metadata.name, field: Self.nameField(of: R.self))
            if Self.hasPrecondition(request) {
                // Check, then compare-and-swap on the version checked: a write in between is a 412, not lost.
                let existing = try await store.resource(R.self, namespace: namespace ?? "", name: name)
                try Self.checkPreconditions(request, current: existing.flatMap { present($0) == nil ? nil : $0 })
                try await replace(resource, expected: existing.map { ResourceVersion.of($0) })
            } else {
                try await store.putResource(resource)
            }
            return Response(status: .created)
        }
        api.patch(RouterPath(item)) { request, context -> Response in
            let (namespace, name) = try Self.address(of: R.self, context, nameParameter: nameParameter)
            let patch = try await Self.mergePatch(of: request)
            // Read, merge, then compare-and-swap on the version read: with If-Match a concurrent write is a 412;
            // without, the merge is redone on the new value (a few times at most) so no update is lost.
            var attempt = 1
            while try await !patchOnce(
                R.self, request: request, context: context, patch: patch, namespace: namespace, name: name,
                lastAttempt: attempt == Self.patchAttempts)
            {
                attempt += 1
            }
            return Response(status: .ok)
        }
        api.delete(RouterPath(item)) { _, context -> Response in
            let (namespace, name) = try Self.address(of: R.self, context, nameParameter: nameParameter)
            guard try await store.deleteResource(resourceType, namespace: namespace ?? "", name: name) else {
                throw Self.notFound(R.self, namespace: namespace, name: name)
            }
            return Response(status: .noContent)
        }
    }

    /// One page of resources (all namespaces when `namespace` is `nil`) as the API shows them, read from the store
    /// one page at a time (`Store.resourcePage`) with the selectors applied as the store reads.
    func list<R: Resource>(_ type: R.Type, request: Request, namespace: String?) async throws -> Response {
        let query = try ListQuery(request, type: R.resourceType)
        if R.resourceType == .silenced { return try await silenceList(R.self, query: query, namespace: namespace) }
        let page = try await store.resourcePage(
            R.self, namespace: namespace, after: query.after, limit: query.limit,
            matching: { [self] resource in present(resource).map { query.matches(SelectorFields($0)) } ?? false })
        return try Self.listResponse(
            ListQuery.response(StorePage(items: page.items.compactMap(present), next: page.next)))
    }

    /// Silences are few and expire: listing them loads them all and deletes the expired ones it sees.
    private func silenceList<R: Resource>(_ type: R.Type, query: ListQuery, namespace: String?) async throws -> Response
    {
        let stored = try await store.resources(R.self, namespace: namespace)
        var shown: [R] = []
        for resource in stored {
            if let visible = present(resource) {
                shown.append(visible)
            } else {
                // An expired silence disappears from the store at the first listing that sees it.
                _ = try await store.deleteResource(
                    .silenced, namespace: resource.metadata.namespace, name: resource.metadata.name)
            }
        }
        let page = query.page(
            shown, key: { ListQuery.key(namespace: $0.metadata.namespace, name: $0.metadata.name) },
            fields: { SelectorFields($0) })
        return try Self.listResponse(page)
    }

    /// A 200 JSON array with `Sensu-Continue` when another page follows.
    static func listResponse(_ page: (items: [some Encodable], next: String?)) throws -> Response {
        var response = try json(page.items)
        if let next = page.next, let header = ListQuery.continueHeader { response.headers[header] = next }
        return response
    }

    /// The stored resource and how the API shows it (the `ETag` is computed from the stored form, so a silence's
    /// tag does not change as its remaining seconds count down). - Throws: `APIError` 404.
    func presentedResource<R: Resource>(
        _ type: R.Type, namespace: String?, name: String
    ) async throws -> (stored: R, shown: R) {
        guard let stored = try await store.resource(R.self, namespace: namespace ?? "", name: name),
            let shown = present(stored)
        else { throw Self.notFound(R.self, namespace: namespace, name: name) }
        return (stored, shown)
    }

    /// `<Type> "<ns>/<name>" not found` (404).
    static func notFound<R: Resource>(_ type: R.Type, namespace: String?, name: String) -> APIError {
        let qualified = (namespace.map { $0 + "/" } ?? "") + name
        return APIError(.notFound, "\(R.resourceType.typeName) \"\(qualified)\" not found")
    }

    /// The URL's namespace for a namespaced type, `nil` for a cluster-wide one.
    static func namespace<R: Resource>(of type: R.Type, _ context: APIRequestContext) throws -> String? {
        R.resourceType.isNamespaced ? try context.parameters.require("namespace") : nil
    }

    /// The URL's namespace (namespaced types) and name, percent-decoded (Go's `url.PathEscape`, which sensuctl
    /// uses, sends a silence's `*` as `%2A`).
    static func address<R: Resource>(
        of type: R.Type, _ context: APIRequestContext, nameParameter: String
    ) throws -> (String?, String) {
        let raw = try context.parameters.require(nameParameter)
        return (try namespace(of: R.self, context), raw.removingPercentEncoding ?? raw)
    }

    /// The body field holding a type's name: `metadata.name`, or `name` / `username` for types without metadata.
    static func nameField<R: Resource>(of type: R.Type) -> String {
        switch R.resourceType {
        case .namespace: "name"
        case .user: "username"
        default: "metadata.name"
        }
    }

    /// Decodes the body, fills the URL's namespace (and name for `PUT`), then `finish`es it.
    /// - Throws: `APIError` 400 naming the field; 413 for an oversized body.
    func prepare<R: Resource>(
        _ type: R.Type, request: Request, context: APIRequestContext, namespace: String?, urlName: String? = nil
    ) async throws -> R {
        var resource = try Self.decode(
            R.self, from: try await Self.body(of: request), namespace: namespace, rejectingUnknownFields: true)
        if resource.metadata.name.isEmpty, let urlName, !(resource is Silenced) { resource.metadata.name = urlName }
        return try finish(resource, context: context)
    }

    /// Sets what the server owns — `created_by` (the authenticated user), a silence's derived name, creator and
    /// timing — and validates.
    /// - Throws: `APIError` 400 naming the field.
    func finish<R: Resource>(_ input: R, context: APIRequestContext) throws -> R {
        var resource = input
        if let subject = context.subject { resource.metadata.createdBy = subject }
        if var silenced = resource as? Silenced {
            silenced = try silencedForStore(silenced, subject: context.subject)
            if let typed = silenced as? R { resource = typed }
        }
        try Self.validate(resource)
        return resource
    }

    /// The resource as the API shows it, or `nil` when it is hidden: users never show `password` or
    /// `password_hash`; silences show the seconds left in `expire` and expired ones are gone.
    func present<R: Resource>(_ resource: R) -> R? {
        if var user = resource as? User {
            user.password = ""
            user.passwordHash = ""
            return user as? R
        }
        if let silenced = resource as? Silenced {
            return presentSilenced(silenced) as? R
        }
        return resource
    }

    /// The resource as the API shows it: users never show `password` or `password_hash`.
    static func redacted<R: Resource>(_ resource: R) -> R {
        guard var user = resource as? User else { return resource }
        user.password = ""
        user.passwordHash = ""
        return (user as? R) ?? resource
    }

    // MARK: Preconditions and patches

    /// How often a `PATCH` without precondition is merged again when the resource changed under it.
    static let patchAttempts = 5

    /// `412`: the resource changed between the precondition check and the write.
    static let changedConcurrently = APIError(
        .preconditionFailed, "If-Match: the resource was changed concurrently; read it again")

    /// One read-merge-write of a `PATCH`; returns `false` when the resource changed under it and the merge should
    /// be redone. - Throws: `APIError` 404, 400, 412 (`If-Match`, or the resource changed on the last attempt).
    func patchOnce<R: Resource>(
        _ type: R.Type, request: Request, context: APIRequestContext, patch: JSONValue, namespace: String?,
        name: String, lastAttempt: Bool
    ) async throws -> Bool {
        let (stored, current) = try await presentedResource(R.self, namespace: namespace ?? "", name: name)
        try Self.checkPreconditions(request, current: stored)
        var patched = try Self.decodeTree(
            R.self, JSONValue(encoding: current).merged(with: patch), namespace: namespace)
        if let namespace {
            try Self.requireMatch(namespace, patched.metadata.namespace, field: "metadata.namespace")
        }
        try Self.requireMatch(name, patched.metadata.name, field: Self.nameField(of: R.self))
        patched = try finish(patched, context: context)
        do {
            try await replace(patched, expected: ResourceVersion.of(stored))
            return true
        } catch let error as APIError where error == Self.changedConcurrently {
            if Self.hasPrecondition(request) || lastAttempt { throw error }
            return false
        }
    }

    /// Stores `resource` if its stored version is still `expected` (`nil`: still absent).
    /// - Throws: `APIError` 412 when it changed since (compare-and-swap), the store's error otherwise.
    func replace<R: Resource>(_ resource: R, expected: String?) async throws {
        do {
            try await store.replaceResource(resource, expectedVersion: expected)
        } catch {
            guard error.kind == .conflict else { throw error }
            throw Self.changedConcurrently
        }
    }

    /// Whether the request carries `If-Match` or `If-None-Match`.
    static func hasPrecondition(_ request: Request) -> Bool {
        request.headers[.ifMatch] != nil || request.headers[.ifNoneMatch] != nil
    }

    /// Checks `If-Match` (the current tag must be listed, or `*` with a resource present) and `If-None-Match`
    /// (it must not be). - Throws: `APIError` 412.
    static func checkPreconditions(_ request: Request, current: (some Encodable)?) throws(APIError) {
        let tag = current.map { ETag.of($0) }
        if let header = request.headers[.ifMatch] {
            guard let tag, ETag.header(header, matches: tag) else {
                throw APIError(.preconditionFailed, "If-Match: the resource's ETag does not match \(header)")
            }
        }
        if let header = request.headers[.ifNoneMatch], let tag, ETag.header(header, matches: tag) {
            throw APIError(.preconditionFailed, "If-None-Match: the resource's ETag matches \(header)")
        }
    }

    /// The request's JSON merge patch (RFC 7386). `Content-Type` must be `application/merge-patch+json`,
    /// `application/json` or absent. - Throws: `APIError` 400 (415-like content types, invalid JSON), 413.
    static func mergePatch(of request: Request) async throws -> JSONValue {
        if let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased(), !type.isEmpty, type != "application/merge-patch+json", type != "application/json"
        {
            throw APIError(
                .invalidArgument, "Content-Type: \(type) is not supported; use application/merge-patch+json")
        }
        let data = try await body(of: request)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw APIError(.invalidArgument, "invalid JSON merge patch")
        }
    }
}
