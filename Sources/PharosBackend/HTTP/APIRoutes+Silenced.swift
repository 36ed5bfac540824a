import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// The silence sub-routes (reference §2.1): `GET /namespaces/{ns}/silenced/subscriptions/{sub}`,
    /// `GET /namespaces/{ns}/silenced/checks/{check}` and the same without a namespace (every namespace). They
    /// list the live silences of that subscription or check, paginated and filtered like any list.
    func addSilencedRoutes(to api: RouterGroup<APIRequestContext>) {
        for scope in ["/namespaces/:namespace/silenced", "/silenced"] {
            api.get(RouterPath(scope + "/subscriptions/:subscription")) { request, context -> Response in
                let subscription = try context.parameters.require("subscription")
                return try await silences(request, context) { $0.subscription == subscription }
            }
            api.get(RouterPath(scope + "/checks/:check")) { request, context -> Response in
                let check = try context.parameters.require("check")
                return try await silences(request, context) { $0.check == check }
            }
        }
    }

    private func silences(
        _ request: Request, _ context: APIRequestContext, where include: @escaping @Sendable (Silenced) -> Bool
    ) async throws -> Response {
        let namespace = context.parameters.get("namespace")
        if let namespace { try await requireNamespace(namespace) }
        let query = try ListQuery(request, type: .silenced)
        let page = try await store.resourcePage(
            Silenced.self, namespace: namespace, after: query.after, limit: query.limit,
            matching: { [self] silence in
                present(silence).map { include($0) && query.matches(SelectorFields($0)) } ?? false
            })
        return try Self.listResponse(ListQuery.response(page.items.compactMap { present($0) }, next: page.next))
    }

    /// A silence as stored: derived name, `creator` from the authenticated user, `begin` (0 = now) and the
    /// resolved `expire_at` (Sensu Go 6.12 default and maximum expiry, `SilenceExpiryPolicy`); `expire` keeps the
    /// silence's length in seconds (-1 when it never expires).
    /// - Throws: `APIError` 400 naming `begin`, `expire` or `expire_at`.
    func silencedForStore(_ input: Silenced, subject: String?) throws(APIError) -> Silenced {
        var silenced = input
        if silenced.metadata.name.isEmpty { silenced.metadata.name = silenced.derivedName }
        if let subject { silenced.creator = subject }
        let now = now()
        let timing: SilenceTiming
        do {
            timing = try silenceExpiry.timing(
                begin: silenced.begin, expire: silenced.expire, expireAt: silenced.expireAt, now: now)
        } catch {
            throw APIError(.invalidArgument, error.description)
        }
        silenced.begin = timing.begin
        silenced.expireAt = timing.expireAt
        silenced.expire = timing.expireAt == 0 ? -1 : timing.expireAt - max(timing.begin, now)
        return silenced
    }

    /// A silence as the API shows it: `expire` is the seconds left (-1: never expires) and `expire_at` the end;
    /// `nil` once it has expired.
    func presentSilenced(_ silenced: Silenced) -> Silenced? {
        let now = now()
        let expireAt =
            silenced.expireAt != 0 ? silenced.expireAt : (silenced.expire > 0 ? silenced.begin + silenced.expire : 0)
        if expireAt != 0, expireAt <= now { return nil }
        var shown = silenced
        shown.expireAt = expireAt
        shown.expire = SilenceExpiryPolicy.remainingSeconds(expireAt: expireAt, now: now)
        return shown
    }
}
