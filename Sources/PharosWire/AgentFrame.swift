import Foundation

/// One WebSocket message of the agent protocol: `<type>` + `"\n"` + `<JSON payload>`, split at the first newline
/// (Sensu Go 6.x transport framing, reference §3.2). Pharos speaks the JSON codec only.
public struct AgentFrame: Sendable, Hashable {
    /// The message type as sent, e.g. `event`. Unknown types are kept so the receiver can log and ignore them.
    public var type: String
    /// The JSON payload bytes (UTF-8).
    public var payload: [UInt8]

    /// Creates a frame from its parts.
    public init(type: String, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    /// The largest frame a Pharos agent sends, in bytes (3 MiB): below the gateway's default maximum message size
    /// (`AgentGatewayConfiguration.maxMessageSize`, 4 MiB), so a check result is shortened by the agent (its output
    /// cut, labelled `sensu.io/output_truncated_bytes`) rather than refused by the backend.
    public static let agentMessageLimit = 3 << 20

    /// The known message type, or `nil` for a type this version does not understand.
    public var messageType: AgentMessageType? { AgentMessageType(rawValue: type) }

    /// Parses a frame from the bytes of one WebSocket message.
    /// - Throws: `WireError` when there is no newline or the type is empty or not printable ASCII.
    public init(bytes: some Collection<UInt8>) throws(WireError) {
        let all = Array(bytes)
        guard let newline = all.firstIndex(of: UInt8(ascii: "\n")) else {
            throw WireError("frame has no newline separating the message type from the payload")
        }
        let typeBytes = all[..<newline]
        guard !typeBytes.isEmpty, typeBytes.count <= 64, typeBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw WireError("frame type must be 1-64 printable ASCII characters")
        }
        self.type = String(decoding: typeBytes, as: UTF8.self)
        self.payload = Array(all[(newline + 1)...])
    }

    /// The bytes to send as one WebSocket message.
    public var bytes: [UInt8] {
        Array(type.utf8) + [UInt8(ascii: "\n")] + payload
    }

    /// Builds a frame whose payload is the JSON encoding of `value`.
    /// - Throws: `WireError` when `value` cannot be encoded.
    public static func make(_ type: AgentMessageType, _ value: some Encodable) throws(WireError) -> AgentFrame {
        do {
            let data = try JSONEncoder().encode(value)
            return AgentFrame(type: type.rawValue, payload: Array(data))
        } catch {
            throw WireError("cannot encode \(type.rawValue) payload: \(error)")
        }
    }

    /// Decodes the JSON payload as `T`.
    /// - Throws: `WireError` naming the message type and the field path of the first problem.
    public func decode<T: Decodable>(_: T.Type) throws(WireError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(payload))
        } catch let error as DecodingError {
            throw WireError("invalid \(type) payload: \(error.fieldPathDescription)")
        } catch {
            throw WireError("invalid \(type) payload: \(error)")
        }
    }
}

extension DecodingError {
    /// A one-line description naming the dotted field path, e.g. `check.interval: expected UInt32`.
    var fieldPathDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "payload" : joined.replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}
