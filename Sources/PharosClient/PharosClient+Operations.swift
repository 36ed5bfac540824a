import Foundation
import NIOHTTP1
public import PharosCore

extension PharosClient {
    /// The path of one resource: its collection path and the escaped name.
    public static func resourcePath(_ type: ResourceType, name: String, namespace: String?) -> String {
        collectionPath(type, namespace: namespace) + "/" + escape(name)
    }

    /// Fetches one resource as the bare JSON the API sends (metadata inline).
    /// - Returns: The JSON object.
    /// - Throws: `ClientError` (`.server` with HTTP 404 when it does not exist; `.invalidResponse` for a body that
    ///   is not JSON).
    public func getJSON(_ path: String) async throws(ClientError) -> JSONValue {
        let answer = try await send(.GET, path)
        return try decode(JSONValue.self, from: answer.body, url: url(for: path))
    }

    /// Sends `value` as the JSON body of `method path`.
    /// - Returns: The 2xx answer (for `POST /apikeys` its `Location` header names the key).
    /// - Throws: `ClientError` for a non-2xx answer or no answer.
    @discardableResult
    public func sendJSON(_ method: HTTPMethodName, _ path: String, _ value: JSONValue) async throws(ClientError)
        -> Answer
    {
        let body: Data
        do {
            body = try Self.encoder.encode(value)
        } catch {
            throw ClientError(.invalidRequest(reason: "cannot encode the request body: \(error)"))
        }
        return try await send(method.nioMethod, path, body: body)
    }

    /// Sends `method path` without a body.
    /// - Returns: The 2xx answer.
    /// - Throws: `ClientError` for a non-2xx answer or no answer.
    @discardableResult
    public func request(_ method: HTTPMethodName, _ path: String) async throws(ClientError) -> Answer {
        try await send(method.nioMethod, path)
    }

    /// Deletes whatever `path` addresses; the server answers 204.
    /// - Throws: `ClientError` (`.server` with HTTP 404 when it does not exist).
    public func delete(path: String) async throws(ClientError) {
        _ = try await send(.DELETE, path)
    }

    /// Revokes the current tokens: `POST /auth/logout` (reference §2.2).
    /// - Throws: `ClientError` for a non-2xx answer or no answer.
    public func logout(refreshToken: String) async throws(ClientError) {
        let body = Data(#"{"refresh_token":"#.utf8) + jsonString(refreshToken) + Data("}".utf8)
        _ = try await send(.POST, "/auth/logout", body: body)
    }

    /// Requests an adhoc execution of a check: `POST /namespaces/{ns}/checks/{name}/execute` with
    /// `{"check", "subscriptions", "reason"}` (reference §2.1); the server answers 202.
    /// - Parameters:
    ///   - check: The check's name.
    ///   - namespace: Its namespace.
    ///   - subscriptions: Subscriptions overriding the check's own; empty keeps them.
    ///   - reason: Why, recorded in the request; empty sends none.
    /// - Throws: `ClientError` (404 for an unknown check).
    public func execute(
        check: String, namespace: String, subscriptions: [String], reason: String
    ) async throws(ClientError) {
        var body: [String: JSONValue] = ["check": .string(check)]
        if !subscriptions.isEmpty { body["subscriptions"] = .array(subscriptions.map(JSONValue.string)) }
        if !reason.isEmpty { body["reason"] = .string(reason) }
        let path = Self.resourcePath(.checkConfig, name: check, namespace: namespace) + "/execute"
        try await sendJSON(.post, path, .object(body))
    }

    /// The path of one event: `/api/core/v2/namespaces/{ns}/events/{entity}/{check}`.
    public static func eventPath(entity: String, check: String, namespace: String) -> String {
        resourcePath(.event, name: entity, namespace: namespace) + "/" + escape(check)
    }

    /// Resolves an event by hand (sensuctl `event resolve`, reference §9): fetches it, sets the check's status to
    /// 0, its output to `Resolved manually by <agent>` and `executed`/`timestamp` to `now`, and PUTs it back so it
    /// flows through event processing and the pipeline.
    /// - Parameters:
    ///   - entity: The entity's name.
    ///   - check: The check's name.
    ///   - namespace: The namespace.
    ///   - now: Seconds since the Unix epoch.
    ///   - by: The name put in the output (`sensuctl`, as Sensu writes it).
    /// - Throws: `ClientError` (404 when there is no such event).
    public func resolveEvent(
        entity: String, check: String, namespace: String, now: Int64, by: String = "sensuctl"
    ) async throws(ClientError) {
        let path = Self.eventPath(entity: entity, check: check, namespace: namespace)
        var event = try await getJSON(path)
        guard case .object(var fields) = event, case .object(var checkFields)? = fields["check"] else {
            throw ClientError(.invalidResponse(url: url(for: path), reason: "the event has no check"))
        }
        checkFields["status"] = .number(0)
        checkFields["output"] = .string("Resolved manually by \(by)")
        checkFields["executed"] = .number(Double(now))
        fields["check"] = .object(checkFields)
        fields["timestamp"] = .number(Double(now))
        event = .object(fields)
        try await sendJSON(.put, path, event)
    }

    /// Grants a new API key to `username`: `POST /api/core/v2/apikeys` with `{"username": …}`.
    /// - Returns: The key (the last segment of the answer's `Location` header, a UUID).
    /// - Throws: `ClientError` (404 for an unknown user; `.invalidResponse` when the answer names no key).
    public func grantAPIKey(username: String) async throws(ClientError) -> String {
        let path = "/api/core/v2/apikeys"
        let answer = try await sendJSON(.post, path, .object(["username": .string(username)]))
        if let location = answer.headers["location"], let key = location.split(separator: "/").last {
            return String(key)
        }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: answer.body),
            let key = value["metadata"]?["name"]?.stringValue ?? value["key"]?.stringValue
        {
            return key
        }
        throw ClientError(.invalidResponse(url: url(for: path), reason: "no Location header naming the new key"))
    }
}
