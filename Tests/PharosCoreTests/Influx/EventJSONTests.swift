import Foundation
import PharosCore
import Testing

@Suite struct EventJSONTests {
    @Test(arguments: [
        ("", "event: no input on stdin (expected a Sensu event as JSON)"),
        (" \n", "event: no input on stdin (expected a Sensu event as JSON)"),
        (
            "{\"entity\": {\n  \"metadata\": {\"name\": web}}}",
            "event: invalid JSON at line 2, column 24: expected a value, found 'w'"
        ),
        ("[1]", "event: the JSON value must be an object (a Sensu event)"),
    ])
    func refusesInputThatIsNotAnEvent(_ text: String, message: String) {
        do {
            _ = try EventJSON.parse(Data(text.utf8))
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func writesCompactSortedJSONWithExactIntegers() throws {
        let value: JSONValue = .object([
            "b": .array([.number(1_700_000_000_123_456_768), .number(0.015248), .number(-3), .null, .bool(true)]),
            "a": .string("quote \" backslash \\ newline \n tab \t bell \u{07} é"),
        ])
        let text = EventJSON.text(value)
        #expect(
            text
                == #"{"a":"quote \" backslash \\ newline \n tab \t bell \u0007 é","b":[1700000000123456768,0.015248,-3,null,true]}"#
        )
        #expect(try EventJSON.parse(Data(text.utf8)) == value)
    }

    @Test func decodesTheHandlerInputWithExactNanosecondTimestamps() throws {
        let text = """
            {"entity": {"metadata": {"name": "web-1", "namespace": "default"}, "extra": [1]},
             "metrics": {"handlers": ["influxdb"], "points": [
               {"name": "hits", "value": 3, "timestamp": 1700000000999999999, "tags": [{"name": "k", "value": "v"}]},
               {"name": "up", "value": 1}]}}
            """
        let input = try InfluxHandlerInput.decode(Data(text.utf8))
        #expect(input.entityName == "web-1")
        #expect(
            input.points == [
                MetricPoint(
                    name: "hits", value: 3, timestamp: 1_700_000_000_999_999_999,
                    tags: [MetricTag(name: "k", value: "v")]
                ),
                MetricPoint(name: "up", value: 1, timestamp: 0),
            ]
        )
        #expect(try InfluxHandlerInput.decode(Data("{}".utf8)) == InfluxHandlerInput(entityName: "", points: []))
    }

    @Test(arguments: [
        (#"{"metrics": {"points": [{"name": "a", "value": "x"}]}}"#, "event: metrics.points[0].value must be a number"),
        (#"{"metrics": {"points": [{"value": 1}]}}"#, "event: metrics.points[0].name must be present"),
        (#"{"metrics": {"points": {}}}"#, "event: metrics.points must be an array"),
        (#"{"entity": {"metadata": {"name": 5}}}"#, "event: entity.metadata.name must be a string"),
    ])
    func namesTheFieldOfABadHandlerInput(_ text: String, message: String) {
        do {
            _ = try InfluxHandlerInput.decode(Data(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.description == message)
        }
    }
}
