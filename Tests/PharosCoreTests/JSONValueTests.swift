import Foundation
import PharosCore
import Testing

@Suite struct JSONValueTests {
    @Test(arguments: [
        (
            #"{"a":[1,2.5,"x",true,null]}"#,
            JSONValue.object(["a": .array([.number(1), .number(2.5), .string("x"), .bool(true), .null])])
        ),
        (#""s""#, JSONValue.string("s")),
        ("false", JSONValue.bool(false)),
    ])
    func decodesJSON(_ text: String, expected: JSONValue) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == expected)
    }

    @Test func integersEncodeWithoutFraction() throws {
        let data = try JSONEncoder().encode(JSONValue.array([.number(3), .number(0.5)]))
        #expect(String(decoding: data, as: UTF8.self) == "[3,0.5]")
    }

    @Test func roundTripsThroughEncodable() throws {
        let point = MetricPoint(
            name: "time", value: 0.5, timestamp: 1_700_000_000, tags: [MetricTag(name: "a", value: "b")])
        let tree = try JSONValue(encoding: point)
        #expect(tree["name"] == .string("time"))
        #expect(tree["timestamp"] == .number(1_700_000_000))
        #expect(try tree.decode(MetricPoint.self) == point)
    }
}
