import PharosWire
import Testing

@Suite struct AgentFrameTests {
    @Test(arguments: [
        ("event\n{\"a\":1}", "event", "{\"a\":1}"),
        ("keepalive\n", "keepalive", ""),
        ("check_request\n{\"x\":\"a\\nb\"}\n", "check_request", "{\"x\":\"a\\nb\"}\n"),
        ("future_type\n[]", "future_type", "[]"),
    ])
    func splitsAtFirstNewline(_ raw: String, type: String, payload: String) throws {
        let frame = try AgentFrame(bytes: Array(raw.utf8))
        #expect(frame.type == type)
        #expect(String(decoding: frame.payload, as: UTF8.self) == payload)
        #expect(frame.bytes == Array(raw.utf8))
    }

    @Test(arguments: [
        ("no newline at all", "frame has no newline separating the message type from the payload"),
        ("\n{}", "frame type must be 1-64 printable ASCII characters"),
        ("ev ent\n{}", "frame type must be 1-64 printable ASCII characters"),
    ])
    func rejectsMalformedFrames(_ raw: String, message: String) {
        #expect(throws: WireError(message)) { try AgentFrame(bytes: Array(raw.utf8)) }
    }

    @Test func knownTypes() throws {
        #expect(try AgentFrame(bytes: Array("check_request\n{}".utf8)).messageType == .checkRequest)
        #expect(try AgentFrame(bytes: Array("entity_config\n{}".utf8)).messageType == .entityConfig)
        #expect(try AgentFrame(bytes: Array("goodbye\n{}".utf8)).messageType == .goodbye)
        #expect(try AgentFrame(bytes: Array("nope\n{}".utf8)).messageType == nil)
    }

    struct Sample: Codable, Equatable {
        var name: String
        var interval: UInt32
    }

    @Test func encodesAndDecodesPayloads() throws {
        let frame = try AgentFrame.make(.event, Sample(name: "check-nginx", interval: 10))
        #expect(frame.type == "event")
        #expect(try frame.decode(Sample.self) == Sample(name: "check-nginx", interval: 10))
    }

    @Test func decodeErrorsNameTheField() {
        let frame = AgentFrame(type: "event", payload: Array(#"{"name":"x","interval":"ten"}"#.utf8))
        #expect(throws: WireError("invalid event payload: interval: expected UInt32")) {
            try frame.decode(Sample.self)
        }
    }

    @Test(arguments: ErrorCode.allCases)
    func errorCodesMapToHTTP(_ code: ErrorCode) {
        let expected = [500, 400, 404, 409, 403, 401, 402, 412, 504][code.rawValue]
        #expect(code.httpStatus == expected)
    }
}
